import * as assert from 'node:assert';
import { editReach, reachesOnlySubject } from '../../../server/src/core/fix-forbidden/edit-reach';
import { canI } from '../../../server/src/core/rbac/authorize';
import { effectiveRules } from '../../../server/src/core/rbac/effective-permissions';
import { PolicyIndex } from '../../../server/src/core/rbac/policy-index';
import { identityOf } from '../../../server/src/core/rbac/subjects';
import { NOT_KNOWN, type Policy, type RbacBinding, type RbacRole, type UnknownParts } from '../../../server/src/core/rbac/types';
import { whoCan } from '../../../server/src/core/rbac/who-can';
import { aggregateLabel, clusterRole, crb, rb, res, role, rule, sa, user } from './policy-builders';

const at = (line: number) => ({ source: 'workspace' as const, file: 'templates/rbac.yaml', line });
const partialBinding = (binding: RbacBinding, parts: Omit<UnknownParts, 'why'>, line = 20): RbacBinding => ({
  ...binding,
  ...(parts.name ? { name: NOT_KNOWN } : {}),
  ...(parts.namespace ? { namespace: NOT_KNOWN } : {}),
  roleRef: { ...binding.roleRef, ...(parts.roleRefName ? { name: NOT_KNOWN } : {}), ...(parts.roleRefKind ? { kind: NOT_KNOWN } : {}) },
  origin: at(line),
  unknownParts: { why: 'a value here is not known', ...parts },
});
const partialRole = (known: RbacRole, parts: Omit<UnknownParts, 'why'>, line = 0): RbacRole => ({
  ...known, ...(parts.name ? { name: NOT_KNOWN } : {}), ...(parts.namespace ? { namespace: NOT_KNOWN } : {}), origin: at(line), unknownParts: { why: 'a value here is not known', ...parts },
});
const indexOf = (policy: Policy) => new PolicyIndex(policy);
const answer = (index: PolicyIndex, who: string, request: ReturnType<typeof res>) => {
  const decision = canI(index, identityOf(who), request);
  return decision.allowed ? 'yes' : decision.undecided.length ? 'unknown' : 'no';
};

const secretGetter = clusterRole('secret-getter', [rule(['get'], [''], ['secrets'])]);
const getSecrets = (namespace?: string) => res('get', '', 'secrets', namespace ? { namespace } : {});

describe('roles and bindings a chart renders but that could not be read whole (unknown is not granted)', () => {
  it('a RoleBinding whose namespace is not known might grant in any namespace, never at cluster scope, and only what its role allows', () => {
    const binding = partialBinding(rb('x', 'reader', 'ClusterRole', 'secret-getter', [sa('batch', 'jobs')]), { namespace: true });
    const index = indexOf({ roles: [secretGetter], bindings: [], partial: { roles: [], bindings: [binding] } });
    const batch = 'system:serviceaccount:jobs:batch';
    assert.strictEqual(answer(index, batch, getSecrets('shop')), 'unknown');
    assert.strictEqual(answer(index, batch, getSecrets('dev')), 'unknown');
    assert.strictEqual(answer(index, batch, getSecrets()), 'no');
    assert.strictEqual(answer(index, batch, res('delete', '', 'secrets', { namespace: 'shop' })), 'no');
    // Nobody else.
    assert.strictEqual(answer(index, 'alice', getSecrets('shop')), 'no');
    const decision = canI(index, identityOf(batch), getSecrets('shop'));
    assert.deepStrictEqual([decision.undecided[0].mark.file, decision.undecided[0].mark.line], ['templates/rbac.yaml', 20]);
    assert.match(decision.undecided[0].mark.why, /RoleBinding \(not known\)\/reader could not be read \(a value here is not known\)/);
  });

  it('a binding whose roleRef name is not known might bind any role of its kind: what some role allows is unknown, what none does is no', () => {
    const binding = partialBinding(rb('shop', 'alice', 'ClusterRole', 'x', [user('alice')]), { roleRefName: true });
    const pods = role('shop', 'pod-lister', [rule(['list'], [''], ['pods'])]);
    const index = indexOf({ roles: [secretGetter, pods], bindings: [], partial: { roles: [], bindings: [binding] } });
    assert.strictEqual(answer(index, 'alice', getSecrets('shop')), 'unknown');
    assert.strictEqual(answer(index, 'alice', getSecrets('dev')), 'no');
    // A Role is not a ClusterRole: its kind is known.
    assert.strictEqual(answer(index, 'alice', res('list', '', 'pods', { namespace: 'shop' })), 'no');
    const anyKind = partialBinding(rb('shop', 'alice', 'ClusterRole', 'x', [user('alice')]), { roleRefName: true, roleRefKind: true });
    assert.strictEqual(answer(indexOf({ roles: [secretGetter, pods], bindings: [], partial: { roles: [], bindings: [anyKind] } }), 'alice', res('list', '', 'pods', { namespace: 'shop' })), 'unknown');
    assert.match(canI(index, identityOf('alice'), getSecrets('shop')).undecided[0].mark.why, /it might bind any ClusterRole/);
  });

  it('a binding whose name or subjects are not known: its known roleRef decides what it might grant; subjects not known might be anyone', () => {
    const binding = partialBinding(crb('x', 'secret-getter', []), { name: true, subjects: true });
    const index = indexOf({ roles: [secretGetter], bindings: [], partial: { roles: [], bindings: [binding] } });
    assert.strictEqual(answer(index, 'anyone-at-all', getSecrets('shop')), 'unknown');
    assert.strictEqual(answer(index, 'anyone-at-all', res('list', '', 'secrets', { namespace: 'shop' })), 'no');
    const who = whoCan(index, getSecrets('shop')).map((g) => `${g.subject.kind}:${g.subject.name}:${g.undecided ? 'might' : 'can'}`);
    assert.deepStrictEqual(who, ['?:subjects that could not be read:might']);
  });

  it('a role whose name is not known might be the one a binding names that resolves to none; a binding that resolves is not affected', () => {
    const nameless = partialRole(clusterRole('x', [rule(['get'], [''], ['nodes'])]), { name: true });
    const nodeGetter = clusterRole('node-getter', [rule(['list'], [''], ['nodes'])]);
    const dangling = crb('node-getter', 'node-getter', [sa('app', 'shop')]);
    const app = 'system:serviceaccount:shop:app';
    const without = indexOf({ roles: [], bindings: [dangling], partial: { roles: [nameless], bindings: [] } });
    assert.strictEqual(answer(without, app, res('get', '', 'nodes')), 'unknown');
    assert.strictEqual(answer(without, app, res('list', '', 'nodes')), 'no');
    assert.match(canI(without, identityOf(app), res('get', '', 'nodes')).undecided[0].mark.why, /refers to ClusterRole node-getter, which is not found; ClusterRole \(not known\) could not be read/);
    assert.deepStrictEqual(whoCan(without, res('get', '', 'nodes')).map((g) => `${g.subject.name}:${g.undecided ? 'might' : 'can'}`), ['app:might']);
    const resolved = indexOf({ roles: [nodeGetter], bindings: [dangling], partial: { roles: [nameless], bindings: [] } });
    assert.strictEqual(answer(resolved, app, res('get', '', 'nodes')), 'no');
    assert.strictEqual(answer(resolved, app, res('list', '', 'nodes')), 'yes');
    // A Role whose namespace is not known might be the one a RoleBinding of any namespace names.
    const somewhere = partialRole(role('x', 'pod-reader', [rule(['get'], [''], ['pods'])]), { namespace: true });
    const binding = rb('shop', 'pods', 'Role', 'pod-reader', [user('alice')]);
    assert.strictEqual(answer(indexOf({ roles: [], bindings: [binding], partial: { roles: [somewhere], bindings: [] } }), 'alice', res('get', '', 'pods', { namespace: 'shop' })), 'unknown');
  });

  it('permission tables mark the rules partial objects might give as "might"', () => {
    const binding = partialBinding(rb('shop', 'alice', 'ClusterRole', 'x', [user('alice')]), { roleRefName: true });
    const index = indexOf({ roles: [secretGetter], bindings: [], partial: { roles: [], bindings: [binding] } });
    const rules = effectiveRules(index, identityOf('alice'), 'shop');
    assert.ok(rules.length > 0);
    assert.ok(rules.every((r) => r.undecided), JSON.stringify(rules));
    assert.deepStrictEqual(effectiveRules(index, identityOf('alice'), 'dev'), []);
    assert.deepStrictEqual(effectiveRules(index, identityOf('bob'), 'shop'), []);
  });

  it('an edit of a role that a partial binding might bind reaches that binding\'s subjects too: never the first change', () => {
    const api = 'system:serviceaccount:shop:api';
    const readerRole = role('shop', 'reader', [rule(['get'], [''], ['pods'])]);
    const own = rb('shop', 'reader', 'Role', 'reader', [sa('api', 'shop')]);
    const alone = editReach([indexOf({ roles: [readerRole], bindings: [own] })], readerRole, api, 'shop');
    assert.ok(reachesOnlySubject(alone));
    const mightBind = partialBinding(rb('shop', 'other', 'Role', 'x', [user('bob')]), { roleRefName: true });
    const reach = editReach([indexOf({ roles: [readerRole], bindings: [own], partial: { roles: [], bindings: [mightBind] } })], readerRole, api, 'shop');
    assert.ok(!reachesOnlySubject(reach));
    assert.match(reach.others.join(), /the subjects of RoleBinding other in shop, which could not be read/);
    // One that names another role, or lives in another namespace, does not.
    const elsewhere = partialBinding(rb('dev', 'other', 'Role', 'x', [user('bob')]), { roleRefName: true });
    assert.ok(reachesOnlySubject(editReach([indexOf({ roles: [readerRole], bindings: [own], partial: { roles: [], bindings: [elsewhere] } })], readerRole, api, 'shop')));
  });

  describe('aggregation: rules an aggregationRule might pull in are "might", never granted and never missing', () => {
    const admin = clusterRole('admin', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: aggregateLabel('admin') }] } });
    const admins = crb('admins', 'admin', [user('alice')]);
    const listSecrets = res('list', '', 'secrets', { namespace: 'shop' });

    it('a ClusterRole whose labels could not be read might be selected: its rules are unknown through the aggregating role, and certain through its own bindings', () => {
      const source = clusterRole('secrets-lister', [rule(['list'], [''], ['secrets'])], { undecided: { labels: 'its labels are printed from values that are not known' }, origin: at(40) });
      const index = indexOf({ roles: [admin, source], bindings: [admins, crb('own', 'secrets-lister', [user('bob')])] });
      assert.strictEqual(answer(index, 'alice', listSecrets), 'unknown');
      assert.match(canI(index, identityOf('alice'), listSecrets).undecided[0].mark.why, /ClusterRole secrets-lister has labels that could not be read .* an aggregationRule might select it/);
      assert.strictEqual(answer(index, 'alice', res('delete', '', 'secrets', { namespace: 'shop' })), 'no');
      assert.strictEqual(answer(index, 'bob', listSecrets), 'yes');
      assert.deepStrictEqual(whoCan(index, listSecrets).map((g) => `${g.subject.name}:${g.undecided ? 'might' : 'can'}`), ['alice:might', 'bob:can']);
      // The same rule from a ClusterRole the selector certainly selects is known.
      // Editing it might reach everyone the aggregating role is bound to.
      const reach = editReach([index], source, 'bob', undefined);
      assert.ok(!reachesOnlySubject(reach));
      assert.match(reach.others.join(), /aggregationRule might select it \(its labels could not be read\)/);
      const known = clusterRole('z-known', [rule(['list'], [''], ['secrets'])], { labels: aggregateLabel('admin') });
      assert.strictEqual(answer(indexOf({ roles: [admin, source, known], bindings: [admins] }), 'alice', listSecrets), 'yes');
    });

    it('a selected ClusterRole with rules that could not be read: the aggregating role might grant what their known parts allow', () => {
      const source = clusterRole('partly', [rule(['get'], [''], ['pods'])], { labels: aggregateLabel('admin'), origin: at(50), undecided: { unread: [{ line: 55, why: 'a rule here holds a value that is not known', rule: rule(['list'], ['*'], ['*']) }] } });
      const index = indexOf({ roles: [admin, source], bindings: [admins] });
      assert.strictEqual(answer(index, 'alice', res('get', '', 'pods', { namespace: 'shop' })), 'yes');
      const decision = canI(index, identityOf('alice'), listSecrets);
      assert.strictEqual(decision.undecided.length, 1);
      assert.deepStrictEqual([decision.undecided[0].mark.file, decision.undecided[0].mark.line], ['templates/rbac.yaml', 55]);
      assert.strictEqual(answer(index, 'alice', res('delete', '', 'secrets', { namespace: 'shop' })), 'no');
    });

    it('a ClusterRole read in part (name not known) whose labels select it: its rules are unknown in the aggregating role', () => {
      const nameless = partialRole(clusterRole('x', [rule(['list'], [''], ['secrets'])], { labels: aggregateLabel('admin') }), { name: true }, 60);
      const index = indexOf({ roles: [admin], bindings: [admins], partial: { roles: [nameless], bindings: [] } });
      assert.strictEqual(answer(index, 'alice', listSecrets), 'unknown');
      assert.strictEqual(answer(index, 'alice', res('watch', '', 'secrets', { namespace: 'shop' })), 'no');
      const other = partialRole(clusterRole('x', [rule(['list'], [''], ['secrets'])], { labels: aggregateLabel('view') }), { name: true }, 60);
      assert.strictEqual(answer(indexOf({ roles: [admin], bindings: [admins], partial: { roles: [other], bindings: [] } }), 'alice', listSecrets), 'no');
    });

    it('an aggregating role with a selector that could not be read might grant anything', () => {
      const unreadable = { ...admin, undecided: { unread: [{ line: 3, why: 'an aggregationRule selector is printed from values or helpers that are not known, so it might select any ClusterRole' }] } };
      const index = indexOf({ roles: [unreadable, secretGetter], bindings: [admins] });
      assert.strictEqual(answer(index, 'alice', res('delete', 'apps', 'deployments', { namespace: 'shop' })), 'unknown');
    });
  });
});
