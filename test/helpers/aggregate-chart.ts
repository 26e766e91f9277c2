import { writeFileSync } from 'fs';
import { join } from 'path';
import { newShopChart } from './shop-chart';

/** A value Helm reads from the live cluster (`lookup`): not known offline. */
const LIVE = '(lookup "v1" "ConfigMap" "shop" "rbac").data';

/**
 * A chart with an aggregating ClusterRole (shop-admin, bound to alice) that selects a ClusterRole with a
 * rule that could not be read (shop-pods), and might select one whose labels could not be read
 * (shop-secrets, also bound to bob on its own). Lines (1-based): shop-secrets 10, shop-pods 21, its unread rule 31.
 */
export function writeAggregateChart(): string {
  const chart = newShopChart('aggregate', 'replicas: 1\n');
  writeFileSync(join(chart, 'templates', 'rbac.yaml'), `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: shop-admin
aggregationRule:
  clusterRoleSelectors:
  - matchLabels:
      shop.example.com/aggregate-to-admin: "true"
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: shop-secrets
  labels:
    {{- ${LIVE}.labels | toYaml | nindent 4 }}
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: shop-pods
  labels:
    shop.example.com/aggregate-to-admin: "true"
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get"]
- apiGroups: [""]
  resources: ["{{ ${LIVE}.resource }}"]
  verbs: ["watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: shop-admins
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: shop-admin}
subjects:
- kind: User
  name: alice
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: secret-listers
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: shop-secrets}
subjects:
- kind: User
  name: bob
`);
  return chart;
}
