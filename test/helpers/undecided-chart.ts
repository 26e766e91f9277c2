import { writeFileSync } from 'fs';
import { join } from 'path';
import { newShopChart } from './shop-chart';

/**
 * A chart whose branch conditions cannot be decided offline (an API the cluster may or may not serve,
 * a `lookup` of live objects): what they guard is never answered "yes", only "unknown" (exit 5), and named.
 */
export function writeUndecidedChart(): string {
  const chart = newShopChart('undecided', 'namespace: shop\n');
  writeFileSync(join(chart, 'templates', 'rbac.yaml'), `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: app
  namespace: {{ .Values.namespace }}
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list"]
{{- if .Capabilities.APIVersions.Has "widgets.example.com/v1/Widget" }}
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["list"]
{{- end }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: app
  namespace: {{ .Values.namespace }}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: app}
subjects:
- kind: ServiceAccount
  name: app
{{- if lookup "v1" "Namespace" "" "batch" }}
- kind: ServiceAccount
  name: batch
{{- end }}
`);
  writeFileSync(join(chart, 'templates', 'serviceaccount.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  namespace: {{ .Values.namespace }}\n');
  return chart;
}

