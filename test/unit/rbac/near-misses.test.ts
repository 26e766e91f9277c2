import * as assert from 'node:assert';
import { nearMisses } from '../../../server/src/core/rbac/near-misses';
import { PolicyIndex } from '../../../server/src/core/rbac/policy-index';
import { identityOf } from '../../../server/src/core/rbac/subjects';
import type { AccessRequest } from '../../../server/src/core/rbac/types';
import { clusterRole, crb, group, path, rb, res, role, rule, urlRule, user } from './policy-builders';

const index = new PolicyIndex({
  roles: [
    clusterRole('pod-reader', [rule(['list'], [''], ['pods', 'nodes'])]),
    clusterRole('metrics', [urlRule(['get'], ['/metrics'])]),
    role('prod', 'secrets', [rule(['get'], [''], ['secrets'])]),
  ],
  bindings: [
    rb('dev', 'alice-dev', 'ClusterRole', 'pod-reader', [user('alice')]),
    rb('prod', 'ops-secrets', 'Role', 'secrets', [group('ops')]),
    crb('scrapers', 'metrics', [group('system:monitoring')]),
  ],
});

const rows: { fact: string; request: AccessRequest; misses: string[] }[] = [
  { fact: 'a RoleBinding in another namespace grants it there', request: res('list', '', 'pods', { namespace: 'prod' }), misses: ['other-namespace dev/alice-dev'] },
  { fact: 'a RoleBinding never grants across all namespaces', request: res('list', '', 'pods'), misses: ['cluster-scope dev/alice-dev'] },
  { fact: 'a RoleBinding never grants cluster-scoped resources', request: res('list', '', 'nodes'), misses: ['cluster-scope dev/alice-dev'] },
  { fact: 'a binding for other subjects grants it', request: res('get', '', 'secrets', { namespace: 'prod' }), misses: ['other-subject prod/ops-secrets'] },
  { fact: 'a ClusterRoleBinding for other subjects grants a path', request: path('get', '/metrics'), misses: ['other-subject scrapers'] },
  { fact: 'nothing comes close', request: res('delete', '', 'pods', { namespace: 'prod' }), misses: [] },
];

describe('near misses of a denied request', () => {
  for (const row of rows) {
    it(row.fact, () => {
      const misses = nearMisses(index, identityOf('alice'), row.request).map((m) => `${m.reason} ${m.binding.namespace ? `${m.binding.namespace}/` : ''}${m.binding.name}`);
      assert.deepStrictEqual(misses, row.misses);
    });
  }
});
