import * as assert from 'assert';
import { analyse } from '../../../server/src/core/analysis';
import { applyEdits } from '../../../server/src/core/edits/apply-edits';
import { parseForbiddenMessage } from '../../../server/src/core/forbidden/parse-forbidden-message';
import { requestOf, suggestFixes } from '../../../server/src/core/fix-forbidden/suggest-fixes';
import { canI } from '../../../server/src/core/rbac/authorize';
import { PolicyIndex } from '../../../server/src/core/rbac/policy-index';
import { identityOf } from '../../../server/src/core/rbac/subjects';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';
import { CHART, chartFiles, chartModel, HELPER_ROLE_BINDING_HEAD } from './chart-harness';

const SA = `{{- if .Values.serviceAccount.create }}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "app.serviceAccountName" . }}
  namespace: {{ .Release.Namespace }}
{{- end }}
`;
const ROLE = `{{- if .Values.rbac.create }}
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ include "app.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "app.labels" . | nindent 4 }}
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get", "list"]
  {{- with .Values.rbac.extraRules }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end }}
`;
const BINDING = `${HELPER_ROLE_BINDING_HEAD}  - kind: ServiceAccount
    name: {{ include "app.serviceAccountName" . }}
    namespace: {{ .Release.Namespace }}
`;

describe('Fix Forbidden Error with a chart open', () => {
  it("edits the chart's role template (a literal rule, outside every action) so that the chart's ServiceAccount is allowed", () => {
    const files = chartFiles({ 'serviceaccount.yaml': SA, 'role.yaml': ROLE, 'rolebinding.yaml': BINDING });
    const model = chartModel(files, { releaseName: 'shop', releaseNamespace: 'prod', valuesFiles: [] });
    const [denial] = parseForbiddenMessage('Error from server (Forbidden): secrets is forbidden: User "system:serviceaccount:prod:shop-app" cannot list resource "secrets" in API group "" in the namespace "prod"');
    const context = analyse(model, DEFAULT_SETTINGS).context;
    const edit = suggestFixes(context, denial).find((s) => s.kind === 'edit');
    assert.ok(edit?.edits?.length, 'an edit of the bound role is offered');
    const path = `${CHART}/templates/role.yaml`;
    assert.ok(edit.edits.every((e) => e.file === path), `edits the role template: ${edit.edits.map((e) => e.file)}`);
    const edited = applyEdits(ROLE, edit.edits);
    // Every action of the template is still there, byte for byte, in the same order.
    assert.deepStrictEqual(edited.match(/\{\{[^}]*\}\}/g), ROLE.match(/\{\{[^}]*\}\}/g));
    model.setFile(path, edited);
    const after = analyse(model, DEFAULT_SETTINGS).context;
    const user = identityOf('system:serviceaccount:prod:shop-app', []);
    assert.strictEqual(canI(new PolicyIndex(after.policy), user, requestOf(denial)!).allowed, true);
    assert.deepStrictEqual(analyse(model, DEFAULT_SETTINGS).findings.filter((f) => f.file === path && f.severity !== 'information'), []);
  });
});
