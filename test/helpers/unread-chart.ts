import { writeFileSync } from 'fs';
import { join } from 'path';
import { newShopChart } from './shop-chart';

/**
 * A chart with a rule printed from a live object (`lookup`) and subjects printed from values that are not set: they cannot be read,
 * so a rule might grant anything and the subjects might be anyone.
 */
export function writeUnreadChart(): string {
  const chart = newShopChart('unread', 'namespace: shop\n');
  writeFileSync(join(chart, 'templates', 'rbac.yaml'), `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: app
  namespace: shop
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list"]
- apiGroups: [""]
  resources: ["{{ (lookup "v1" "ConfigMap" "shop" "cfg").data.resource }}"]
  verbs: ["list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: app
  namespace: shop
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: app}
subjects:
- kind: ServiceAccount
  name: app
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: node-reader
rules:
- apiGroups: [""]
  resources: ["nodes"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: node-readers
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-reader}
subjects:
{{- toYaml .Values.nodeReaders | nindent 0 }}
`);
  return chart;
}
