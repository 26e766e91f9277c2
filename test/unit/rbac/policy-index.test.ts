import * as assert from 'node:assert';
import { canI } from '../../../server/src/core/rbac/authorize';
import { mergePolicies, PolicyIndex } from '../../../server/src/core/rbac/policy-index';
import { identityOf } from '../../../server/src/core/rbac/subjects';
import type { Policy, RbacBinding, RbacRole } from '../../../server/src/core/rbac/types';
import { aggregateLabel, clusterRole, crb, rb, res, role, rule, user } from './policy-builders';

const builtin = (o: RbacRole | RbacBinding) => ({ ...o, origin: { source: 'builtin' as const } });

const builtins: Policy = {
  roles: [
    builtin(clusterRole('view', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: aggregateLabel('view') }] }, labels: aggregateLabel('edit') })) as RbacRole,
    builtin(clusterRole('system:aggregate-to-view', [rule(['get'], [''], ['pods'])], { labels: aggregateLabel('view') })) as RbacRole,
    builtin(clusterRole('system:basic-user', [rule(['create'], ['authorization.k8s.io'], ['selfsubjectaccessreviews'])])) as RbacRole,
    builtin(role('kube-system', 'extension-apiserver-authentication-reader', [rule(['get'], [''], ['configmaps'])])) as RbacRole,
  ],
  bindings: [builtin(crb('system:basic-user', 'system:basic-user', [{ kind: 'Group', name: 'system:authenticated' }])) as RbacBinding],
};

describe('policy index and built-in defaults', () => {
  it('a workspace role with the same kind and name replaces the built-in one', () => {
    const mine = clusterRole('system:basic-user', [rule(['get'], [''], ['secrets'])]);
    const merged = mergePolicies({ roles: [mine], bindings: [] }, builtins);
    const index = new PolicyIndex(merged);
    assert.strictEqual(index.getRole('ClusterRole', 'system:basic-user'), mine);
    assert.strictEqual(merged.roles.filter((r) => r.name === 'system:basic-user').length, 1);
    assert.ok(canI(index, identityOf('anyone'), res('get', '', 'secrets', { namespace: 'x' })).allowed);
  });
  it('a workspace binding with the same name replaces the built-in one', () => {
    const mine = crb('system:basic-user', 'system:basic-user', [user('only-me')]);
    const index = new PolicyIndex(mergePolicies({ roles: [], bindings: [mine] }, builtins));
    assert.strictEqual(canI(index, identityOf('anyone'), res('create', 'authorization.k8s.io', 'selfsubjectaccessreviews')).allowed, false);
    assert.strictEqual(canI(index, identityOf('only-me'), res('create', 'authorization.k8s.io', 'selfsubjectaccessreviews')).allowed, true);
  });
  it('a Role of the same name in another namespace does not replace the built-in one', () => {
    const mine = role('shop', 'extension-apiserver-authentication-reader', []);
    const index = new PolicyIndex(mergePolicies({ roles: [mine], bindings: [] }, builtins));
    assert.strictEqual(index.getRole('Role', 'extension-apiserver-authentication-reader', 'kube-system')?.origin.source, 'builtin');
    assert.strictEqual(index.getRole('Role', 'extension-apiserver-authentication-reader', 'shop'), mine);
  });
  it('a Role and a ClusterRole of the same name are different objects', () => {
    const mine = role('kube-system', 'view', []);
    const index = new PolicyIndex(mergePolicies({ roles: [mine], bindings: [] }, builtins));
    assert.strictEqual(index.getRole('ClusterRole', 'view')?.origin.source, 'builtin');
  });
  it('a workspace role labelled aggregate-to-view flows into the built-in view', () => {
    const mine = clusterRole('widgets', [rule(['get'], ['example.com'], ['widgets'])], { labels: aggregateLabel('view') });
    const index = new PolicyIndex(mergePolicies({ roles: [mine], bindings: [rb('shop', 'v', 'ClusterRole', 'view', [user('alice')])] }, builtins));
    assert.ok(canI(index, identityOf('alice'), res('get', 'example.com', 'widgets', { namespace: 'shop' })).allowed);
    assert.ok(canI(index, identityOf('alice'), res('get', '', 'pods', { namespace: 'shop' })).allowed);
  });
  it('RoleBindings are indexed by namespace', () => {
    const index = new PolicyIndex({ roles: [], bindings: [rb('a', 'x', 'Role', 'r', []), rb('b', 'y', 'Role', 'r', []), rb('a', 'z', 'Role', 'r', [])] });
    assert.deepStrictEqual(index.roleBindingsIn('a').map((b) => b.name), ['x', 'z']);
    assert.deepStrictEqual(index.roleBindingsIn('c'), []);
  });
  it('resolves roleRefs as the authorizer does', () => {
    const index = new PolicyIndex({ roles: [role('a', 'r', []), clusterRole('c', [])], bindings: [] });
    const ref = (kind: string, name: string) => ({ apiGroup: 'rbac.authorization.k8s.io', kind, name });
    assert.strictEqual(index.resolveRef(ref('Role', 'r'), 'a').role?.name, 'r');
    assert.strictEqual(index.resolveRef(ref('Role', 'r'), 'b').error, 'role.rbac.authorization.k8s.io "r" not found');
    assert.strictEqual(index.resolveRef(ref('Role', 'r'), undefined).error, 'role.rbac.authorization.k8s.io "r" not found');
    assert.strictEqual(index.resolveRef(ref('ClusterRole', 'c'), 'b').role?.name, 'c');
    assert.strictEqual(index.resolveRef({ ...ref('ClusterRole', 'c'), apiGroup: 'wrong' }, undefined).role?.name, 'c');
    assert.strictEqual(index.resolveRef(ref('clusterrole', 'c'), undefined).error, 'unsupported role reference kind: "clusterrole"');
  });
});
