import * as assert from 'assert';
import { rbac007 } from '../../../server/src/core/checks/rules/rbac007-resource-names-without-name';
import { rbac008 } from '../../../server/src/core/checks/rules/rbac008-rules-in-aggregated-role';
import { rbac014 } from '../../../server/src/core/checks/rules/rbac014-user-subject-is-service-account';
import { rbac021 } from '../../../server/src/core/checks/rules/rbac021-duplicate-object';
import { assertFixClears, compact, run } from '../../helpers/check-harness';
import { lineOf } from '../../helpers/text-position';

describe('RBAC007 resourceNames with verbs that carry no name', () => {
  const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: lock, namespace: shop}
rules:
  # leader election
  - apiGroups: ["coordination.k8s.io"]
    resources: ["leases"]
    resourceNames: ["shop-lock"]
    verbs: ["get", "update", "create"]
`;
  it('warns when create is all the rule does, informs when it is dead weight next to named verbs, and on list/watch', () => {
    const createOnly = text.replace('"get", "update", "create"', '"create"');
    assert.deepStrictEqual(compact(run(rbac007, { '/w/r.yaml': createOnly })), [{ code: 'RBAC007', line: lineOf(createOnly, '"create"'), severity: 'warning' }]);
    assert.deepStrictEqual(compact(run(rbac007, { '/w/r.yaml': text })), [{ code: 'RBAC007', line: lineOf(text, '"create"'), severity: 'information' }]);
    const listing = text.replace('"get", "update", "create"', '"get", "list"');
    assert.deepStrictEqual(compact(run(rbac007, { '/w/r.yaml': listing })), [{ code: 'RBAC007', line: lineOf(listing, '"list"'), severity: 'information' }]);
  });
  it('is silent without resourceNames or with named verbs only', () => {
    assert.deepStrictEqual(run(rbac007, { '/w/r.yaml': text.replace(', "create"', '') }), []);
    assert.deepStrictEqual(run(rbac007, { '/w/r.yaml': text.replace('    resourceNames: ["shop-lock"]\n', '') }), []);
  });
  it('splits the rule: create moves to a rule without resourceNames', () => {
    const after = assertFixClears(rbac007, { '/w/r.yaml': text })['/w/r.yaml'];
    assert.ok(after.includes('verbs: ["get", "update"]\n  - apiGroups: ["coordination.k8s.io"]\n    resources: ["leases"]\n    verbs: ["create"]\n'), after);
  });
  it('splits block-style verb lists too', () => {
    const block = text.replace('    verbs: ["get", "update", "create"]\n', '    verbs:\n    - get\n    - create\n');
    const after = assertFixClears(rbac007, { '/w/r.yaml': block })['/w/r.yaml'];
    assert.ok(after.endsWith('    verbs:\n    - get\n  - apiGroups: ["coordination.k8s.io"]\n    resources: ["leases"]\n    verbs: ["create"]\n'), after);
  });
});

describe('RBAC008 rules in an aggregated ClusterRole', () => {
  const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: monitoring
aggregationRule:
  clusterRoleSelectors:
  - matchLabels:
      example.com/aggregate-to-monitoring: "true"
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get"]
`;
  it('flags rules that the controller overwrites', () => {
    assert.deepStrictEqual(compact(run(rbac008, { '/w/c.yaml': text })), [{ code: 'RBAC008', line: lineOf(text, 'rules:'), severity: 'warning' }]);
  });
  it('is silent when rules are empty or there is no aggregationRule', () => {
    assert.deepStrictEqual(run(rbac008, { '/w/c.yaml': text.replace(/rules:[\s\S]*/, 'rules: []\n') }), []);
    assert.deepStrictEqual(run(rbac008, { '/w/c.yaml': text.replace(/aggregationRule:[\s\S]*?(?=rules:)/, '') }), []);
  });
  it('moves the rules to a labelled ClusterRole', () => {
    const after = assertFixClears(rbac008, { '/w/c.yaml': text })['/w/c.yaml'];
    assert.ok(after.includes('kind: ClusterRole\nmetadata:\n  name: monitoring-rules\n  labels:\n    example.com/aggregate-to-monitoring: "true"\nrules:\n- apiGroups: [""]'), after);
  });
});

describe('RBAC014 User subject that is a ServiceAccount', () => {
  const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- kind: User
  name: system:serviceaccount:shop:web
  apiGroup: rbac.authorization.k8s.io
- kind: User
  name: alice
`;
  it('informs and converts the subject', () => {
    assert.deepStrictEqual(compact(run(rbac014, { '/w/b.yaml': text })), [{ code: 'RBAC014', line: lineOf(text, 'kind: User'), severity: 'information' }]);
    const after = assertFixClears(rbac014, { '/w/b.yaml': text })['/w/b.yaml'];
    assert.ok(after.includes('- kind: ServiceAccount\n  name: web\n  namespace: shop\n- kind: User\n  name: alice\n'), after);
  });
});

describe('RBAC021 the same object twice', () => {
  const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: shop\n';
  it('warns in the same file, informs across files, with the other place as related information', () => {
    const same = run(rbac021, { '/w/a.yaml': `${sa}---\n${sa}` });
    assert.deepStrictEqual(same.map((f) => f.severity), ['warning', 'warning']);
    const across = run(rbac021, { '/w/a.yaml': sa, '/w/b.yaml': sa });
    assert.deepStrictEqual(across.map((f) => [f.severity, f.related?.[0].location.file]), [['information', '/w/b.yaml'], ['information', '/w/a.yaml']]);
  });
  it('is silent for different namespaces or kinds', () => {
    assert.deepStrictEqual(run(rbac021, { '/w/a.yaml': sa, '/w/b.yaml': sa.replace('shop', 'other') }), []);
  });
});
