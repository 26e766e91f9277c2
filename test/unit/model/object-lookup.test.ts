import * as assert from 'assert';
import { lookupOf } from '../../../server/src/core/model/object-lookup';
import type { RoleObject, ServiceAccountObject } from '../../../server/src/core/model/types';
import { PolicyIndex } from '../../../server/src/core/rbac/policy-index';
import { identityOf, serviceAccountUser } from '../../../server/src/core/rbac/subjects';
import { workspacePolicy } from '../../../server/src/core/model/workspace-policy';
import { modelOf } from '../../helpers/check-harness';

const FILES = {
  '/ws/shop/rbac.yaml': `apiVersion: v1
kind: ServiceAccount
metadata: { name: web, namespace: shop }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: reader, namespace: shop }
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: reader, namespace: other }
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: reader, namespace: shop }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader }
subjects:
  - { kind: ServiceAccount, name: web }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: web-view }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view }
subjects:
  - { kind: ServiceAccount, name: web, namespace: shop }
  - { kind: ServiceAccount, name: web }
  - { kind: Group, name: devs }
`,
  '/ws/shop/app.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    spec:
      serviceAccountName: web
      containers: [{ name: web, image: web }]
---
apiVersion: v1
kind: Pod
metadata: { name: debug, namespace: shop }
spec:
  containers: [{ name: debug, image: busybox }]
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: web, namespace: shop }
`,
};

describe('object lookup', () => {
  const model = modelOf(FILES);
  const lookup = lookupOf(model.index);

  it('is built once, then follows edits in place, as a fresh build would be', () => {
    assert.strictEqual(lookupOf(model.index), lookup);
    const changed = modelOf(FILES);
    const before = lookupOf(changed.index);
    changed.setFile('/ws/extra.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: x, namespace: shop }\n');
    const after = lookupOf(changed.index);
    assert.strictEqual(after, before, 'updated in place, not built again');
    assert.strictEqual(after.serviceAccount('shop', 'x')?.name, 'x');
    // A definition moved to an earlier file comes first, as in a fresh build's workspace order.
    changed.setFile('/ws/shop/rbac.yaml', FILES['/ws/shop/rbac.yaml'].replace('name: web, namespace: shop', 'name: x, namespace: shop'));
    const fresh = lookupOf(modelOf({ ...FILES, '/ws/extra.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: x, namespace: shop }\n', '/ws/shop/rbac.yaml': FILES['/ws/shop/rbac.yaml'].replace('name: web, namespace: shop', 'name: x, namespace: shop') }).index);
    const files = (l: typeof lookup) => l.objects('ServiceAccount', 'shop', 'x').map((o) => o.doc.file);
    assert.deepStrictEqual(files(lookupOf(changed.index)), files(fresh));
    assert.deepStrictEqual(files(fresh), ['/ws/shop/rbac.yaml', '/ws/extra.yaml']);
    assert.deepStrictEqual([...lookupOf(changed.index).definedMoreThanOnce()].map((group) => group.map((o) => o.name)), [...fresh.definedMoreThanOnce()].map((group) => group.map((o) => o.name)));
  });

  it('finds objects by kind, namespace and name, every definition of a duplicate', () => {
    assert.deepStrictEqual(lookup.objects('ServiceAccount', 'shop', 'web').map((o) => o.doc.file), ['/ws/shop/rbac.yaml', '/ws/shop/app.yaml']);
    assert.deepStrictEqual(lookup.objects('ServiceAccount', 'other', 'web'), []);
    assert.deepStrictEqual(lookup.rolesNamed('Role', 'reader').map((r) => r.namespace?.value), ['shop', 'other']);
  });

  it('relates a Role to the RoleBindings of its own namespace only', () => {
    const [shop, other] = lookup.rolesNamed('Role', 'reader') as RoleObject[];
    assert.deepStrictEqual(lookup.bindingsOfRole(shop).map((b) => b.name), ['reader']);
    assert.deepStrictEqual(lookup.bindingsOfRole(other), []);
  });

  it('relates a ServiceAccount to bindings naming it, a RoleBinding subject without namespace meaning its own', () => {
    assert.deepStrictEqual(lookup.bindingsOfServiceAccount('shop', 'web').map((b) => b.name), ['reader', 'web-view']);
    assert.deepStrictEqual(lookup.bindingsOfServiceAccount('default', 'web'), []);
  });

  it('relates workloads to the ServiceAccount they run as, `default` when they name none', () => {
    assert.deepStrictEqual(lookup.workloadsRunningAs('shop', 'web').map((w) => w.name), ['web']);
    assert.deepStrictEqual(lookup.workloadsRunningAs('shop', 'default').map((w) => w.name), ['debug']);
    const sa = lookup.serviceAccount('shop', 'web') as ServiceAccountObject;
    assert.strictEqual(sa.doc.file, '/ws/shop/rbac.yaml');
    assert.deepStrictEqual(lookup.serviceAccountsIn('shop').length, 2);
  });
});

describe('policy index: bindings by subject', () => {
  const index = new PolicyIndex(workspacePolicy(modelOf(FILES)));

  it('offers only the bindings whose subjects can name the user, in policy order', () => {
    const web = identityOf(serviceAccountUser('shop', 'web'));
    assert.deepStrictEqual(index.clusterRoleBindingsFor(web).map((b) => b.name), ['web-view']);
    assert.deepStrictEqual(index.roleBindingsFor(web, 'shop').map((b) => b.name), ['reader']);
    assert.deepStrictEqual(index.roleBindingsFor(web, 'other'), []);
    assert.deepStrictEqual(index.allRoleBindingsFor(web).map((b) => b.name), ['reader']);
  });

  it('through a group, and never for a namespace-less ServiceAccount of a ClusterRoleBinding', () => {
    assert.deepStrictEqual(index.clusterRoleBindingsFor({ name: 'alice', groups: ['devs'] }).map((b) => b.name), ['web-view']);
    assert.deepStrictEqual(index.clusterRoleBindingsFor(identityOf(serviceAccountUser('default', 'web'))), []);
    assert.deepStrictEqual(index.clusterRoleBindingsFor({ name: 'bob', groups: [] }), []);
  });
});
