import * as assert from 'node:assert';
import { accessReviewBody, accessReviewSpec } from '../../../server/src/core/cluster/access-review';
import { policyFromCluster, withAppliedObjects } from '../../../server/src/core/cluster/live-policy';
import type { ClusterSnapshot } from '../../../server/src/core/cluster/snapshot';
import { identityOf } from '../../../server/src/core/rbac/subjects';

describe('cluster: live RBAC objects', () => {
  const policy = policyFromCluster({
    clusterRoles: [
      { metadata: { name: 'view', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } }, rules: null, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'b' } }] } },
      { metadata: { name: 'auditor' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] },
      { metadata: {} },
    ],
    roles: [{ metadata: { name: 'r', namespace: 'shop' }, rules: [] }],
    roleBindings: [{ metadata: { name: 'b', namespace: 'shop' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' }, subjects: null }],
    clusterRoleBindings: [{ metadata: { name: 'no-ref' } }],
  }, 'kind-dev');

  it('keeps kinds, namespaces, rules and aggregation; drops objects without name or roleRef', () => {
    assert.deepStrictEqual(policy.roles.map((r) => `${r.kind}/${r.namespace ?? ''}/${r.name}`), ['Role/shop/r', 'ClusterRole//view', 'ClusterRole//auditor']);
    assert.deepStrictEqual(policy.bindings.map((b) => `${b.kind}/${b.namespace}/${b.name}`), ['RoleBinding/shop/b']);
    assert.deepStrictEqual(policy.roles[1].rules, []);
    assert.ok(policy.roles[1].aggregationRule);
    assert.deepStrictEqual(policy.bindings[0].subjects, []);
  });

  it('marks every object with the context, and the cluster\'s defaults as defaults', () => {
    assert.deepStrictEqual(policy.roles.map((r) => r.origin), [
      { source: 'cluster', cluster: 'kind-dev' }, { source: 'builtin', cluster: 'kind-dev' }, { source: 'cluster', cluster: 'kind-dev' },
    ]);
  });
});

describe('cluster: access review bodies', () => {
  it('a SubjectAccessReview carries the user, the ServiceAccount groups and the resource attributes', () => {
    const body = accessReviewBody(accessReviewSpec(
      { kind: 'resource', verb: 'list', apiGroup: '', resource: 'secrets', namespace: 'shop' },
      identityOf('system:serviceaccount:shop:checkout'),
    ));
    assert.deepStrictEqual(body, {
      apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview',
      spec: {
        resourceAttributes: { verb: 'list', group: '', resource: 'secrets', namespace: 'shop' },
        user: 'system:serviceaccount:shop:checkout',
        groups: ['system:serviceaccounts', 'system:serviceaccounts:shop', 'system:authenticated'],
      },
    });
  });

  it('without a user it is a SelfSubjectAccessReview; subresource, name and non-resource paths are kept', () => {
    assert.deepStrictEqual(accessReviewBody(accessReviewSpec({ kind: 'resource', verb: 'get', apiGroup: '', resource: 'pods', subresource: 'log', name: 'web-0', namespace: 'shop' })), {
      apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { verb: 'get', group: '', resource: 'pods', namespace: 'shop', subresource: 'log', name: 'web-0' } },
    });
    assert.deepStrictEqual(accessReviewSpec({ kind: 'non-resource', verb: 'get', path: '/metrics' }), { nonResourceAttributes: { path: '/metrics', verb: 'get' } });
  });
});

describe('cluster: objects applied through a connection join its snapshot', () => {
  const before: ClusterSnapshot = {
    context: 'kind-dev', server: 'https://127.0.0.1:6443', resources: [], serviceAccounts: new Set(['shop/default']), warnings: [],
    policy: policyFromCluster({ roles: [{ metadata: { name: 'r', namespace: 'shop' }, rules: [] }], clusterRoles: [], roleBindings: [], clusterRoleBindings: [] }, 'kind-dev'),
  };
  const after = withAppliedObjects(before, [
    { kind: 'Role', metadata: { name: 'r', namespace: 'shop' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }] },
    { kind: 'RoleBinding', metadata: { name: 'r', namespace: 'shop' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' }, subjects: [{ kind: 'ServiceAccount', name: 'checkout', namespace: 'shop' }] },
    { kind: 'ServiceAccount', metadata: { name: 'checkout', namespace: 'shop' } },
  ]);

  it('an applied object replaces its earlier version; new ones are added', () => {
    assert.deepStrictEqual(after.policy.roles.map((r) => [r.name, r.rules.length]), [['r', 1]]);
    assert.deepStrictEqual(after.policy.bindings.map((b) => `${b.kind}/${b.namespace}/${b.name}`), ['RoleBinding/shop/r']);
    assert.deepStrictEqual([...after.serviceAccounts].sort(), ['shop/checkout', 'shop/default']);
    assert.deepStrictEqual(after.policy.roles[0].origin, { source: 'cluster', cluster: 'kind-dev' });
  });

  it('is a new snapshot: the old one is untouched', () => {
    assert.notStrictEqual(after, before);
    assert.deepStrictEqual(before.policy.roles[0].rules, []);
    assert.deepStrictEqual([...before.serviceAccounts], ['shop/default']);
  });
});
