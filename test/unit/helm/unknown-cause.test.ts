import * as assert from 'assert';
import { chartReports } from '../../../server/src/core/helm/chart/chart-report';
import { CHART, chartFiles, chartModel, VALUES } from './chart-harness';

const binding = (name: string, namespace: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ${name}
  namespace: ${namespace}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
subjects:
  - kind: ServiceAccount
    name: app
    namespace: default
`;

/** prometheus' pattern: the namespaces to bind in, built as a list, passed through mustToJson and read back with fromJsonArray. */
const NAMESPACES_HELPER = `{{- define "app.namespaces" -}}
{{- $namespaces := list }}
{{- if .Values.server.useExistingClusterRoleName }}
  {{- range $ns := join "," .Values.server.namespaces | split "," }}
    {{- $namespaces = append $namespaces $ns }}
  {{- end -}}
{{- end -}}
{{ mustToJson $namespaces }}
{{- end -}}
`;

function read(templates: Record<string, string>, values = VALUES) {
  const model = chartModel({ ...chartFiles(templates, values), [`${CHART}/templates/_namespaces.tpl`]: NAMESPACES_HELPER });
  return { bindings: model.index.bindings.map((b) => `${b.namespace?.value}/${b.name}`), skipped: chartReports(model)[0].skipped.map((s) => s.reason) };
}

describe('chart templates: a skip names the real cause of an unknown value', () => {
  it('a range over `include … | fromJsonArray` of a `mustToJson` list renders what Helm renders: nothing by default, one binding per namespace when set', () => {
    const template = { 'rolebinding.yaml': `{{- range include "app.namespaces" . | fromJsonArray }}\n---\n${binding('prom', '{{ . }}')}{{- end }}\n` };
    assert.deepStrictEqual(read(template, `${VALUES}server:\n  useExistingClusterRoleName: false\n  namespaces: []\n`), { bindings: [], skipped: [] });
    assert.deepStrictEqual(read(template, `${VALUES}server:\n  useExistingClusterRoleName: true\n  namespaces: [a, b]\n`), { bindings: ['a/prom', 'b/prom'], skipped: [] });
  });

  it('a function not evaluated offline, `.Files`, a range whose list is not known: each said as such, not as "values"', () => {
    const { skipped } = read({
      'lookup.yaml': binding('looked-up', '{{ (lookup "v1" "Namespace" "" "x").metadata.name }}'),
      'files.yaml': binding('from-files', '{{ .Files.Get "ns.txt" | trim }}'),
      'range.yaml': `{{- range (lookup "v1" "Namespace" "" "").items }}\n---\n${binding('each', '{{ .metadata.name }}')}{{- end }}\n`,
    });
    assert.deepStrictEqual(skipped.sort(), [
      'its namespace is computed with `lookup`, which is not evaluated offline',
      'its namespace is printed for each item of `{{- range (lookup "v1" "Namespace" "" "").items }}` (line 1), whose list could not be decided',
      'its namespace reads `.Files`, which is not read here',
    ]);
  });

  it('a value no values file sets is still said to come from values', () => {
    assert.deepStrictEqual(read({ 'unset.yaml': binding('values', '{{ .Values.notSet.namespace }}') }).skipped, ['its namespace is computed from values that are not known']);
  });
});
