import * as assert from 'assert';
import { readFileSync } from 'fs';
import { relative, resolve } from 'path';
import { analyse } from '../../../server/src/core/analysis';
import { codeLensesFor, type Lens } from '../../../server/src/core/explain/code-lenses';
import type { HelmOptions } from '../../../server/src/core/helm/chart/chart-context';
import { WorkspaceModel } from '../../../server/src/core/model/workspace-model';
import { createWorkspaceModel } from '../../../server/src/core/workspace';
import { findYamlFiles } from '../../../server/src/node/find-yaml-files';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';
import { lineOf } from '../../helpers/text-position';
import { CHART, chartFiles, chartModel, VALUES, HELPER_ROLE_BINDING_HEAD } from './chart-harness';

const ROLES = `{{- if .Values.rbac.create }}
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ include "app.fullname" . }}
  namespace: {{ .Release.Namespace }}
rules:
  - apiGroups: [""]
    resources: [pods]
    verbs: [get]
---
{{- /* read nodes everywhere */}}
{{- with .Values.rbac }}
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: {{ include "app.fullname" $ }}-reader
rules:
  - apiGroups: [""]
    resources: [nodes]
    verbs: [get]
{{- end }}
{{- end }}
`;
const BINDINGS = `${HELPER_ROLE_BINDING_HEAD}  - kind: ServiceAccount
    name: {{ include "app.serviceAccountName" . }}
    namespace: {{ .Release.Namespace }}
  - kind: Group
    name: {{ .Release.Name }}-auditors
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: {{ printf "%s-reader" (include "app.fullname" .) }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: {{ template "app.fullname" . }}-reader
subjects:
  - kind: ServiceAccount
    name: {{ include "app.serviceAccountName" . }}
    namespace: {{ .Release.Namespace }}
---
# refers to the chart's short name, not to the role the chart defines: binds nothing here
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: {{ include "app.name" . }}
  namespace: {{ .Release.Namespace }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: {{ include "app.name" . }}
subjects:
  - kind: User
    name: jane
`;
const ACCOUNT = `{{- if .Values.serviceAccount.create -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "app.serviceAccountName" . }}
  namespace: {{ .Release.Namespace }}
{{- end }}
`;

const ROLES_FILE = `${CHART}/templates/roles.yaml`;
const ACCOUNT_FILE = `${CHART}/templates/serviceaccount.yaml`;

/** A line that holds nothing but template actions (`{{- if … }}`, `{{- end }}`, `{{- include … | nindent 4 }}`). */
const isActionOnly = (line: string) => line.trim() !== '' && line.replace(/\{\{.*?\}\}/g, '').trim() === '';

function lensesOf(model: WorkspaceModel, path: string): { line: number; title: string; bindings: number[] }[] {
  const context = analyse(model, DEFAULT_SETTINGS).context;
  return codeLensesFor(context, model.getFile(path)!).map((lens: Lens) => ({
    line: lens.range.start.line,
    title: lens.title,
    bindings: lens.locations.map((l) => l.range.start.line),
  }));
}

describe('chart templates: code lenses', () => {
  const files = chartFiles({ 'roles.yaml': ROLES, 'bindings.yaml': BINDINGS, 'serviceaccount.yaml': ACCOUNT });

  it('a role template gets "bound by" at its first key, counting bindings whose roleRef a helper builds', () => {
    assert.deepStrictEqual(lensesOf(chartModel(files), ROLES_FILE), [
      { line: lineOf(ROLES, 'apiVersion'), title: 'bound by 1 · 2 subjects', bindings: [lineOf(BINDINGS, 'apiVersion')] },
      { line: lineOf(ROLES, 'apiVersion', 1), title: 'bound by 1 · 1 subject', bindings: [lineOf(BINDINGS, 'apiVersion', 1)] },
    ]);
  });

  it('a ServiceAccount template counts the rules its evaluated name is bound to', () => {
    assert.deepStrictEqual(lensesOf(chartModel(files), ACCOUNT_FILE), [
      { line: lineOf(ACCOUNT, 'apiVersion'), title: '2 rules in all namespaces', bindings: [lineOf(BINDINGS, 'apiVersion'), lineOf(BINDINGS, 'apiVersion', 1)] },
    ]);
  });

  it('the release settings change the evaluated names and namespaces on both sides: the counts follow', () => {
    const options: HelmOptions = { valuesFiles: [], releaseName: 'prod', releaseNamespace: 'shop' };
    assert.deepStrictEqual(lensesOf(chartModel(files, options), ROLES_FILE).map((l) => l.title), ['bound by 1 · 2 subjects', 'bound by 1 · 1 subject']);
    // A role fixed in `shop` is bound by a binding in the release namespace only when the release is installed there.
    const fixed = chartFiles({ 'roles.yaml': ROLES.replace('namespace: {{ .Release.Namespace }}', 'namespace: shop'), 'bindings.yaml': BINDINGS });
    assert.deepStrictEqual(lensesOf(chartModel(fixed), ROLES_FILE).map((l) => l.title), ['bound by 0 · 0 subjects', 'bound by 1 · 1 subject']);
    assert.deepStrictEqual(lensesOf(chartModel(fixed, options), ROLES_FILE).map((l) => l.title), ['bound by 1 · 2 subjects', 'bound by 1 · 1 subject']);
  });

  it('a role in a false branch gets no lens; a values file that turns the branch on brings it', () => {
    const off = chartFiles({ 'roles.yaml': ROLES, 'bindings.yaml': BINDINGS }, VALUES.replace('rbac:\n  create: true', 'rbac:\n  create: false'));
    assert.deepStrictEqual(lensesOf(chartModel(off), ROLES_FILE), []);
    const on: HelmOptions = { valuesFiles: [{ path: '/w/prod-values.yaml', text: 'rbac:\n  create: true\n' }] };
    assert.deepStrictEqual(lensesOf(chartModel(off, on), ROLES_FILE).map((l) => l.line), [lineOf(ROLES, 'apiVersion'), lineOf(ROLES, 'apiVersion', 1)]);
  });

  it('subjects a range prints from a list that cannot be known are said to be unknown, not counted as none', () => {
    const ranged = BINDINGS.split('---')[0].replace(
      /subjects:[\s\S]*$/,
      'subjects:\n{{- range (lookup "v1" "ServiceAccount" "" "").items }}\n  - kind: ServiceAccount\n    name: {{ .metadata.name }}\n    namespace: {{ $.Release.Namespace }}\n{{- end }}\n',
    );
    const model = chartModel(chartFiles({ 'roles.yaml': ROLES, 'bindings.yaml': ranged }, `${VALUES}extraAccounts: [a, b]\n`));
    const [role] = lensesOf(model, ROLES_FILE);
    assert.strictEqual(role.title, 'bound by 1 · subjects not known');
    // The chart's ServiceAccount may be one of them: its count is a floor, and says so.
    const withAccount = chartModel(chartFiles({ 'roles.yaml': ROLES, 'bindings.yaml': ranged, 'serviceaccount.yaml': ACCOUNT }, `${VALUES}extraAccounts: [a, b]\n`));
    assert.deepStrictEqual(lensesOf(withAccount, ACCOUNT_FILE).map((l) => l.title), ['0 rules in 0 namespaces + some not known']);
  });

  it('a binding left out because its roleRef cannot be known is counted as not read', () => {
    const unknownRef = BINDINGS.replace('  kind: Role\n  name: {{ include "app.fullname" . }}', '  kind: Role\n  name: {{ .Files.Get "role-name" }}');
    const model = chartModel(chartFiles({ 'roles.yaml': ROLES, 'bindings.yaml': unknownRef }));
    assert.deepStrictEqual(lensesOf(model, ROLES_FILE).map((l) => l.title), ['bound by 0 + 1 not read · subjects not known', 'bound by 1 + 1 not read · 1 subject + some not known']);
  });
});

describe('chart templates: code lenses on the 8 published charts', () => {
  const root = resolve(__dirname, '../../../../test/fixtures/helm-charts');
  const model = createWorkspaceModel();
  for (const path of findYamlFiles([root])) model.setFile(path, readFileSync(path, 'utf8'));
  const context = analyse(model, DEFAULT_SETTINGS).context;
  const lenses = model.allFiles().flatMap((file) => {
    const lines = file.text.split('\n');
    return codeLensesFor(context, file).map((lens) => ({ file: relative(root, file.path), line: lines[lens.range.start.line], title: lens.title }));
  });

  it('every lens sits on a line with YAML of its own, never on an action-only line', () => {
    assert.ok(lenses.length >= 40, `${lenses.length} lenses`);
    assert.deepStrictEqual(lenses.filter((l) => isActionOnly(l.line) || !/^(apiVersion|kind):/.test(l.line)), []);
  });
});
