import * as assert from 'assert';
import { rbac006 } from '../../../server/src/core/checks/rules/rbac006-invalid-rule';
import { rbac010 } from '../../../server/src/core/checks/rules/rbac010-invalid-role-ref';
import { rbac026 } from '../../../server/src/core/checks/rules/rbac026-unreadable-document';
import { nameProblem, rbac027 } from '../../../server/src/core/checks/rules/rbac027-invalid-name';
import { describeSummary, foundManifests, readingSummary } from '../../../server/src/core/model/reading-summary';
import { assertFixClears, compact, modelOf, run, runAll } from '../../helpers/check-harness';
import { lineOf, positionOf } from '../../helpers/text-position';

/** What the API server validates on RBAC objects (RBAC-SEMANTICS 3) and what the parser refuses. */
describe('RBAC027 missing or invalid object name', () => {
  it('follows the API server: required unless generateName, no . or .., no / or %, colons fine', () => {
    assert.match(nameProblem(undefined, undefined)!, /no metadata.name/);
    assert.match(nameProblem('', undefined)!, /no metadata.name/);
    assert.strictEqual(nameProblem(undefined, 'reader-'), undefined);
    assert.match(nameProblem('.', undefined)!, /cannot be a name/);
    assert.match(nameProblem('..', undefined)!, /cannot be a name/);
    assert.match(nameProblem('a/b', undefined)!, /may not contain/);
    assert.match(nameProblem('50%', undefined)!, /may not contain/);
    for (const fine of ['system:controller:x', 'a.b', '...', 'x..y']) assert.strictEqual(nameProblem(fine, undefined), undefined, fine);
  });

  const nameless = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  namespace: shop  # team shop\nrules: []\n';
  it('reports a Role without a name at metadata, and a binding without metadata at kind', () => {
    assert.deepStrictEqual(compact(run(rbac027, { '/w/reader.yaml': nameless })), [{ code: 'RBAC027', line: lineOf(nameless, 'metadata:'), severity: 'error' }]);
    const binding = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects: []\n';
    const [finding] = run(rbac027, { '/w/b.yaml': binding });
    assert.deepStrictEqual(finding.range.start, positionOf(binding, 'kind:'));
    assert.deepStrictEqual(finding.fixes.map((f) => f.title), ['Add metadata.name: view']);
    const after = assertFixClears(rbac027, { '/w/b.yaml': binding })['/w/b.yaml'];
    assert.ok(after.includes('kind: ClusterRoleBinding\nmetadata:\n  name: view\nroleRef:'), after);
  });
  it('adds the name into metadata, named after the file, keeping comments', () => {
    const after = assertFixClears(rbac027, { '/w/reader.yaml': nameless })['/w/reader.yaml'];
    assert.ok(after.includes('metadata:\n  name: reader\n  namespace: shop  # team shop\n'), after);
    assert.deepStrictEqual(runAll({ '/w/reader.yaml': after }).filter((f) => f.severity === 'error'), []);
  });
  it('reports a/b, 50% and .. at the name; replaces / and % with -', () => {
    const text = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: "a/b"}\nrules: []\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: "..", namespace: shop}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\n';
    const findings = run(rbac027, { '/w/x.yaml': text });
    assert.deepStrictEqual(findings.map((f) => f.range.start), [positionOf(text, '"a/b"'), positionOf(text, '".."')]);
    assert.deepStrictEqual(findings.map((f) => f.fixes.map((x) => x.title)), [['Change to a-b'], []]);
    assert.ok(assertFixClears(rbac027, { '/w/x.yaml': text })['/w/x.yaml'].includes('metadata: {name: "a-b"}'));
  });
  it('is silent on a nameless kustomize patch (its target selects the object), not on a nameless resource', () => {
    const kustomization = 'resources:\n- role.yaml\npatches:\n- path: patches/role-patch.yaml\n  target: {kind: Role}\n';
    const files = { '/w/k/kustomization.yaml': kustomization, '/w/k/patches/role-patch.yaml': nameless, '/w/k/role.yaml': nameless };
    assert.deepStrictEqual(run(rbac027, files).map((f) => f.file), ['/w/k/role.yaml']);
  });
  it('checks the items of a List, and is silent on good names, generateName and other kinds', () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: rbac.authorization.k8s.io/v1\n  kind: ClusterRole\n  metadata: {name: "x%y"}\n  rules: []\n';
    assert.deepStrictEqual(compact(run(rbac027, { '/w/l.yaml': list })), [{ code: 'RBAC027', line: lineOf(list, 'x%y'), severity: 'error' }]);
    const fine = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: "system:controller:x"}\nrules: []\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {generateName: tmp-, namespace: a}\nrules: []\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {namespace: a}\n';
    assert.deepStrictEqual(run(rbac027, { '/w/f.yaml': fine }), []);
    // A Helm template's name is known only after rendering, even where `{{ }}` happens to parse as YAML.
    assert.deepStrictEqual(run(rbac027, { '/w/t.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: {{ include "x" . }}\nrules: []\n' }), []);
  });
});

describe('RBAC010 roleRef.name with the same rules', () => {
  it('is an error for a/b (and RBAC009 stays silent), silent for system: names', () => {
    const text = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: b}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "shop/reader"}\nsubjects: []\n';
    assert.deepStrictEqual(compact(runAll({ '/w/b.yaml': text })).filter((f) => f.severity !== 'information'), [{ code: 'RBAC010', line: lineOf(text, 'shop/reader'), severity: 'error' }]);
    assert.deepStrictEqual(run(rbac010, { '/w/b.yaml': text.replace('shop/reader', 'system:controller:x') }), []);
  });
});

describe('RBAC006 empty aggregationRule', () => {
  const text = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: monitoring}\naggregationRule:\n  clusterRoleSelectors: []\nrules: []  # filled by the controller\n';
  it('is an error at aggregationRule', () => {
    assert.deepStrictEqual(compact(run(rbac006, { '/w/c.yaml': text })), [{ code: 'RBAC006', line: lineOf(text, 'aggregationRule'), severity: 'error' }]);
    assert.strictEqual(run(rbac006, { '/w/c.yaml': text.replace('  clusterRoleSelectors: []\n', '  {}\n').replace('aggregationRule:\n', 'aggregationRule:') }).length, 1);
  });
  it('is silent with a selector, and with an empty (null) aggregationRule', () => {
    assert.deepStrictEqual(run(rbac006, { '/w/c.yaml': text.replace('[]\nrules', '\n  - matchLabels: {team: a}\nrules') }), []);
    assert.deepStrictEqual(run(rbac006, { '/w/c.yaml': text.replace('  clusterRoleSelectors: []\n', '') }), []);
  });
  it('removes the empty aggregationRule', () => {
    assert.ok(!assertFixClears(rbac006, { '/w/c.yaml': text })['/w/c.yaml'].includes('aggregationRule'));
  });
});

describe('RBAC026 unreadable YAML document', () => {
  const broken = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: app, namespace: shop}\nrules:\n- apiGroups: [""]\n  resources: ["pods"\n  verbs: ["get"]\n';
  const good = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\n';
  it('reports the parser\'s message at its position, as an error, and other documents are still read', () => {
    const findings = run(rbac026, { '/w/r.yaml': `${good}---\n${broken}` });
    assert.deepStrictEqual(compact(findings), [{ code: 'RBAC026', line: lineOf(`${good}---\n${broken}`, 'verbs:'), severity: 'error' }]);
    assert.match(findings[0].message, /^YAML syntax error: Flow sequence .* end with a \]\. /);
    assert.deepStrictEqual(findings[0].fixes, []);
    assert.strictEqual(runAll({ '/w/r.yaml': `${good}---\n${broken}` }).filter((f) => f.code === 'RBAC024').length, 0);
  });
  it('is silent on Helm templates, on empty documents and on valid YAML', () => {
    const template = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: {{ include "x" . }}\nrules: []\n';
    assert.deepStrictEqual(run(rbac026, { '/w/t.yaml': template, '/w/e.yaml': '---\n# nothing\n---\n', '/w/g.yaml': good }), []);
  });
  it('also reads the documents of kinds RBAC skims (a ConfigMap), but not YAML that is not Kubernetes', () => {
    const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: b}\ndata:\n  x: [1\n';
    assert.deepStrictEqual(compact(run(rbac026, { '/w/cm.yaml': configMap })), [{ code: 'RBAC026', line: lineOf(configMap, 'x: [1'), severity: 'error' }]);
    assert.deepStrictEqual(run(rbac026, { '/w/ci.yaml': 'name: ci\non: [push\n', '/w/j.json.yaml': '{"name": [1}\n' }), []);
    const json = '{"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "a"}\n';
    assert.strictEqual(run(rbac026, { '/w/sa.yaml': json }).length, 1);
  });
  it('counts what was read, so that clean is told from not looked at', () => {
    const model = modelOf({
      '/w/a.yaml': `${good}---\n${broken}---\n# nothing\n`,
      '/w/t.yaml': 'kind: Role\nmetadata:\n  name: {{ .Release.Name }}-x\n',
      '/w/ci.yaml': 'name: ci\non: push\n',
    });
    const summary = readingSummary(model.allFiles());
    assert.deepStrictEqual(summary, { files: 3, documents: 1, unreadable: 1, skipped: { templates: 1, notKubernetes: 1 } });
    assert.strictEqual(describeSummary(summary), '3 files read: 1 document analysed, 1 unreadable, 2 skipped (1 template, 1 non-Kubernetes YAML).');
    assert.ok(foundManifests(summary));
    assert.ok(!foundManifests(readingSummary(modelOf({ '/w/ci.yaml': 'name: ci\n', '/w/e.yaml': '---\n---\n' }).allFiles())));
  });
  it('points at the last line when the parser runs out of text', () => {
    const text = 'kind: Role\nmetadata: [unclosed\n';
    assert.deepStrictEqual(compact(run(rbac026, { '/w/r.yaml': text })), [{ code: 'RBAC026', line: 1, severity: 'error' }]);
  });
  it('disappears once the document is repaired', () => {
    assert.deepStrictEqual(run(rbac026, { '/w/r.yaml': broken.replace('["pods"\n', '["pods"]\n') }), []);
  });
});
