import * as assert from 'node:assert';
import { aggregateClusterRoles, selectorMatches } from '../../../server/src/core/rbac/aggregation';
import { PolicyIndex } from '../../../server/src/core/rbac/policy-index';
import type { LabelSelector, PolicyRule, RbacRole } from '../../../server/src/core/rbac/types';
import { aggregateLabel, clusterRole, role, rule } from './policy-builders';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front' };
  const rows: [string, LabelSelector, boolean][] = [
    ['empty selector selects everything', {}, true],
    ['matchLabels all equal', { matchLabels: { app: 'web', tier: 'front' } }, true],
    ['matchLabels one differs', { matchLabels: { app: 'web', tier: 'back' } }, false],
    ['matchLabels missing key', { matchLabels: { team: 'x' } }, false],
    ['In with the value', { matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'web'] }] }, true],
    ['In without the value', { matchExpressions: [{ key: 'app', operator: 'In', values: ['db'] }] }, false],
    ['In on a missing key', { matchExpressions: [{ key: 'team', operator: 'In', values: ['x'] }] }, false],
    ['NotIn with the value', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, false],
    ['NotIn without the value', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['db'] }] }, true],
    ['NotIn on a missing key holds', { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['x'] }] }, true],
    ['Exists', { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true],
    ['Exists on a missing key', { matchExpressions: [{ key: 'team', operator: 'Exists' }] }, false],
    ['DoesNotExist', { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }, true],
    ['DoesNotExist on a present key', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    ['labels and expressions must all hold', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] }, false],
    ['invalid: In without values', { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }, false],
    ['invalid: unknown operator', { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] }, false],
  ];
  for (const [fact, selector, expected] of rows) it(fact, () => assert.strictEqual(selectorMatches(selector, labels), expected));
});

const podsGet = rule(['get'], [''], ['pods']);
const podsList = rule(['list'], [''], ['pods']);
const secretsGet = rule(['get'], [''], ['secrets']);
const widgets = rule(['get', 'list'], ['example.com'], ['widgets']);

function defaultChain(extra: RbacRole[]): RbacRole[] {
  const selector = (to: 'view' | 'edit' | 'admin') => ({ clusterRoleSelectors: [{ matchLabels: aggregateLabel(to) }] });
  return [
    clusterRole('admin', [], { aggregationRule: selector('admin') }),
    clusterRole('edit', [], { aggregationRule: selector('edit'), labels: aggregateLabel('admin') }),
    clusterRole('view', [], { aggregationRule: selector('view'), labels: aggregateLabel('edit') }),
    clusterRole('system:aggregate-to-view', [podsGet], { labels: aggregateLabel('view') }),
    clusterRole('system:aggregate-to-edit', [secretsGet], { labels: aggregateLabel('edit') }),
    ...extra,
  ];
}

function rulesOf(roles: RbacRole[], name: string): PolicyRule[] {
  const map = aggregateClusterRoles(roles);
  return map.get(roles.find((r) => r.name === name)!)!;
}

describe('aggregated ClusterRoles (aggregation controller)', () => {
  it('hand-written rules of an aggregated role are replaced', () => {
    const roles = [clusterRole('agg', [secretsGet], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'y' } }] } }), clusterRole('a', [podsGet], { labels: { x: 'y' } })];
    assert.deepStrictEqual(rulesOf(roles, 'agg'), [podsGet]);
  });
  it('an aggregated role that selects nothing has no rules', () => {
    const roles = [clusterRole('agg', [secretsGet], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'nobody' } }] } })];
    assert.deepStrictEqual(rulesOf(roles, 'agg'), []);
  });
  it('per selector in order, then matching roles sorted by name', () => {
    const roles = [
      clusterRole('agg', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { s: '2' } }, { matchLabels: { s: '1' } }] } }),
      clusterRole('b-one', [podsList], { labels: { s: '1' } }),
      clusterRole('a-one', [podsGet], { labels: { s: '1' } }),
      clusterRole('z-two', [secretsGet], { labels: { s: '2' } }),
    ];
    assert.deepStrictEqual(rulesOf(roles, 'agg'), [secretsGet, podsGet, podsList]);
  });
  it('identical rules are added once (missing and empty lists are equal)', () => {
    const roles = [
      clusterRole('agg', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'y' } }] } }),
      clusterRole('a', [podsGet], { labels: { x: 'y' } }),
      clusterRole('b', [{ ...podsGet, resourceNames: [], nonResourceURLs: [] }, podsList], { labels: { x: 'y' } }),
    ];
    assert.deepStrictEqual(rulesOf(roles, 'agg'), [podsGet, podsList]);
  });
  it('rules differing only in verb order are both kept', () => {
    const roles = [
      clusterRole('agg', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'y' } }] } }),
      clusterRole('a', [rule(['get', 'list'], [''], ['pods'])], { labels: { x: 'y' } }),
      clusterRole('b', [rule(['list', 'get'], [''], ['pods'])], { labels: { x: 'y' } }),
    ];
    assert.strictEqual(rulesOf(roles, 'agg').length, 2);
  });
  it('the aggregated role skips itself even when its labels match', () => {
    const roles = [clusterRole('agg', [secretsGet], { labels: { x: 'y' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'y' } }] } }), clusterRole('a', [podsGet], { labels: { x: 'y' } })];
    assert.deepStrictEqual(rulesOf(roles, 'agg'), [podsGet]);
  });
  it('any selector counts (matchExpressions too)', () => {
    const roles = [
      clusterRole('agg', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'nobody' } }, { matchExpressions: [{ key: 'team', operator: 'In', values: ['a'] }] }] } }),
      clusterRole('a', [podsGet], { labels: { team: 'a' } }),
    ];
    assert.deepStrictEqual(rulesOf(roles, 'agg'), [podsGet]);
  });
  it('a role whose selectors are invalid keeps its written rules (the controller cannot sync it)', () => {
    const roles = [clusterRole('agg', [secretsGet], { aggregationRule: { clusterRoleSelectors: [{ matchExpressions: [{ key: 'x', operator: 'In' }] }] } }), clusterRole('a', [podsGet], { labels: { x: 'y' } })];
    assert.deepStrictEqual(rulesOf(roles, 'agg'), [secretsGet]);
  });
  it('view gets aggregate-to-view content; edit gets view and edit content; admin gets all', () => {
    const roles = defaultChain([]);
    assert.deepStrictEqual(rulesOf(roles, 'view'), [podsGet]);
    assert.deepStrictEqual(rulesOf(roles, 'edit'), [secretsGet, podsGet]);
    assert.deepStrictEqual(rulesOf(roles, 'admin'), [secretsGet, podsGet]);
  });
  it('a custom role labelled aggregate-to-view flows into view, edit and admin', () => {
    const roles = defaultChain([clusterRole('widget-viewer', [widgets], { labels: aggregateLabel('view') })]);
    for (const name of ['view', 'edit', 'admin']) assert.ok(rulesOf(roles, name).includes(widgets), name);
  });
  it('a custom role labelled aggregate-to-edit flows into edit and admin, not view', () => {
    const roles = defaultChain([clusterRole('widget-editor', [widgets], { labels: aggregateLabel('edit') })]);
    assert.ok(!rulesOf(roles, 'view').includes(widgets));
    assert.ok(rulesOf(roles, 'edit').includes(widgets));
    assert.ok(rulesOf(roles, 'admin').includes(widgets));
  });
  it('a custom role labelled aggregate-to-admin flows into admin only', () => {
    const roles = defaultChain([clusterRole('widget-admin', [widgets], { labels: aggregateLabel('admin') })]);
    assert.ok(!rulesOf(roles, 'edit').includes(widgets));
    assert.ok(rulesOf(roles, 'admin').includes(widgets));
  });
  it('settles on aggregation cycles', () => {
    const roles = [
      clusterRole('a', [], { labels: { in: 'b' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { in: 'a' } }] } }),
      clusterRole('b', [], { labels: { in: 'a' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { in: 'b' } }] } }),
      clusterRole('c', [podsGet], { labels: { in: 'a' } }),
    ];
    assert.deepStrictEqual(rulesOf(roles, 'a'), [podsGet]);
    assert.deepStrictEqual(rulesOf(roles, 'b'), [podsGet]);
  });
  it('Roles are never aggregation sources and the index serves aggregated rules', () => {
    const ns = role('shop', 'labelled', [secretsGet]);
    const index = new PolicyIndex({ roles: [...defaultChain([clusterRole('extra', [widgets], { labels: aggregateLabel('view') })]), { ...ns, labels: aggregateLabel('view') }], bindings: [] });
    assert.deepStrictEqual(index.rulesOf(index.getRole('ClusterRole', 'view')!), [widgets, podsGet]);
  });
});
