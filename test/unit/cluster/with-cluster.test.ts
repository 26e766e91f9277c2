import * as assert from 'node:assert';
import { checkContext } from '../../../server/src/core/analysis';
import { resourcesFromDiscovery } from '../../../server/src/core/cluster/discovery';
import { policyFromCluster } from '../../../server/src/core/cluster/live-policy';
import type { ClusterSnapshot } from '../../../server/src/core/cluster/snapshot';
import { runChecks } from '../../../server/src/core/checks/run-checks';
import { hoverAt } from '../../../server/src/core/explain/hover';
import { parseForbiddenMessage } from '../../../server/src/core/forbidden/parse-forbidden-message';
import { suggestFixes } from '../../../server/src/core/fix-forbidden/suggest-fixes';
import { createWorkspaceModel } from '../../../server/src/core/workspace';
import { modelOf } from '../../helpers/check-harness';
import { positionOf } from '../../helpers/text-position';

const MANIFESTS = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: cart-reader
  namespace: shop
rules:
- apiGroups: ["shop.example.com"]
  resources: ["cartz"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: auditors
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: platform-auditor
subjects:
- kind: ServiceAccount
  name: checkout
  namespace: shop
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
  namespace: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: shop
spec:
  template:
    spec:
      serviceAccountName: checkout
      containers: [{ name: app, image: shop/checkout }]
`;

const snapshot: ClusterSnapshot = {
  context: 'kind-shop',
  server: 'https://127.0.0.1:6443',
  resources: resourcesFromDiscovery([{ group: 'shop.example.com', version: 'v1', preferred: true, resources: [{ name: 'carts', singularName: 'cart', namespaced: true, kind: 'Cart', verbs: ['get', 'list'] }] }]),
  policy: policyFromCluster({
    clusterRoles: [{ metadata: { name: 'platform-auditor' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] }],
    clusterRoleBindings: [], roles: [], roleBindings: [],
  }, 'kind-shop'),
  serviceAccounts: new Set(['shop/checkout']),
  warnings: [],
};

const codes = (cluster?: ClusterSnapshot) => runChecks(checkContext(modelOf({ '/w/shop.yaml': MANIFESTS }), { builtinRoles: true }, cluster), { checks: {} }).map((f) => f.code).sort();

describe('cluster: what a connected cluster changes in the checks and hovers', () => {
  it('offline: the roleRef and the ServiceAccount are unknown, the CRD group is not judged', () => {
    const offline = codes();
    assert.ok(offline.includes('RBAC009'), offline.join());
    assert.ok(offline.includes('RBAC015'), offline.join());
    assert.ok(!offline.includes('RBAC003'), offline.join());
  });

  it('connected: the live ClusterRole and ServiceAccount resolve, and a misspelt CRD resource is found', () => {
    const live = codes(snapshot);
    assert.ok(!live.includes('RBAC009'), live.join());
    assert.ok(!live.includes('RBAC015'), live.join());
    assert.ok(live.includes('RBAC003'), live.join());
  });

  it('RBAC013: a ServiceAccount subject the cluster has in that namespace is not pointing at the wrong one', () => {
    const files = {
      '/w/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: checkout\n  namespace: payments\n',
      '/w/rb.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\n  namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n- kind: ServiceAccount\n  name: checkout\n  namespace: shop\n',
    };
    const run = (cluster?: ClusterSnapshot) => runChecks(checkContext(modelOf(files), { builtinRoles: true }, cluster), { checks: {} }).map((f) => f.code);
    assert.ok(run().includes('RBAC013'));
    assert.ok(!run(snapshot).includes('RBAC013'));
  });

  it('the hover on a roleRef says the role is live from the cluster', () => {
    const model = modelOf({ '/w/shop.yaml': MANIFESTS });
    const context = checkContext(model, { builtinRoles: true }, snapshot);
    const hover = hoverAt(context, model.getFile('/w/shop.yaml')!, positionOf(MANIFESTS, 'platform-auditor'));
    assert.match(hover?.markdown ?? '', /live from cluster kind-shop/);
    assert.match(hover?.markdown ?? '', /secrets/);
  });

  it('the hover on a resource the cluster serves says so', () => {
    const text = MANIFESTS.replace('["cartz"]', '["carts"]');
    const model = modelOf({ '/w/shop.yaml': text });
    const hover = hoverAt(checkContext(model, { builtinRoles: true }, snapshot), model.getFile('/w/shop.yaml')!, positionOf(text, 'carts'));
    assert.match(hover?.markdown ?? '', /Cart in `shop.example.com`/);
    assert.match(hover?.markdown ?? '', /served by cluster kind-shop/);
  });

  it('RBAC005 knows a cluster-scoped type from discovery; offline it cannot', () => {
    const role = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\n  namespace: shop\nrules:\n- apiGroups: ["shop.example.com"]\n  resources: ["warehouses"]\n  verbs: ["get"]\n';
    const withWarehouses: ClusterSnapshot = {
      ...snapshot,
      resources: resourcesFromDiscovery([{ group: 'shop.example.com', version: 'v1', preferred: true, resources: [{ name: 'warehouses', singularName: 'warehouse', namespaced: false, kind: 'Warehouse', verbs: ['get', 'list'] }] }]),
    };
    const run = (cluster?: ClusterSnapshot) => runChecks(checkContext(modelOf({ '/w/r.yaml': role }), { builtinRoles: true }, cluster), { checks: {} }).map((f) => f.code);
    assert.ok(!run().includes('RBAC005'));
    assert.ok(run(withWarehouses).includes('RBAC005'));
  });

  it('the workspace wins over the cluster for an object both define', () => {
    const context = checkContext(modelOf({ '/w/r.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: platform-auditor\nrules: []\n' }), { builtinRoles: true }, snapshot);
    const roles = context.policy.roles.filter((r) => r.name === 'platform-auditor');
    assert.strictEqual(roles[0].origin.source, 'workspace');
  });
});

describe('cluster: Fix Forbidden Error with live roles', () => {
  const denial = parseForbiddenMessage('User "system:serviceaccount:shop:checkout" cannot get resource "secrets" in API group "" in the namespace "shop"')[0];

  it('offers to bind a live role that grants it, after the workspace\'s own, saying it is live', () => {
    const titles = suggestFixes(checkContext(createWorkspaceModel(), { builtinRoles: true }, snapshot), denial).map((s) => s.title);
    assert.match(titles[0], /^New Role and RoleBinding in shop/, 'the exact grant comes first');
    assert.match(titles[1], /^Bind the existing ClusterRole platform-auditor \(live in cluster kind-shop; 1 rule: check it grants nothing you do not want\) with a RoleBinding/);
    assert.ok(titles.some((t) => t.startsWith('New Role and RoleBinding in shop')));
  });

  it('a grant the cluster already holds is reported as the cluster\'s, not the manifests\'', () => {
    const granted: ClusterSnapshot = {
      ...snapshot,
      policy: policyFromCluster({
        clusterRoles: [{ metadata: { name: 'platform-auditor' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] }],
        clusterRoleBindings: [], roles: [],
        roleBindings: [{ metadata: { name: 'audit', namespace: 'shop' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'platform-auditor' }, subjects: [{ kind: 'ServiceAccount', name: 'checkout', namespace: 'shop' }] }],
      }, 'kind-shop'),
    };
    const [only] = suggestFixes(checkContext(createWorkspaceModel(), { builtinRoles: true }, granted), denial);
    assert.match(only.title, /Already granted by RoleBinding audit → ClusterRole platform-auditor in cluster kind-shop now: retry the request/);
  });
});
