import * as assert from 'assert';
import { rbac005 } from '../../../server/src/core/checks/rules/rbac005-cluster-resource-in-role';
import { rbac009 } from '../../../server/src/core/checks/rules/rbac009-missing-role';
import { rbac027 } from '../../../server/src/core/checks/rules/rbac027-invalid-name';
import { analyse } from '../../../server/src/core/analysis';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';
import { applyFix, modelOf, run } from '../../helpers/check-harness';
import { chartFiles, chartModel } from '../helm/chart-harness';

const roleWith = (verbs: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: app, namespace: shop}
rules:
- apiGroups: [""]
  resources: ["namespaces"]
  verbs: [${verbs}]
`;

describe('only documents with apiVersion and kind are objects', () => {
  it('a values.yaml with `kind: Role` and no apiVersion gets no RBAC027', () => {
    const values = 'kind: Role\nrules:\n  create: true\nmetadata:\n  labels: {}\n';
    assert.deepStrictEqual(run(rbac027, { '/w/chart/values.yaml': values, '/w/other/values.yaml': 'kind: RoleList\nitems:\n- kind: Role\n' }), []);
  });
  it('the same with an apiVersion is an object, and its missing name is still RBAC027', () => {
    const findings = run(rbac027, { '/w/role.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {namespace: shop}\nrules: []\n' });
    assert.deepStrictEqual(findings.map((f) => f.code), ['RBAC027']);
  });
  it('list items need their own apiVersion too', () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n- kind: Role\n  metadata: {}\n- apiVersion: rbac.authorization.k8s.io/v1\n  kind: Role\n  metadata: {}\n';
    assert.deepStrictEqual(run(rbac027, { '/w/list.yaml': list }).map((f) => f.range.start.line), [7]);
  });
});

const BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: app
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: ghost
subjects:
- kind: ServiceAccount
  name: app
`;

describe('RBAC009 judges a RoleBinding whatever its namespace field says', () => {
  it('no metadata.namespace, a roleRef to a Role that exists nowhere: RBAC009, as with the namespace', () => {
    const without = run(rbac009, { '/w/b.yaml': BINDING });
    const withNamespace = run(rbac009, { '/w/b.yaml': BINDING.replace('  name: app\nroleRef', '  name: app\n  namespace: shop\nroleRef') });
    assert.deepStrictEqual(without.map((f) => [f.code, f.range.start.line]), [['RBAC009', 7]]);
    assert.deepStrictEqual(withNamespace.map((f) => f.code), ['RBAC009']);
  });
  it('a Role of that name in some namespace: not judged while the binding\'s namespace is only assumed', () => {
    const role = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: ghost, namespace: shop}\nrules: []\n';
    assert.deepStrictEqual(run(rbac009, { '/w/b.yaml': BINDING, '/w/r.yaml': role }), []);
  });
  it('its "create the Role" fix leaves the namespace out too, so both land where they are applied, and clears the finding', () => {
    const files = { '/w/b.yaml': BINDING };
    const [finding] = run(rbac009, files);
    const create = finding.fixes.find((f) => f.title.startsWith('Create Role ghost'))!;
    const after = applyFix(files, create);
    assert.ok(after['/w/b.yaml'].includes('kind: Role\nmetadata:\n  name: ghost\nrules: []'), after['/w/b.yaml']);
    assert.deepStrictEqual(run(rbac009, after), []);
    assert.ok(modelOf(after).index.roles.length === 1);
  });
});

describe('RBAC005: the `namespaces` exception applies per verb', () => {
  it('list and watch beside get are reported, naming them', () => {
    const findings = run(rbac005, { '/w/r.yaml': roleWith('"get", "list", "watch"') });
    assert.deepStrictEqual(findings.map((f) => [f.code, f.severity, f.range.start.line]), [['RBAC005', 'error', 5]]);
    assert.match(findings[0].message, /cannot grant `list`, `watch` on `namespaces`/);
    assert.deepStrictEqual(findings[0].fixes, [], 'moving the resource would widen get cluster-wide');
  });
  it('for update, patch and delete alike', () => {
    for (const verb of ['update', 'patch', 'delete']) assert.strictEqual(run(rbac005, { '/w/r.yaml': roleWith(`"${verb}", "create"`) }).length, 1, verb);
  });
  it('get, update, patch, delete and * alone are silent; list and watch alone are reported as before', () => {
    assert.deepStrictEqual(run(rbac005, { '/w/r.yaml': roleWith('"get", "update", "patch", "delete"') }), []);
    assert.deepStrictEqual(run(rbac005, { '/w/r.yaml': roleWith('"*"') }), []);
    const alone = run(rbac005, { '/w/r.yaml': roleWith('"list", "watch"') });
    assert.match(alone[0].message, /Role cannot grant `namespaces`/);
    assert.strictEqual(alone[0].fixes.length, 1);
  });
});

describe('RBAC006: a rule field printed from a value no values file sets is not known, not empty', () => {
  const rbac006In = (template: string, values: string) =>
    analyse(chartModel(chartFiles({ 'role.yaml': `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: app\n  namespace: shop\nrules:\n${template}` }, values)), DEFAULT_SETTINGS)
      .findings.filter((f) => f.code === 'RBAC006').map((f) => f.range.start.line);

  it('`verbs: {{ toJson .Values.unknown }}`, `{{ .Values.unknown }}`, a missing key of a map, and `toYaml` on the lines below: no RBAC006', () => {
    for (const verbs of ['{{ toJson .Values.unknown }}', '{{ .Values.unknown }}', '{{ .Values.rbac.verbs | toJson }}', '\n{{ toYaml .Values.unknown | indent 2 }}', '{{ toJson .Values.placeholder }}']) {
      assert.deepStrictEqual(rbac006In(`- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ${verbs}\n`, 'rbac: {}\nplaceholder: null\n'), [], verbs);
    }
    assert.deepStrictEqual(rbac006In('- apiGroups: [""]\n  resources: {{ toJson .Values.unknown }}\n  verbs: ["get"]\n', '{}\n'), []);
  });

  it('an empty list a values file sets is known and judged; so are rules written out, and other problems of a printed rule', () => {
    assert.deepStrictEqual(rbac006In('- apiGroups: [""]\n  resources: ["pods"]\n  verbs: {{ toJson .Values.verbs }}\n', 'verbs: []\n'), [8]);
    assert.deepStrictEqual(rbac006In('- resources: ["pods"]\n  verbs: ["get"]\n', '{}\n'), [6]);
    assert.deepStrictEqual(rbac006In('- nonResourceURLs: ["/healthz"]\n  verbs: {{ toJson .Values.verbs }}\n', 'verbs: [get]\n'), [6]);
  });
});
