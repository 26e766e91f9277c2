import * as assert from 'node:assert';
import { checkBindingWrite, checkRoleWrite, escalationMessage } from '../../../server/src/core/rbac/escalation';
import { PolicyIndex } from '../../../server/src/core/rbac/policy-index';
import { identityOf } from '../../../server/src/core/rbac/subjects';
import { clusterRole, crb, rb, RBAC, role, rule, urlRule, user } from './policy-builders';

const podsAll = rule(['get', 'list', 'delete'], [''], ['pods']);
const index = new PolicyIndex({
  roles: [
    clusterRole('pod-admin', [podsAll]),
    clusterRole('cluster-admin', [rule(['*'], ['*'], ['*']), urlRule(['*'], ['*'])]),
    clusterRole('binder', [rule(['bind'], [RBAC], ['clusterroles'], ['cluster-admin'])]),
    clusterRole('escalator', [rule(['escalate'], [RBAC], ['roles'])]),
    clusterRole('named-escalator', [rule(['escalate'], [RBAC], ['clusterroles'], ['big'])]),
    role('shop', 'pods', [podsAll]),
  ],
  bindings: [
    rb('shop', 'alice-pods', 'ClusterRole', 'pod-admin', [user('alice')]),
    crb('root', 'cluster-admin', [user('root')]),
    rb('shop', 'bob-binds', 'ClusterRole', 'binder', [user('bob')]),
    rb('shop', 'carol-escalates', 'ClusterRole', 'escalator', [user('carol')]),
    crb('dave-escalates', 'named-escalator', [user('dave')]),
    crb('gone', 'missing', [user('alice')]),
  ],
});
const alice = identityOf('alice');

describe('privilege-escalation prevention (writes of roles and bindings)', () => {
  const rows: { fact: string; check: () => ReturnType<typeof checkRoleWrite>; allowed: boolean; via?: string; message?: string }[] = [
    { fact: 'a Role within the user\'s namespace rules is allowed', check: () => checkRoleWrite(index, alice, role('shop', 'r', [rule(['get'], [''], ['pods'])])), allowed: true, via: 'covered' },
    {
      fact: 'a Role with more than the user holds is forbidden, with the exact message',
      check: () => checkRoleWrite(index, alice, role('shop', 'r', [rule(['get', 'create'], [''], ['pods', 'secrets'])])),
      allowed: false,
      message:
        'roles.rbac.authorization.k8s.io "r" is forbidden: user "alice" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["pods"], Verbs:["create"]}\n{APIGroups:[""], Resources:["secrets"], Verbs:["get" "create"]}; resolution errors: [clusterrole.rbac.authorization.k8s.io "missing" not found]',
    },
    { fact: 'namespace grants do not count for a Role in another namespace', check: () => checkRoleWrite(index, alice, role('prod', 'r', [rule(['get'], [''], ['pods'])])), allowed: false },
    { fact: 'namespace grants do not count for a ClusterRole', check: () => checkRoleWrite(index, alice, clusterRole('c', [rule(['get'], [''], ['pods'])])), allowed: false },
    { fact: 'system:masters is exempt', check: () => checkRoleWrite(index, identityOf('x', ['system:masters']), clusterRole('c', [rule(['*'], ['*'], ['*'])])), allowed: true, via: 'system:masters' },
    { fact: 'escalate on roles allows any Role', check: () => checkRoleWrite(index, identityOf('carol'), role('shop', 'r', [rule(['*'], ['*'], ['*'])])), allowed: true, via: 'escalate' },
    { fact: 'escalate restricted by name does not help a create', check: () => checkRoleWrite(index, identityOf('dave'), clusterRole('big', [rule(['get'], [''], ['pods'])])), allowed: false },
    { fact: 'escalate restricted by name helps an update', check: () => checkRoleWrite(index, identityOf('dave'), clusterRole('big', [rule(['get'], [''], ['pods'])]), 'update'), allowed: true, via: 'escalate' },
    {
      fact: 'an aggregationRule needs full authority',
      check: () => checkRoleWrite(index, identityOf('x'), clusterRole('agg', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'b' } }] } })),
      allowed: false,
      message: 'clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule',
    },
    { fact: 'cluster-admin may write an aggregationRule', check: () => checkRoleWrite(index, identityOf('root'), clusterRole('agg', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'b' } }] } })), allowed: true, via: 'escalate' },
    { fact: 'binding a role the user holds is allowed', check: () => checkBindingWrite(index, alice, rb('shop', 'b', 'Role', 'pods', [user('x')])), allowed: true, via: 'covered' },
    {
      fact: 'binding a role beyond the user\'s rules is forbidden',
      check: () => checkBindingWrite(index, alice, rb('shop', 'b', 'ClusterRole', 'binder', [user('x')])),
      allowed: false,
      message:
        'rolebindings.rbac.authorization.k8s.io "b" is forbidden: user "alice" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:["rbac.authorization.k8s.io"], Resources:["clusterroles"], ResourceNames:["cluster-admin"], Verbs:["bind"]}; resolution errors: [clusterrole.rbac.authorization.k8s.io "missing" not found]',
    },
    { fact: 'binding a missing role returns its NotFound error', check: () => checkBindingWrite(index, alice, rb('shop', 'b', 'Role', 'nope', [])), allowed: false, message: 'roles.rbac.authorization.k8s.io "nope" not found' },
    { fact: 'bind on the role allows binding it in that namespace', check: () => checkBindingWrite(index, identityOf('bob'), rb('shop', 'b', 'ClusterRole', 'cluster-admin', [user('bob')])), allowed: true, via: 'bind' },
    { fact: 'bind in a namespace does not allow a ClusterRoleBinding', check: () => checkBindingWrite(index, identityOf('bob'), crb('b', 'cluster-admin', [user('bob')])), allowed: false },
  ];
  for (const row of rows) {
    it(row.fact, () => {
      const result = row.check();
      assert.strictEqual(result.allowed, row.allowed);
      if (row.via) assert.strictEqual(result.via, row.via);
      if (row.message) assert.strictEqual(result.message, row.message);
    });
  }
  it('formats the message like the API server (the message seen verbatim, SA groups)', () => {
    const sa = identityOf('system:serviceaccount:rbac:privesc');
    assert.strictEqual(
      escalationMessage(sa, [rule(['delete'], [''], ['pods'])]),
      'user "system:serviceaccount:rbac:privesc" (groups=["system:serviceaccounts" "system:serviceaccounts:rbac" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}',
    );
  });
  it('sorts and de-duplicates the missing lines', () => {
    const text = escalationMessage(identityOf('u'), [urlRule(['get'], ['/b']), urlRule(['get'], ['/a']), urlRule(['get'], ['/b'])]);
    assert.strictEqual(text.split('\n').slice(1).join('|'), '{NonResourceURLs:["/a"], Verbs:["get"]}|{NonResourceURLs:["/b"], Verbs:["get"]}');
  });
});
