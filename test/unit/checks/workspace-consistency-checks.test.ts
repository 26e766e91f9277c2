import * as assert from 'assert';
import { rbac006 } from '../../../server/src/core/checks/rules/rbac006-invalid-rule';
import { rbac013 } from '../../../server/src/core/checks/rules/rbac013-service-account-wrong-namespace';
import { rbac015 } from '../../../server/src/core/checks/rules/rbac015-undefined-service-account';
import { rbac016 } from '../../../server/src/core/checks/rules/rbac016-default-service-account';
import { rbac017 } from '../../../server/src/core/checks/rules/rbac017-binding-in-other-namespace';
import { rbac018 } from '../../../server/src/core/checks/rules/rbac018-missing-namespace';
import { rbac022 } from '../../../server/src/core/checks/rules/rbac022-unsupported-verb';
import { rbac023 } from '../../../server/src/core/checks/rules/rbac023-incomplete-verbs';
import { rbac024 } from '../../../server/src/core/checks/rules/rbac024-unbound-role';
import { assertFixClears, compact, run } from '../../helpers/check-harness';
import { lineOf } from '../../helpers/text-position';

const role = (rules: string, kind = 'Role', name = 'app') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: ${name}
${kind === 'Role' ? '  namespace: shop\n' : ''}rules:
${rules}`;
const sa = (name: string, ns?: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}`;
const binding = (subjects: string, ns = 'shop', roleRef = 'kind: ClusterRole\n  name: view') => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: app
  namespace: ${ns}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  ${roleRef}
subjects:
${subjects}`;
const deployment = (spec: string, ns = '  namespace: shop\n', labels = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
${ns}${labels}spec:
  template:
    spec:
${spec}      containers:
        - name: web
          image: nginx
`;

describe('RBAC006 invalid rule', () => {
  it('flags missing verbs, nonResourceURLs in a Role, mixed rules, and resources without apiGroups', () => {
    const text = role('- apiGroups: [""]\n  resources: ["pods"]\n  verbs: []\n- nonResourceURLs: ["/metrics"]\n  verbs: ["get"]\n- resources: ["pods"]\n  verbs: ["get"]\n');
    assert.deepStrictEqual(compact(run(rbac006, { '/w/r.yaml': text })).map((f) => f.line), [lineOf(text, 'verbs: []'), lineOf(text, 'nonResourceURLs'), lineOf(text, '- resources')]);
    const mixed = role('- apiGroups: [""]\n  resources: ["pods"]\n  nonResourceURLs: ["/metrics"]\n  verbs: ["get"]\n', 'ClusterRole');
    assert.strictEqual(run(rbac006, { '/w/c.yaml': mixed }).length, 1);
  });
  it('accepts valid resource and non-resource rules', () => {
    assert.deepStrictEqual(run(rbac006, { '/w/c.yaml': role('- nonResourceURLs: ["/metrics"]\n  verbs: ["get"]\n- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["get"]\n', 'ClusterRole') }), []);
  });
  it('adds the apiGroups the resources need', () => {
    const after = assertFixClears(rbac006, { '/w/r.yaml': role('- resources:\n  - deployments\n  verbs: ["get"]\n') })['/w/r.yaml'];
    assert.ok(after.includes('- resources:\n  - deployments\n  apiGroups: ["apps"]\n'), after);
  });
});

describe('RBAC013 ServiceAccount subject in the wrong namespace', () => {
  const subjects = '- kind: ServiceAccount\n  name: web\n  namespace: default\n';
  it('warns when the ServiceAccount is defined in another namespace, and fixes the namespace', () => {
    const files = { '/w/b.yaml': binding(subjects), '/w/sa.yaml': sa('web', 'shop') };
    assert.deepStrictEqual(compact(run(rbac013, files)), [{ code: 'RBAC013', line: lineOf(files['/w/b.yaml'], 'namespace: default'), severity: 'warning' }]);
    assertFixClears(rbac013, files);
  });
  it('is silent when the ServiceAccount exists there, is unknown, or only has an assumed namespace', () => {
    assert.deepStrictEqual(run(rbac013, { '/w/b.yaml': binding(subjects), '/w/sa.yaml': sa('web', 'default') }), []);
    assert.deepStrictEqual(run(rbac013, { '/w/b.yaml': binding(subjects) }), []);
    assert.deepStrictEqual(run(rbac013, { '/w/b.yaml': binding(subjects), '/w/sa.yaml': sa('web') }), []);
  });
});

describe('RBAC015 workload with an undefined ServiceAccount', () => {
  const files = { '/w/d.yaml': deployment('      serviceAccountName: wbe\n'), '/w/sa.yaml': sa('web', 'shop') };
  it('warns with the nearest name when the namespace has ServiceAccounts', () => {
    const findings = run(rbac015, files);
    assert.deepStrictEqual(compact(findings), [{ code: 'RBAC015', line: lineOf(files['/w/d.yaml'], 'serviceAccountName'), severity: 'warning' }]);
    assert.strictEqual(findings[0].fixes[0].title, 'Change to web');
    assertFixClears(rbac015, files);
  });
  it('is silent when the manifests define no ServiceAccount in that namespace', () => {
    assert.deepStrictEqual(run(rbac015, { '/w/d.yaml': deployment('      serviceAccountName: wbe\n') }), []);
  });
  it('can create the ServiceAccount', () => {
    assertFixClears(rbac015, files, /Create/);
  });
});

describe('RBAC016 default ServiceAccount while a bound one exists', () => {
  const files = {
    '/w/d.yaml': deployment(''),
    '/w/sa.yaml': sa('web', 'shop'),
    '/w/b.yaml': binding('- kind: ServiceAccount\n  name: web\n'),
  };
  it('warns and sets serviceAccountName', () => {
    assert.deepStrictEqual(compact(run(rbac016, files)).map((f) => f.severity), ['warning']);
    const after = assertFixClears(rbac016, files)['/w/d.yaml'];
    assert.ok(after.includes('    spec:\n      serviceAccountName: web\n      containers:'), after);
  });
  it('with `serviceAccountName: default` written out: the finding is on that value and the fix replaces it', () => {
    for (const [field, written] of [['serviceAccountName', 'default'], ['serviceAccountName', '"default"'], ['serviceAccount', 'default']]) {
      const text = deployment(`      ${field}: ${written}  # chosen by the chart\n`);
      const explicit = { ...files, '/w/d.yaml': text };
      const [found] = run(rbac016, explicit);
      assert.deepStrictEqual(found.range.start, { line: lineOf(text, `${field}: `), character: text.split('\n')[lineOf(text, `${field}: `)].indexOf(written) });
      const after = assertFixClears(rbac016, explicit)['/w/d.yaml'];
      assert.strictEqual(after, text.replace(`${field}: ${written}`, `${field}: ${written.startsWith('"') ? '"web"' : 'web'}`));
    }
  });
  it('fills in an empty `serviceAccountName:` instead of adding a second key', () => {
    for (const empty of ['      serviceAccountName:\n', '      serviceAccountName: # set per cluster\n']) {
      const after = assertFixClears(rbac016, { ...files, '/w/d.yaml': deployment(empty) })['/w/d.yaml'];
      assert.strictEqual(after, deployment(empty.replace('serviceAccountName:', 'serviceAccountName: web').replace('web# ', 'web # ')));
    }
  });
  it('replaces both the field and its deprecated alias when both say default', () => {
    const text = deployment('      serviceAccountName: default\n      serviceAccount: default\n');
    const after = assertFixClears(rbac016, { ...files, '/w/d.yaml': text })['/w/d.yaml'];
    assert.ok(after.includes('      serviceAccountName: web\n      serviceAccount: web\n      containers:'), after);
  });
  it('is silent when the ServiceAccount is bound nowhere or the workload names one', () => {
    assert.deepStrictEqual(run(rbac016, { ...files, '/w/b.yaml': '' }), []);
    assert.deepStrictEqual(run(rbac016, { ...files, '/w/d.yaml': deployment('      serviceAccountName: other\n') }), []);
  });
});

describe('RBAC017 grant in a namespace where the ServiceAccount does not run', () => {
  const files = {
    '/w/d.yaml': deployment('      serviceAccountName: web\n'),
    '/w/sa.yaml': sa('web', 'shop'),
    '/w/b.yaml': binding('- kind: ServiceAccount\n  name: web\n  namespace: shop\n', 'payments'),
  };
  it('informs and offers the same binding where the workload runs', () => {
    assert.deepStrictEqual(compact(run(rbac017, files)).map((f) => f.severity), ['information']);
    const after = assertFixClears(rbac017, files)['/w/b.yaml'];
    assert.ok(after.includes('kind: RoleBinding\nmetadata:\n  name: app\n  namespace: shop\n'));
  });
  it('is silent when the ServiceAccount also has grants where it runs', () => {
    const both = { ...files, '/w/b2.yaml': binding('- kind: ServiceAccount\n  name: web\n', 'shop') };
    assert.deepStrictEqual(run(rbac017, both), []);
  });
});

describe('RBAC018 missing namespace', () => {
  it('warns on a RoleBinding without namespace bound to a Role that names one, and adds it', () => {
    const text = binding('- kind: User\n  name: alice\n', 'x', 'kind: Role\n  name: app').replace('  namespace: x\n', '');
    const files = { '/w/b.yaml': text, '/w/r.yaml': role('  []\n') };
    assert.deepStrictEqual(compact(run(rbac018, files)).map((f) => f.severity), ['warning']);
    assertFixClears(rbac018, files);
  });
  it('only informs for workloads installed with -n (a common, valid practice)', () => {
    const files = { '/w/d.yaml': deployment('      serviceAccountName: web\n', ''), '/w/sa.yaml': sa('web', 'shop') };
    assert.deepStrictEqual(compact(run(rbac018, files)).map((f) => f.severity), ['information']);
  });
  it('is silent when both sides name their namespace or neither does', () => {
    assert.deepStrictEqual(run(rbac018, { '/w/d.yaml': deployment('      serviceAccountName: web\n', ''), '/w/sa.yaml': sa('web') }), []);
  });
});

describe('RBAC022 verb the resource does not support', () => {
  it('flags special verbs and rules that grant nothing', () => {
    const text = role('- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["use"]\n- apiGroups: [""]\n  resources: ["pods/log"]\n  verbs: ["create"]\n');
    assert.deepStrictEqual(compact(run(rbac022, { '/w/r.yaml': text })).map((f) => f.line), [lineOf(text, '"use"'), lineOf(text, '"create"')]);
  });
  it('stays silent on harmless extra standard verbs and custom verbs', () => {
    assert.deepStrictEqual(run(rbac022, { '/w/r.yaml': role('- apiGroups: [""]\n  resources: ["pods/status"]\n  verbs: ["get", "list", "watch", "patch"]\n- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["knsubscribe"]\n') }), []);
  });
  it('removes the verb', () => {
    assertFixClears(rbac022, { '/w/r.yaml': role('- apiGroups: [""]\n  resources: ["configmaps"]\n  verbs: ["get", "impersonate"]\n') });
  });
});

describe('RBAC023 incomplete verb sets', () => {
  it('informs about watch without list and exec without get', () => {
    const text = role('- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["watch"]\n- apiGroups: [""]\n  resources: ["pods/exec"]\n  verbs: ["create"]\n');
    assert.deepStrictEqual(compact(run(rbac023, { '/w/r.yaml': text })).map((f) => [f.line, f.severity]), [[lineOf(text, '"watch"'), 'information'], [lineOf(text, '"create"'), 'information']]);
  });
  it('is silent when the companion is granted here or by another rule, and for informer-style updates', () => {
    assert.deepStrictEqual(run(rbac023, { '/w/r.yaml': role('- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["watch"]\n- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["list"]\n') }), []);
    assert.deepStrictEqual(run(rbac023, { '/w/r.yaml': role('- apiGroups: [""]\n  resources: ["configmaps"]\n  verbs: ["list", "watch", "update"]\n') }), []);
  });
  it('is silent when another rule grants the companion on named objects of the resource (the ones the client updates)', () => {
    const named = '- apiGroups: [""]\n  resources: ["secrets"]\n  resourceNames: ["certs"]\n  verbs: ["get"]\n- apiGroups: [""]\n  resources: ["secrets"]\n  verbs: ["create", "update"]\n';
    assert.deepStrictEqual(run(rbac023, { '/w/r.yaml': role(named) }), []);
    const otherResource = named.replace('resources: ["secrets"]\n  resourceNames', 'resources: ["configmaps"]\n  resourceNames');
    assert.strictEqual(run(rbac023, { '/w/r.yaml': role(otherResource) }).length, 1, 'a get by name on another resource does not count');
  });
  it('adds the companion verb', () => {
    assertFixClears(rbac023, { '/w/r.yaml': role('- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["watch"]\n') });
  });
});

describe('RBAC024 Role bound nowhere', () => {
  it('informs, naming the ServiceAccount that looks meant for it, and binds it', () => {
    const files = { '/w/r.yaml': role('  []\n', 'Role', 'web'), '/w/sa.yaml': sa('web', 'shop') };
    const [finding] = run(rbac024, files);
    assert.strictEqual(finding.severity, 'information');
    assert.match(finding.message, /ServiceAccount web in the same namespace/);
    assertFixClears(rbac024, files);
  });
  it('is silent for bound Roles and for ClusterRoles (published for others to bind)', () => {
    assert.deepStrictEqual(run(rbac024, { '/w/r.yaml': role('  []\n'), '/w/b.yaml': binding('- kind: User\n  name: a\n', 'shop', 'kind: Role\n  name: app') }), []);
    assert.deepStrictEqual(run(rbac024, { '/w/c.yaml': role('  []\n', 'ClusterRole') }), []);
  });
});
