import * as assert from 'assert';
import { chartReports } from '../../../server/src/core/helm/chart/chart-report';
import { chartFiles, chartModel } from './chart-harness';

// A helper that computes a switch and stores it on the template's dot, then the template tests it.
const FLAG_HELPER = `{{- define "app.bindingEnabled" -}}
{{- $_ := set . "bindingEnabled" (and (eq (.Values.rbac.create | toString) "true") .Values.serviceAccount.create) -}}
{{- end -}}
`;
const BINDING = `{{ template "app.bindingEnabled" . }}
{{- if .bindingEnabled -}}
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: {{ include "app.fullname" . }}-delegator
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: system:auth-delegator
subjects:
- kind: ServiceAccount
  name: {{ include "app.serviceAccountName" . }}
  namespace: {{ .Release.Namespace }}
{{ end }}
`;

describe('switches a helper sets on the template\'s dot (`set . "flag" …`)', () => {
  it('the template reads the switch it set: the binding renders when the values say so', () => {
    const model = chartModel(chartFiles({ '_flags.tpl': FLAG_HELPER, 'binding.yaml': BINDING }));
    assert.deepStrictEqual(model.index.bindings.map((b) => b.name), ['release-app-delegator']);
    assert.strictEqual(chartReports(model)[0].analysed, 1);
  });

  it('and does not when they say otherwise', () => {
    const values = 'serviceAccount:\n  create: true\nrbac:\n  create: false\n';
    assert.deepStrictEqual(chartModel(chartFiles({ '_flags.tpl': FLAG_HELPER, 'binding.yaml': BINDING }, values)).index.bindings, []);
  });

  it('a switch set on the dot of one file is not seen by another file', () => {
    const other = BINDING.replace('{{ template "app.bindingEnabled" . }}\n', '').replace('-delegator', '-other');
    const model = chartModel(chartFiles({ '_flags.tpl': FLAG_HELPER, 'binding.yaml': BINDING, 'other.yaml': other }));
    assert.deepStrictEqual(model.index.bindings.map((b) => b.name), ['release-app-delegator']);
  });

  it('a define rendered before the switch changed is rendered again after it', () => {
    const helpers = `${FLAG_HELPER}{{- define "app.state" -}}{{ .bindingEnabled | toString }}{{- end -}}\n`;
    const template = `{{- $before := include "app.state" . -}}\n{{ template "app.bindingEnabled" . }}\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-{{ $before }}-{{ include "app.state" . }}\n`;
    const model = chartModel(chartFiles({ '_flags.tpl': helpers, 'sa.yaml': template }));
    // sprig's toString of a missing key is "<nil>"; once the switch is set, the same include prints it.
    assert.deepStrictEqual(model.index.serviceAccounts.map((s) => s.name), ['sa-<nil>-true']);
  });

  it('a map read from values is never changed: `set .Values …` is unknown', () => {
    const template = `{{- $_ := set .Values "extra" "x" -}}\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-{{ .Values.extra | default "none" }}\n`;
    assert.deepStrictEqual(chartModel(chartFiles({ 'sa.yaml': template })).index.serviceAccounts.map((s) => s.name), ['sa-none']);
  });
});
