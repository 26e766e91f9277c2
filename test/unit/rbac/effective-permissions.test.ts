import * as assert from 'node:assert';
import { effectiveRules, namespacesWithGrants } from '../../../server/src/core/rbac/effective-permissions';
import { PolicyIndex } from '../../../server/src/core/rbac/policy-index';
import { identityOf } from '../../../server/src/core/rbac/subjects';
import { aggregateLabel, clusterRole, crb, group, rb, role, rule, sa } from './policy-builders';

const widgets = rule(['get'], ['example.com'], ['widgets']);
const index = new PolicyIndex({
  roles: [
    clusterRole('view', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: aggregateLabel('view') }] } }),
    clusterRole('widget-view', [widgets], { labels: aggregateLabel('view') }),
    clusterRole('node-reader', [rule(['list'], [''], ['nodes'])]),
    role('shop', 'cm', [rule(['get'], [''], ['configmaps']), rule(['list'], [''], ['configmaps'])]),
  ],
  bindings: [
    crb('nodes', 'node-reader', [group('system:serviceaccounts')]),
    rb('shop', 'view', 'ClusterRole', 'view', [sa('app')]),
    rb('shop', 'cm', 'Role', 'cm', [sa('app', 'shop')]),
    rb('prod', 'view', 'ClusterRole', 'view', [sa('app', 'shop')]),
    rb('dev', 'other-sa', 'ClusterRole', 'view', [sa('app')]),
  ],
});
const app = identityOf('system:serviceaccount:shop:app');

const describeRules = (namespace?: string) =>
  effectiveRules(index, app, namespace).map((e) => `${e.binding.name}→${e.role.name}#${e.ruleIndex} ${e.clusterWide ? 'cluster-wide' : 'namespace'} ${e.rule.verbs.join(',')} ${(e.rule.resources ?? []).join(',')}`);

describe('effective permissions', () => {
  it('without a namespace: only cluster-wide rules', () => assert.deepStrictEqual(describeRules(), ['nodes→node-reader#0 cluster-wide list nodes']));
  it('in a namespace: cluster-wide plus that namespace, aggregated roles expanded', () =>
    assert.deepStrictEqual(describeRules('shop'), [
      'nodes→node-reader#0 cluster-wide list nodes',
      'view→view#0 namespace get widgets',
      'cm→cm#0 namespace get configmaps',
      'cm→cm#1 namespace list configmaps',
    ]));
  it('a RoleBinding elsewhere naming the SA explicitly counts there', () => assert.deepStrictEqual(describeRules('prod'), ['nodes→node-reader#0 cluster-wide list nodes', 'view→view#0 namespace get widgets']));
  it('a namespace-less SA subject in another namespace is another SA', () => assert.deepStrictEqual(describeRules('dev'), ['nodes→node-reader#0 cluster-wide list nodes']));
  it('lists the namespaces with grants', () => assert.deepStrictEqual(namespacesWithGrants(index, app), ['prod', 'shop']));
});
