import * as assert from 'node:assert';
import { canI } from '../../../server/src/core/rbac/authorize';
import { builtinPolicy } from '../../../server/src/core/rbac/builtin-policy';
import { mergePolicies, PolicyIndex } from '../../../server/src/core/rbac/policy-index';
import { identityOf } from '../../../server/src/core/rbac/subjects';
import type { AccessRequest } from '../../../server/src/core/rbac/types';
import { aggregateLabel, clusterRole, path, rb, res, rule, user } from './policy-builders';

// The default roles of Kubernetes (RBAC-SEMANTICS 4), evaluated through the engine.
const workspace = {
  roles: [clusterRole('widget-viewer', [rule(['get', 'list', 'watch'], ['example.com'], ['widgets'])], { labels: aggregateLabel('view') })],
  bindings: (['view', 'edit', 'admin'] as const).map((name) => rb('shop', `${name}-binding`, 'ClusterRole', name, [user(name)])),
};
const index = new PolicyIndex(mergePolicies(workspace, builtinPolicy()));
const ns = { namespace: 'shop' };

const rows: { fact: string; as: string; groups?: string[]; request: AccessRequest; allowed: boolean }[] = [
  { fact: 'view reads pods', as: 'view', request: res('list', '', 'pods', ns), allowed: true },
  { fact: 'view reads deployments/scale', as: 'view', request: res('get', 'apps', 'deployments/scale', ns), allowed: true },
  { fact: 'view excludes Secrets', as: 'view', request: res('get', '', 'secrets', ns), allowed: false },
  { fact: 'view excludes pods/exec', as: 'view', request: res('create', '', 'pods/exec', ns), allowed: false },
  { fact: 'view excludes pods/attach', as: 'view', request: res('create', '', 'pods/attach', ns), allowed: false },
  { fact: 'view excludes pods/portforward', as: 'view', request: res('create', '', 'pods/portforward', ns), allowed: false },
  { fact: 'view cannot write', as: 'view', request: res('delete', '', 'pods', ns), allowed: false },
  { fact: 'edit writes deployments', as: 'edit', request: res('patch', 'apps', 'deployments', ns), allowed: true },
  { fact: 'edit reads Secrets', as: 'edit', request: res('get', '', 'secrets', ns), allowed: true },
  { fact: 'edit execs into pods', as: 'edit', request: res('create', '', 'pods/exec', ns), allowed: true },
  { fact: 'edit attaches', as: 'edit', request: res('create', '', 'pods/attach', ns), allowed: true },
  { fact: 'edit port-forwards', as: 'edit', request: res('create', '', 'pods/portforward', ns), allowed: true },
  { fact: 'edit evicts pods', as: 'edit', request: res('create', '', 'pods/eviction', ns), allowed: true },
  { fact: 'edit creates ServiceAccount tokens', as: 'edit', request: res('create', '', 'serviceaccounts/token', ns), allowed: true },
  { fact: 'edit impersonates ServiceAccounts', as: 'edit', request: res('impersonate', '', 'serviceaccounts', ns), allowed: true },
  { fact: 'edit cannot write RoleBindings', as: 'edit', request: res('create', 'rbac.authorization.k8s.io', 'rolebindings', ns), allowed: false },
  { fact: 'admin writes RoleBindings', as: 'admin', request: res('create', 'rbac.authorization.k8s.io', 'rolebindings', ns), allowed: true },
  { fact: 'admin writes Roles', as: 'admin', request: res('update', 'rbac.authorization.k8s.io', 'roles', ns), allowed: true },
  { fact: 'admin creates localsubjectaccessreviews', as: 'admin', request: res('create', 'authorization.k8s.io', 'localsubjectaccessreviews', ns), allowed: true },
  { fact: 'admin via a RoleBinding does not get nodes', as: 'admin', request: res('list', '', 'nodes'), allowed: false },
  { fact: 'a workspace role labelled aggregate-to-view flows into view', as: 'view', request: res('list', 'example.com', 'widgets', ns), allowed: true },
  { fact: '… into edit', as: 'edit', request: res('watch', 'example.com', 'widgets', ns), allowed: true },
  { fact: '… and into admin', as: 'admin', request: res('get', 'example.com', 'widgets', ns), allowed: true },
  { fact: 'system:masters is cluster-admin', as: 'root', groups: ['system:masters'], request: res('delete', '', 'nodes', { name: 'n1' }), allowed: true },
  { fact: 'cluster-admin reaches every path', as: 'root', groups: ['system:masters'], request: path('post', '/anything'), allowed: true },
  { fact: 'every authenticated user may create selfsubjectaccessreviews', as: 'nobody', request: res('create', 'authorization.k8s.io', 'selfsubjectaccessreviews'), allowed: true },
  { fact: 'every authenticated user may read /version', as: 'nobody', request: path('get', '/version'), allowed: true },
  { fact: 'anonymous may read /healthz (public-info-viewer)', as: 'system:anonymous', request: path('get', '/healthz'), allowed: true },
  { fact: 'anonymous may not read /apis (discovery needs authentication)', as: 'system:anonymous', request: path('get', '/apis'), allowed: false },
];

describe('default Kubernetes roles (bootstrap policy)', () => {
  it('contains the aggregated defaults', () => {
    for (const name of ['view', 'edit', 'admin']) assert.ok(index.getRole('ClusterRole', name)?.aggregationRule, name);
  });
  for (const row of rows) {
    it(row.fact, () => assert.strictEqual(canI(index, identityOf(row.as, row.groups), row.request).allowed, row.allowed));
  }
});
