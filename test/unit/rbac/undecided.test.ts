import * as assert from 'node:assert';
import { canI } from '../../../server/src/core/rbac/authorize';
import { effectiveRules } from '../../../server/src/core/rbac/effective-permissions';
import { PolicyIndex } from '../../../server/src/core/rbac/policy-index';
import { identityOf } from '../../../server/src/core/rbac/subjects';
import { whoCan } from '../../../server/src/core/rbac/who-can';
import type { RbacBinding, RbacRole } from '../../../server/src/core/rbac/types';
import { aggregateLabel, clusterRole, crb, res, rule, sa, user } from './policy-builders';

const WHY = 'renders only under `{{ if lookup … }}` (line 3), which could not be decided';
const undecidedRule = (role: RbacRole, index: number): RbacRole => ({ ...role, undecided: { items: [{ index, why: WHY }] } });
const wholeRole = (role: RbacRole): RbacRole => ({ ...role, undecided: { object: WHY } });
const wholeBinding = (binding: RbacBinding): RbacBinding => ({ ...binding, undecided: { object: WHY } });
const undecidedSubject = (binding: RbacBinding, index: number): RbacBinding => ({ ...binding, undecided: { items: [{ index, why: WHY }] } });

const alice = identityOf('alice', []);
const listSecrets = res('list', '', 'secrets', { namespace: 'shop' });
const listPods = res('list', '', 'pods', { namespace: 'shop' });
const reader = clusterRole('reader', [rule(['list'], [''], ['pods']), rule(['list'], [''], ['secrets'])], { origin: { source: 'workspace', file: 'templates/role.yaml', line: 0, ruleLines: [5, 9] } });

describe('unknown is not granted', () => {
  it('a rule that may not render never allows: canI says no and names the rule (file:line) that might', () => {
    const index = new PolicyIndex({ roles: [undecidedRule(reader, 1)], bindings: [crb('readers', 'reader', [user('alice')])] });
    const secrets = canI(index, alice, listSecrets);
    assert.strictEqual(secrets.allowed, false);
    assert.strictEqual(secrets.undecided.length, 1);
    assert.strictEqual(secrets.undecided[0].ruleIndex, 1);
    assert.deepStrictEqual([secrets.undecided[0].mark.file, secrets.undecided[0].mark.line], ['templates/role.yaml', 9]);
    assert.match(secrets.undecided[0].mark.why, /rule 2 of ClusterRole reader renders only under/);
    // What is known is still judged exactly.
    const pods = canI(index, alice, listPods);
    assert.strictEqual(pods.allowed, true);
    assert.deepStrictEqual(pods.undecided, []);
  });

  it('a known grant elsewhere still allows, whatever is undecided before it', () => {
    const sure = clusterRole('sure', [rule(['list'], [''], ['secrets'])]);
    const index = new PolicyIndex({ roles: [wholeRole(reader), sure], bindings: [crb('a', 'reader', [user('alice')]), crb('b', 'sure', [user('alice')])] });
    const decision = canI(index, alice, listSecrets);
    assert.strictEqual(decision.allowed, true);
    assert.strictEqual(decision.decidedBy?.binding.name, 'b');
    assert.deepStrictEqual(decision.undecided, []);
  });

  it('a binding, or the only subject naming the user, that may not render makes every grant of it unknown', () => {
    for (const binding of [wholeBinding(crb('readers', 'reader', [user('alice')])), undecidedSubject(crb('readers', 'reader', [user('bob'), user('alice')]), 1)]) {
      const index = new PolicyIndex({ roles: [reader], bindings: [binding] });
      const decision = canI(index, alice, listPods);
      assert.strictEqual(decision.allowed, false);
      assert.match(decision.undecided[0].mark.why, /ClusterRoleBinding readers/);
    }
    // The same user also named by a subject that certainly renders: known.
    const twice = undecidedSubject(crb('readers', 'reader', [user('alice'), user('alice')]), 1);
    assert.strictEqual(canI(new PolicyIndex({ roles: [reader], bindings: [twice] }), alice, listPods).allowed, true);
  });

  it('rules aggregated from a ClusterRole that may not render stay unknown; the same rule from a known one is known', () => {
    const admin = clusterRole('admin', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: aggregateLabel('admin') }] } });
    const maybe = wholeRole(clusterRole('a-maybe', [rule(['list'], [''], ['secrets'])], { labels: aggregateLabel('admin') }));
    const bindings = [crb('admins', 'admin', [user('alice')])];
    assert.strictEqual(canI(new PolicyIndex({ roles: [admin, maybe], bindings }), alice, listSecrets).allowed, false);
    const known = clusterRole('b-known', [rule(['list'], [''], ['secrets'])], { labels: aggregateLabel('admin') });
    assert.strictEqual(canI(new PolicyIndex({ roles: [admin, maybe, known], bindings }), alice, listSecrets).allowed, true);
  });

  it('who-can lists subjects of undecided grants apart, as "might"; effectiveRules marks their rules', () => {
    const index = new PolicyIndex({ roles: [undecidedRule(reader, 1)], bindings: [undecidedSubject(crb('readers', 'reader', [user('alice'), sa('bot', 'shop')]), 1)] });
    const secrets = whoCan(index, listSecrets).map((g) => `${g.subject.name}:${g.undecided ? 'might' : 'can'}`);
    assert.deepStrictEqual(secrets, ['alice:might', 'bot:might']);
    const pods = whoCan(index, listPods).map((g) => `${g.subject.name}:${g.undecided ? 'might' : 'can'}`);
    assert.deepStrictEqual(pods, ['alice:can', 'bot:might']);
    const rules = effectiveRules(index, alice, 'shop').map((r) => `${r.rule.resources}:${r.undecided ? 'might' : 'held'}`);
    assert.deepStrictEqual(rules, ['pods:held', 'secrets:might']);
  });
});
