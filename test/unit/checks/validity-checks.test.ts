import * as assert from 'assert';
import { rbac004 } from '../../../server/src/core/checks/rules/rbac004-version-in-api-groups';
import { rbac010 } from '../../../server/src/core/checks/rules/rbac010-invalid-role-ref';
import { rbac012 } from '../../../server/src/core/checks/rules/rbac012-invalid-subject';
import { rbac019 } from '../../../server/src/core/checks/rules/rbac019-namespace-on-cluster-object';
import { rbac020 } from '../../../server/src/core/checks/rules/rbac020-removed-api-version';
import { assertFixClears, compact, run } from '../../helpers/check-harness';
import { lineOf } from '../../helpers/text-position';

const role = (rulesYaml: string, header = 'apiVersion: rbac.authorization.k8s.io/v1') => `${header}
kind: Role
metadata:
  name: app
  namespace: shop
rules:
${rulesYaml}`;

const binding = (body: string, kind = 'RoleBinding') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: app
${kind === 'RoleBinding' ? '  namespace: shop\n' : ''}${body}`;

describe('RBAC004 version inside apiGroups', () => {
  const text = role(`# keep me
- apiGroups: ["apps/v1", "v1", "batch"]
  resources: ["deployments", "jobs"]
  verbs: ["get"]
`);
  it('flags each group that carries a version', () => {
    assert.deepStrictEqual(compact(run(rbac004, { '/w/r.yaml': text })), [
      { code: 'RBAC004', line: lineOf(text, 'apps/v1'), severity: 'error' },
      { code: 'RBAC004', line: lineOf(text, 'apps/v1'), severity: 'error' },
    ]);
  });
  it('is silent on plain groups, "" and custom groups', () => {
    assert.deepStrictEqual(run(rbac004, { '/w/r.yaml': role('- apiGroups: ["", "apps", "monitoring.coreos.com", "*"]\n  resources: ["*"]\n  verbs: ["get"]\n') }), []);
  });
  it('strips the version, keeping comments', () => {
    const after = assertFixClears(rbac004, { '/w/r.yaml': text });
    assert.ok(after['/w/r.yaml'].includes('["apps", "v1", "batch"]'));
  });
});

describe('RBAC010 invalid roleRef', () => {
  it('flags a ClusterRoleBinding to a Role, a wrong apiGroup, an unknown kind and a missing name', () => {
    const crb = binding('roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: app\nsubjects: []\n', 'ClusterRoleBinding');
    assert.deepStrictEqual(compact(run(rbac010, { '/w/b.yaml': crb })), [{ code: 'RBAC010', line: lineOf(crb, 'kind: Role'), severity: 'error' }]);
    const wrongGroup = binding('roleRef:\n  apiGroup: rbac.authorization.k8s.io/v1\n  kind: Role\n  name: app\n');
    assert.deepStrictEqual(compact(run(rbac010, { '/w/b.yaml': wrongGroup })).map((f) => f.line), [lineOf(wrongGroup, 'apiGroup: rbac.authorization.k8s.io/v1')]);
    const unknownKind = binding('roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: role\n  name: app\n');
    assert.strictEqual(run(rbac010, { '/w/b.yaml': unknownKind }).length, 1);
    const noName = binding('roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n');
    assert.match(run(rbac010, { '/w/b.yaml': noName })[0].message, /roleRef.name is required/);
  });
  it('accepts a valid roleRef and an empty apiGroup (defaulted by the API server)', () => {
    assert.deepStrictEqual(run(rbac010, { '/w/b.yaml': binding('roleRef: {apiGroup: "", kind: ClusterRole, name: view}\n') }), []);
    assert.deepStrictEqual(run(rbac010, { '/w/b.yaml': binding('roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\n', 'ClusterRoleBinding') }), []);
  });
  it('fixes the apiGroup and the kind', () => {
    assertFixClears(rbac010, { '/w/b.yaml': binding('roleRef:\n  apiGroup: rbac.authorization.k8s.io/v1 # typo\n  kind: Role\n  name: app\n') });
    const files = {
      '/w/b.yaml': binding('roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Roles\n  name: app\n'),
      '/w/r.yaml': role('- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["get"]\n'),
    };
    const after = assertFixClears(rbac010, files, /Role$/);
    assert.ok(after['/w/b.yaml'].includes('kind: Role\n'));
  });
});

describe('RBAC012 invalid subject', () => {
  it('flags unknown kinds, wrong apiGroups, and a ServiceAccount without namespace in a ClusterRoleBinding', () => {
    const text = binding(`roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- kind: serviceaccount
  name: a
- kind: ServiceAccount
  name: b
  namespace: shop
  apiGroup: rbac.authorization.k8s.io
- kind: User
  name: alice
  apiGroup: ""
- kind: ServiceAccount
  name: c
`, 'ClusterRoleBinding');
    assert.deepStrictEqual(compact(run(rbac012, { '/w/b.yaml': text })).map((f) => f.line), [
      lineOf(text, 'kind: serviceaccount'),
      lineOf(text, 'apiGroup: rbac.authorization.k8s.io\n- kind: User'),
      lineOf(text, 'name: c'),
    ]);
  });
  it('accepts valid subjects; a RoleBinding ServiceAccount may omit its namespace', () => {
    const text = binding(`roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: app}
subjects:
- {kind: ServiceAccount, name: app}
- {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}
- {kind: Group, name: devs}
`);
    assert.deepStrictEqual(run(rbac012, { '/w/b.yaml': text }), []);
  });
  it('fixes kind case and the namespace of a ClusterRoleBinding ServiceAccount', () => {
    assertFixClears(rbac012, { '/w/b.yaml': binding('roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: app}\nsubjects:\n- kind: serviceAccount\n  name: app\n') });
    const after = assertFixClears(rbac012, {
      '/w/b.yaml': binding('roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n  - kind: ServiceAccount\n    name: app\n', 'ClusterRoleBinding'),
      '/w/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  namespace: shop\n',
    });
    assert.ok(after['/w/b.yaml'].includes('    name: app\n    namespace: shop\n'));
  });
});

describe('RBAC019 namespace on cluster-scoped objects', () => {
  const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: reader
  namespace: kubeflow # ignored
rules: []
`;
  it('flags it and removes it: information on a ClusterRole (nothing changes), a warning on a ClusterRoleBinding', () => {
    assert.deepStrictEqual(compact(run(rbac019, { '/w/c.yaml': text })), [{ code: 'RBAC019', line: lineOf(text, 'namespace: kubeflow'), severity: 'information' }]);
    const binding = text.replace('kind: ClusterRole', 'kind: ClusterRoleBinding').replace('rules: []', 'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}');
    const [warning] = run(rbac019, { '/w/b.yaml': binding });
    assert.strictEqual(warning.severity, 'warning');
    assert.match(warning.message, /grants in every namespace, not only in kubeflow/);
    const after = assertFixClears(rbac019, { '/w/c.yaml': text.replace(' # ignored', '') });
    assert.ok(!after['/w/c.yaml'].includes('namespace'));
  });
  it('is silent on namespaced kinds', () => {
    assert.deepStrictEqual(run(rbac019, { '/w/r.yaml': role('  []\n') }), []);
  });
});

describe('RBAC020 removed RBAC apiVersion', () => {
  it('flags v1beta1 and v1alpha1 and upgrades them', () => {
    const text = role('  []\n', 'apiVersion: rbac.authorization.k8s.io/v1beta1');
    assert.deepStrictEqual(compact(run(rbac020, { '/w/r.yaml': text })), [{ code: 'RBAC020', line: 0, severity: 'error' }]);
    assertFixClears(rbac020, { '/w/r.yaml': text });
  });
  it('is silent on v1', () => {
    assert.deepStrictEqual(run(rbac020, { '/w/r.yaml': role('  []\n') }), []);
  });
});
