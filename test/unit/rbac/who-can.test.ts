import * as assert from 'node:assert';
import { PolicyIndex } from '../../../server/src/core/rbac/policy-index';
import { whoCan } from '../../../server/src/core/rbac/who-can';
import type { AccessRequest } from '../../../server/src/core/rbac/types';
import { clusterRole, crb, group, path, rb, res, role, rule, sa, urlRule, user } from './policy-builders';

const index = new PolicyIndex({
  roles: [
    clusterRole('pod-reader', [rule(['get'], [''], ['nodes']), rule(['get', 'list'], [''], ['pods'])]),
    clusterRole('metrics', [urlRule(['get'], ['/metrics'])]),
    role('shop', 'secret-reader', [rule(['get'], [''], ['secrets'])]),
  ],
  bindings: [
    crb('ops', 'pod-reader', [group('ops'), user('*'), sa('no-namespace'), sa('ci-bot', 'ci')]),
    crb('scrapers', 'metrics', [group('system:monitoring')]),
    rb('shop', 'shop-readers', 'ClusterRole', 'pod-reader', [user('alice'), sa('bot')]),
    rb('shop', 'secrets', 'Role', 'secret-reader', [group('system:serviceaccounts:ci')]),
    rb('prod', 'prod-readers', 'ClusterRole', 'pod-reader', [user('bob')]),
    rb('shop', 'dangling', 'Role', 'missing', [user('carol')]),
  ],
});

const rows: { fact: string; request: AccessRequest; who: string[] }[] = [
  {
    fact: 'cluster-wide and same-namespace grants, SA namespace defaulted, groups and * as written',
    request: res('list', '', 'pods', { namespace: 'shop' }),
    who: ['ops Group/ops rule 1', 'ops User/* rule 1', 'ops ServiceAccount/ci/ci-bot rule 1', 'shop-readers User/alice rule 1', 'shop-readers ServiceAccount/shop/bot rule 1'],
  },
  { fact: 'across all namespaces only ClusterRoleBindings count', request: res('list', '', 'pods'), who: ['ops Group/ops rule 1', 'ops User/* rule 1', 'ops ServiceAccount/ci/ci-bot rule 1'] },
  { fact: 'RoleBindings never grant cluster-scoped resources', request: res('get', '', 'nodes', { name: 'n1' }), who: ['ops Group/ops rule 0', 'ops User/* rule 0', 'ops ServiceAccount/ci/ci-bot rule 0'] },
  { fact: 'non-resource URLs', request: path('get', '/metrics'), who: ['scrapers Group/system:monitoring rule 0'] },
  { fact: 'Role grants through a group', request: res('get', '', 'secrets', { namespace: 'shop' }), who: ['secrets Group/system:serviceaccounts:ci rule 0'] },
  { fact: 'nobody', request: res('delete', '', 'pods', { namespace: 'shop' }), who: [] },
];

describe('who-can', () => {
  for (const row of rows) {
    it(row.fact, () => {
      const who = whoCan(index, row.request).map((g) => `${g.binding.name} ${g.subject.kind}/${g.subject.namespace ? `${g.subject.namespace}/` : ''}${g.subject.name} rule ${g.ruleIndex}`);
      assert.deepStrictEqual(who, row.who);
    });
  }
});
