import { analyse } from '../../../server/src/core/analysis';
import type { Finding } from '../../../server/src/core/checks/types';
import type { HelmOptions } from '../../../server/src/core/helm/chart/chart-context';
import { WorkspaceModel } from '../../../server/src/core/model/workspace-model';
import { createWorkspaceModel } from '../../../server/src/core/workspace';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';

export const CHART = '/w/chart';

export const HELPERS = `{{/* Names, as charts build them */}}
{{- define "app.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "app.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "app.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{ default (include "app.fullname" .) .Values.serviceAccount.name }}
{{- else -}}
{{ default "default" .Values.serviceAccount.name }}
{{- end -}}
{{- end -}}

{{- define "app.labels" -}}
app.kubernetes.io/name: {{ include "app.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
`;

/** The first lines of a RoleBinding whose names the chart's helpers build, up to `subjects:`. */
export const HELPER_ROLE_BINDING_HEAD = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: {{ include "app.fullname" . }}
  namespace: {{ .Release.Namespace }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: {{ include "app.fullname" . }}
subjects:
`;

export const VALUES = `nameOverride: ""
serviceAccount:
  create: true
  name: ""
rbac:
  create: true
  extraRules: []
  pspEnabled: false
watchNamespace: ""
`;

/** A chart in memory: Chart.yaml, values.yaml, templates/_helpers.tpl plus the given templates. */
export function chartFiles(templates: Record<string, string>, values = VALUES): Record<string, string> {
  const files: Record<string, string> = {
    [`${CHART}/Chart.yaml`]: 'apiVersion: v2\nname: app\nversion: 1.2.3\n',
    [`${CHART}/values.yaml`]: values,
    [`${CHART}/templates/_helpers.tpl`]: HELPERS,
  };
  for (const [name, text] of Object.entries(templates)) files[`${CHART}/templates/${name}`] = text;
  return files;
}

export function chartModel(files: Record<string, string>, options?: HelmOptions, order: 'chart-first' | 'templates-first' = 'chart-first'): WorkspaceModel {
  const model = createWorkspaceModel();
  if (options) model.setHelmOptions(options);
  const entries = Object.entries(files);
  if (order === 'templates-first') entries.reverse();
  for (const [path, text] of entries) model.setFile(path, text);
  return model;
}

export function findingsOf(files: Record<string, string>, options?: HelmOptions): Finding[] {
  return analyse(chartModel(files, options), DEFAULT_SETTINGS).findings;
}

/** `{code, line}` of each finding in a file, for compact expectations. */
export function codesAt(findings: Finding[], file: string): { code: string; line: number }[] {
  return findings.filter((f) => f.file === file).map((f) => ({ code: f.code, line: f.range.start.line }));
}
