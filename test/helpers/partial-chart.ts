import { writeFileSync } from 'fs';
import { join } from 'path';
import { newShopChart } from './shop-chart';

/** A value Helm reads from the live cluster (`lookup`): not known offline. */
const LIVE = (key: string) => `{{ (lookup "v1" "ConfigMap" "shop" "names").data.${key} }}`;

/**
 * A chart whose roles and bindings render but cannot be read whole: a ClusterRole whose name, a
 * RoleBinding whose namespace, a RoleBinding whose roleRef, and a ClusterRoleBinding whose name and
 * subjects come from a live object. Each might grant what its known parts allow, and nothing else.
 * Lines of templates/rbac.yaml (1-based): the nameless ClusterRole 1, RoleBinding reader 20,
 * RoleBinding alice 40, the nameless ClusterRoleBinding 59. templates/serviceaccounts.yaml holds
 * ServiceAccounts shop/app (line 1) and jobs/batch (line 6).
 */
export function writePartialChart(): string {
  const chart = newShopChart('partial', 'replicas: 1\n');
  writeFileSync(join(chart, 'templates', 'rbac.yaml'), `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ${LIVE('role')}
rules:
- apiGroups: [""]
  resources: ["nodes"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: node-getter
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-getter}
subjects:
- kind: ServiceAccount
  name: app
  namespace: shop
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: reader
  namespace: ${LIVE('namespace')}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
subjects:
- kind: ServiceAccount
  name: batch
  namespace: jobs
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: secret-reader
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: alice
  namespace: shop
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${LIVE('roleRef')}}
subjects:
- kind: User
  name: alice
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: cm-reader
rules:
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ${LIVE('binding')}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cm-reader}
subjects:
- kind: User
  name: ${LIVE('user')}
`);
  writeFileSync(join(chart, 'templates', 'serviceaccounts.yaml'), `apiVersion: v1
kind: ServiceAccount
metadata:
  name: app
  namespace: shop
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: batch
  namespace: jobs
`);
  return chart;
}
