import * as assert from 'assert';
import { analyse } from '../../../server/src/core/analysis';
import { codeLensesFor } from '../../../server/src/core/explain/code-lenses';
import { chartReports } from '../../../server/src/core/helm/chart/chart-report';
import type { RoleObject } from '../../../server/src/core/model/types';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';
import { CHART, chartFiles, chartModel, HELPERS, VALUES } from './chart-harness';

/** An aggregating role whose second selector a helper prints, as kyverno's chart does. */
const aggregating = (printed: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: {{ include "app.fullname" . }}
aggregationRule:
  clusterRoleSelectors:
    - matchLabels:
        example.com/aggregate-to-app: "true"
    - matchLabels:
        ${printed}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: {{ include "app.fullname" . }}:core
  labels:
    app.kubernetes.io/component: core
rules:
  - apiGroups: [""]
    resources: [configmaps]
    verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: unrelated-admin
rules:
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: {{ include "app.fullname" . }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: {{ include "app.fullname" . }}
subjects:
  - kind: ServiceAccount
    name: {{ include "app.serviceAccountName" . }}
    namespace: {{ .Release.Namespace }}
`;
const ACCOUNT = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "app.serviceAccountName" . }}
  namespace: {{ .Release.Namespace }}
`;
const HELPER = `${HELPERS}
{{- define "app.coreSelector" -}}
app.kubernetes.io/component: core
{{- end -}}
`;

function read(printed: string) {
  const files = { ...chartFiles({ 'roles.yaml': aggregating(printed), 'serviceaccount.yaml': ACCOUNT }), [`${CHART}/templates/_helpers.tpl`]: HELPER };
  const model = chartModel(files);
  const context = analyse(model, DEFAULT_SETTINGS).context;
  const role = model.getFile(`${CHART}/templates/roles.yaml`)!.documents[0].objects[0] as RoleObject;
  const [lens] = codeLensesFor(context, model.getFile(`${CHART}/templates/serviceaccount.yaml`)!);
  return { selectors: role.aggregationRule?.clusterRoleSelectors, lens: lens.title, notJudged: chartReports(model)[0].notJudged.map((n) => `${n.what}:${n.line}`) };
}

describe('chart templates: aggregationRule selectors printed by actions', () => {
  it('a selector a helper prints with known labels selects by those labels', () => {
    const { selectors, lens, notJudged } = read('{{- include "app.coreSelector" . | nindent 8 }}');
    assert.deepStrictEqual(selectors, [{ matchLabels: { 'example.com/aggregate-to-app': 'true' } }, { matchLabels: { 'app.kubernetes.io/component': 'core' } }]);
    assert.strictEqual(lens, '1 rule in all namespaces');
    assert.deepStrictEqual(notJudged, []);
  });

  it('a selector printed from what cannot be known is left out and said, never read as "select every ClusterRole"', () => {
    const { selectors, lens, notJudged } = read('{{- .Files.Get "selector.yaml" | nindent 8 }}');
    assert.deepStrictEqual(selectors, [{ matchLabels: { 'example.com/aggregate-to-app': 'true' } }]);
    assert.strictEqual(lens, '0 rules in 0 namespaces');
    // Reported at the selector left out (the second `- matchLabels:`).
    assert.deepStrictEqual(notJudged, [`aggregationRule:${aggregating('').split('\n').lastIndexOf('    - matchLabels:')}`]);
  });

  it('a selector with an unknown label value is left out too', () => {
    const { selectors } = read('app.kubernetes.io/component: {{ .Files.Get "component" }}');
    assert.deepStrictEqual(selectors, [{ matchLabels: { 'example.com/aggregate-to-app': 'true' } }]);
  });
});

describe('chart templates: labels printed by actions select a role for aggregation', () => {
  /** kyverno's pattern: labels merged from several helpers into an empty dict, printed under `labels:`. */
  const MERGE_HELPERS = `${HELPER}
{{- define "app.labels.merge" -}}
{{- $labels := dict -}}
{{- range . -}}
  {{- $labels = merge $labels (fromYaml .) -}}
{{- end -}}
{{- with $labels -}}
  {{- toYaml $labels -}}
{{- end -}}
{{- end -}}
{{- define "app.labels" -}}
{{- template "app.labels.merge" (list (include "app.coreSelector" .) (toYaml .Values.customLabels) "app.kubernetes.io/managed-by: Helm") -}}
{{- end -}}
`;
  function lensWith(labels: string) {
    const roles = aggregating('{{- include "app.coreSelector" . | nindent 8 }}').replace('  labels:\n    app.kubernetes.io/component: core\n', labels);
    const files = { ...chartFiles({ 'roles.yaml': roles, 'serviceaccount.yaml': ACCOUNT }, `${VALUES}customLabels: {}\n`), [`${CHART}/templates/_helpers.tpl`]: MERGE_HELPERS };
    const model = chartModel(files);
    const context = analyse(model, DEFAULT_SETTINGS).context;
    const core = model.getFile(`${CHART}/templates/roles.yaml`)!.documents[1].objects[0] as RoleObject;
    return { labels: core.labels, lens: codeLensesFor(context, model.getFile(`${CHART}/templates/serviceaccount.yaml`)!)[0].title };
  }

  it('labels merged into an empty dict and printed under `labels:` are read: the aggregating role holds the rule', () => {
    const { labels, lens } = lensWith('  labels:\n    {{- include "app.labels" . | nindent 4 }}\n');
    assert.deepStrictEqual(labels, { 'app.kubernetes.io/component': 'core', 'app.kubernetes.io/managed-by': 'Helm' });
    assert.strictEqual(lens, '1 rule in all namespaces');
  });

  it('labels printed from what cannot be known: the rule is "might", never silently missing', () => {
    const { lens } = lensWith('  labels:\n    {{- .Files.Get "labels.yaml" | nindent 4 }}\n');
    assert.strictEqual(lens, '0 rules in 0 namespaces + 1 might (not known)');
  });
});
