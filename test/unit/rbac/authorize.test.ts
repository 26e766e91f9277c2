import * as assert from 'node:assert';
import { canI, effectiveNamespace, rbacReason } from '../../../server/src/core/rbac/authorize';
import { PolicyIndex } from '../../../server/src/core/rbac/policy-index';
import { identityOf } from '../../../server/src/core/rbac/subjects';
import type { AccessRequest, Policy } from '../../../server/src/core/rbac/types';
import { clusterRole, crb, group, path, rb, res, role, rule, sa, urlRule, user } from './policy-builders';

// One small cluster, every row of RBAC-SEMANTICS 2.2 asked against it.
const policy: Policy = {
  roles: [
    clusterRole('pod-reader', [rule(['get', 'list'], [''], ['pods'])]),
    clusterRole('node-reader', [rule(['get', 'list'], [''], ['nodes', 'namespaces', 'persistentvolumes'])]),
    clusterRole('metrics', [urlRule(['get'], ['/metrics'])]),
    clusterRole('ns-reader', [rule(['get', 'update', 'patch', 'delete', 'list', 'watch'], [''], ['namespaces'])]),
    role('shop', 'secret-reader', [rule(['get'], [''], ['secrets'])]),
    role('other', 'deployer', [rule(['*'], ['apps'], ['deployments'])]),
  ],
  bindings: [
    crb('everyone-metrics', 'metrics', [group('system:authenticated')]),
    crb('ops-nodes', 'node-reader', [group('ops')]),
    rb('shop', 'alice-pods', 'ClusterRole', 'pod-reader', [user('alice')]),
    rb('shop', 'alice-secrets', 'Role', 'secret-reader', [user('alice')]),
    rb('shop', 'alice-nodes', 'ClusterRole', 'node-reader', [user('alice')]),
    rb('shop', 'alice-metrics', 'ClusterRole', 'metrics', [user('alice')]),
    rb('shop', 'wrong-ns-role', 'Role', 'deployer', [user('alice')]),
    rb('shop', 'bot', 'ClusterRole', 'pod-reader', [sa('bot')]),
    rb('shop', 'all-sas-of-ci', 'Role', 'secret-reader', [group('system:serviceaccounts:ci')]),
    rb('team-a', 'ns-admin', 'ClusterRole', 'ns-reader', [user('carol')]),
    rb('shop', 'missing-role', 'Role', 'nope', [user('dave')]),
    rb('shop', 'bad-kind', 'Group', 'pod-reader', [user('dave')]),
    crb('missing-cluster-role', 'gone', [user('dave')]),
    crb('dave-pods', 'pod-reader', [user('dave')]),
    crb('crb-to-role', 'secret-reader', [user('erin')], 'Role'),
    crb('crb-sa-without-ns', 'pod-reader', [sa('bot')]),
  ],
};
const index = new PolicyIndex(policy);

interface Row {
  fact: string;
  as: string;
  groups?: string[];
  request: AccessRequest;
  allowed: boolean;
  by?: string;
  errors?: string[];
}

const rows: Row[] = [
  { fact: 'ClusterRoleBinding grants everywhere (cluster scope)', as: 'bob', groups: ['ops'], request: res('list', '', 'nodes'), allowed: true, by: 'ops-nodes' },
  { fact: 'ClusterRoleBinding grants in every namespace', as: 'bob', groups: ['ops'], request: res('list', '', 'namespaces'), allowed: true, by: 'ops-nodes' },
  { fact: 'ClusterRoleBinding grants non-resource URLs', as: 'alice', request: path('get', '/metrics'), allowed: true, by: 'everyone-metrics' },
  { fact: 'RoleBinding→ClusterRole grants inside its namespace', as: 'alice', request: res('list', '', 'pods', { namespace: 'shop' }), allowed: true, by: 'alice-pods' },
  { fact: 'RoleBinding→ClusterRole does not grant in other namespaces', as: 'alice', request: res('list', '', 'pods', { namespace: 'prod' }), allowed: false },
  { fact: 'RoleBinding→ClusterRole does not grant across all namespaces', as: 'alice', request: res('list', '', 'pods'), allowed: false },
  { fact: 'RoleBinding never grants cluster-scoped resources (nodes)', as: 'alice', request: res('list', '', 'nodes'), allowed: false },
  { fact: 'RoleBinding never grants cluster-scoped resources (persistentvolumes)', as: 'alice', request: res('get', '', 'persistentvolumes', { name: 'pv1' }), allowed: false },
  { fact: 'RoleBinding never grants listing namespaces', as: 'alice', request: res('list', '', 'namespaces'), allowed: false },
  // alice-metrics (RoleBinding→metrics) is the only binding left once system:authenticated is not added.
  { fact: 'RoleBinding never grants non-resource URLs', as: 'alice', groups: ['system:unauthenticated'], request: path('get', '/metrics'), allowed: false },
  { fact: 'RoleBinding→Role grants inside its namespace', as: 'alice', request: res('get', '', 'secrets', { namespace: 'shop', name: 's' }), allowed: true, by: 'alice-secrets' },
  { fact: 'Role is looked up in the binding namespace, not elsewhere', as: 'alice', request: res('get', 'apps', 'deployments', { namespace: 'shop' }), allowed: false, errors: ['role.rbac.authorization.k8s.io "deployer" not found'] },
  { fact: 'SA subject without namespace defaults to the RoleBinding namespace', as: 'system:serviceaccount:shop:bot', request: res('get', '', 'pods', { namespace: 'shop' }), allowed: true, by: 'bot' },
  { fact: 'SA of another namespace is not the defaulted SA', as: 'system:serviceaccount:ci:bot', request: res('get', '', 'pods', { namespace: 'shop' }), allowed: false },
  { fact: 'SA subject without namespace in a ClusterRoleBinding matches nobody', as: 'system:serviceaccount:shop:bot', request: res('get', '', 'pods', { namespace: 'prod' }), allowed: false },
  { fact: 'system:serviceaccounts:NS group binds every SA of NS', as: 'system:serviceaccount:ci:anything', request: res('get', '', 'secrets', { namespace: 'shop' }), allowed: true, by: 'all-sas-of-ci' },
  { fact: 'system:serviceaccounts:NS group does not bind SAs of other namespaces', as: 'system:serviceaccount:prod:x', request: res('get', '', 'secrets', { namespace: 'shop' }), allowed: false },
  { fact: 'system:authenticated group applies to every user', as: 'zed', request: path('get', '/metrics'), allowed: true, by: 'everyone-metrics' },
  { fact: 'system:authenticated group does not apply to anonymous', as: 'system:anonymous', request: path('get', '/metrics'), allowed: false },
  { fact: 'get namespaces/NAME is evaluated in namespace NAME', as: 'carol', request: res('get', '', 'namespaces', { name: 'team-a' }), allowed: true, by: 'ns-admin' },
  { fact: 'delete namespaces/NAME is evaluated in namespace NAME', as: 'carol', request: res('delete', '', 'namespaces', { name: 'team-a' }), allowed: true, by: 'ns-admin' },
  { fact: 'patch namespaces/NAME of another namespace is not', as: 'carol', request: res('patch', '', 'namespaces', { name: 'team-b' }), allowed: false },
  { fact: 'list namespaces stays cluster-scoped', as: 'carol', request: res('list', '', 'namespaces'), allowed: false },
  { fact: 'watch namespaces with a name (field selector) stays cluster-scoped', as: 'carol', request: res('watch', '', 'namespaces', { name: 'team-a' }), allowed: false },
  { fact: 'create namespaces stays cluster-scoped', as: 'carol', request: res('create', '', 'namespaces'), allowed: false },
  { fact: 'missing Role: resolution error, other bindings still count', as: 'dave', request: res('get', '', 'pods', { namespace: 'shop' }), allowed: true, by: 'dave-pods', errors: ['clusterrole.rbac.authorization.k8s.io "gone" not found'] },
  {
    fact: 'missing roles and bad roleRef kinds: resolution errors, denied',
    as: 'dave',
    request: res('get', '', 'secrets', { namespace: 'shop' }),
    allowed: false,
    errors: ['clusterrole.rbac.authorization.k8s.io "gone" not found', 'role.rbac.authorization.k8s.io "nope" not found', 'unsupported role reference kind: "Group"'],
  },
  { fact: 'ClusterRoleBinding→Role never resolves', as: 'erin', request: res('get', '', 'secrets', { namespace: 'shop' }), allowed: false, errors: ['role.rbac.authorization.k8s.io "secret-reader" not found'] },
  { fact: 'a user matching no binding is denied with nothing considered', as: 'mallory', groups: ['x'], request: res('get', '', 'pods', { namespace: 'shop' }), allowed: false },
];

describe('can-i (VisitRulesFor)', () => {
  for (const row of rows) {
    it(row.fact, () => {
      const decision = canI(index, identityOf(row.as, row.groups), row.request);
      assert.strictEqual(decision.allowed, row.allowed);
      assert.strictEqual(decision.decidedBy?.binding.name, row.by);
      assert.deepStrictEqual(decision.resolutionErrors, row.errors ?? []);
    });
  }
  it('the decision names binding, role, rule and rule index', () => {
    const decision = canI(index, identityOf('alice'), res('get', '', 'secrets', { namespace: 'shop' }));
    assert.deepStrictEqual(
      { binding: decision.decidedBy?.binding.name, role: decision.decidedBy?.role.name, ruleIndex: decision.decidedBy?.ruleIndex, rule: decision.decidedBy?.rule },
      { binding: 'alice-secrets', role: 'secret-reader', ruleIndex: 0, rule: rule(['get'], [''], ['secrets']) },
    );
  });
  it('when denied, lists every binding that applies and its closest misses', () => {
    const decision = canI(index, identityOf('alice'), res('delete', '', 'pods', { namespace: 'shop' }));
    const summary = decision.considered.map((c) => ({ binding: c.binding.name, error: c.error, closest: c.closestMisses.map((m) => `${m.ruleIndex}:${m.failed.join('+')}`) }));
    assert.deepStrictEqual(summary, [
      { binding: 'everyone-metrics', error: undefined, closest: ['0:kind'] },
      { binding: 'alice-pods', error: undefined, closest: ['0:verb'] },
      { binding: 'alice-secrets', error: undefined, closest: ['0:verb+resource'] },
      { binding: 'alice-nodes', error: undefined, closest: ['0:verb+resource'] },
      { binding: 'alice-metrics', error: undefined, closest: ['0:kind'] },
      { binding: 'wrong-ns-role', error: 'role.rbac.authorization.k8s.io "deployer" not found', closest: [] },
    ]);
    assert.deepStrictEqual(decision.considered[1].mismatches, ['verb']);
    assert.strictEqual(decision.considered[1].subject.name, 'alice');
  });
  it('reports the namespace the request was evaluated in', () => {
    assert.strictEqual(canI(index, identityOf('carol'), res('get', '', 'namespaces', { name: 'team-a' })).namespace, 'team-a');
    assert.strictEqual(canI(index, identityOf('carol'), res('list', '', 'namespaces')).namespace, undefined);
  });
});

describe('effective namespace of a request', () => {
  const rows: [string, AccessRequest, string | undefined][] = [
    ['namespaced request', res('get', '', 'pods', { namespace: 'shop' }), 'shop'],
    ['all namespaces', res('list', '', 'pods'), undefined],
    ['get namespaces/x', res('get', '', 'namespaces', { name: 'x' }), 'x'],
    ['update namespaces/x/finalize', res('update', '', 'namespaces/finalize', { name: 'x' }), 'x'],
    ['list namespaces with a name', res('list', '', 'namespaces', { name: 'x' }), undefined],
    ['non-resource', path('get', '/healthz'), undefined],
  ];
  for (const [fact, request, expected] of rows) it(fact, () => assert.strictEqual(effectiveNamespace(request), expected));
});

describe('RBAC reason of a denial', () => {
  it('is empty without errors', () => assert.strictEqual(rbacReason([]), ''));
  it('names a single error', () => assert.strictEqual(rbacReason(['clusterrole.rbac.authorization.k8s.io "x" not found']), 'RBAC: clusterrole.rbac.authorization.k8s.io "x" not found'));
  it('lists several as [e1, e2], de-duplicated', () => assert.strictEqual(rbacReason(['a', 'b', 'a']), 'RBAC: [a, b]'));
  it('a repeated single error is not bracketed', () => assert.strictEqual(rbacReason(['a', 'a']), 'RBAC: a'));
});
