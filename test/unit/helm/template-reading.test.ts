import * as assert from 'assert';
import { parse } from 'yaml';
import { helmInfo, readTemplateFile } from '../../../server/src/core/helm/read/read-template';
import type { RoleObject, BindingObject } from '../../../server/src/core/model/types';
import { lineOf } from '../../helpers/text-position';
import { CHART, chartFiles, chartModel, codesAt, findingsOf, HELPER_ROLE_BINDING_HEAD } from './chart-harness';

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
    resources: ["pods", {{ "configmaps" | quote }}]
    verbs: ["get", "lsit", "watch"]
  {{- if .Values.rbac.pspEnabled }}
  - apiGroups: ["policy"]
    resources: ["podsecuritypolicies"]
    verbs: ["use"]
  {{- end }}
  {{- with .Values.rbac.extraRules }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end }}
`;

describe('chart templates: reading without losing positions', () => {
  it('finds a typo verb at its line in a template full of actions (whole-line, inline, trimmed)', () => {
    const findings = findingsOf(chartFiles({ 'role.yaml': ROLE }));
    assert.deepStrictEqual(codesAt(findings, `${CHART}/templates/role.yaml`).filter((f) => f.code === 'RBAC001'), [{ code: 'RBAC001', line: lineOf(ROLE, 'lsit') }]);
    const finding = findings.find((f) => f.code === 'RBAC001')!;
    assert.strictEqual(finding.range.start.character, ROLE.split('\n')[lineOf(ROLE, 'lsit')].indexOf('"lsit"'));
  });

  it('evaluates names, namespaces and quoted inline actions in flow sequences', () => {
    const model = chartModel(chartFiles({ 'role.yaml': ROLE }));
    const role = model.index.roles[0] as RoleObject;
    assert.strictEqual(role.name, 'release-app');
    assert.strictEqual(role.namespace?.value, 'default');
    assert.deepStrictEqual(role.rules.map((r) => r.resources), [['pods', 'configmaps']]);
  });

  it('reads an `if` that is false with the values as absent, and true when a values file turns it on', () => {
    const off = chartModel(chartFiles({ 'role.yaml': ROLE }));
    assert.strictEqual((off.index.roles[0] as RoleObject).rules.length, 1);
    const on = chartModel(chartFiles({ 'role.yaml': ROLE }), { valuesFiles: [{ path: '/w/prod.yaml', text: 'rbac:\n  pspEnabled: true\n' }] });
    assert.deepStrictEqual((on.index.roles[0] as RoleObject).rules.map((r) => r.resources), [['pods', 'configmaps'], ['podsecuritypolicies']]);
    const disabled = chartModel(chartFiles({ 'role.yaml': ROLE }, 'rbac:\n  create: false\n'));
    assert.strictEqual(disabled.index.roles.length, 0);
  });

  it('reads the same whether the templates or the chart arrive first', () => {
    const files = chartFiles({ 'role.yaml': ROLE });
    assert.strictEqual(chartModel(files, undefined, 'templates-first').index.roles[0]?.name, 'release-app');
  });

  it('keeps offsets: every parsed node sits where its text is', () => {
    const model = chartModel(chartFiles({ 'role.yaml': ROLE }));
    const file = model.getFile(`${CHART}/templates/role.yaml`)!;
    const role = model.index.roles[0] as RoleObject;
    const verbs = (role.node.get('rules', true) as unknown as { items: { get(k: string, keep: boolean): { items: { range: number[] }[] } }[] }).items[0].get('verbs', true);
    const lsit = verbs.items[1].range[0] + role.doc.start;
    assert.strictEqual(file.text.slice(lsit, lsit + 6), '"lsit"');
  });

  it('reads actions in keys; rules printed from known values join the list at the action, unknown ones are not judged', () => {
    const template = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: {{ template "app.fullname" . }}-extra
  {{ "labels" }}:
    a: b
rules:
  - apiGroups: [""]
    resources: [configmaps]
    verbs: [get]
{{ toYaml .Values.rules | indent 2 }}
`;
    const files = chartFiles({ 'cr.yaml': template }, 'rules: [{apiGroups: [""], resources: [pods], verbs: [lsit]}]\n');
    const model = chartModel(files);
    const role = model.index.roles[0] as RoleObject;
    assert.strictEqual(role.name, 'release-app-extra');
    assert.deepStrictEqual(role.labels, { a: 'b' });
    assert.deepStrictEqual(role.rules.map((r) => r.resources), [['configmaps'], ['pods']]);
    assert.deepStrictEqual(model.getFile(`${CHART}/templates/cr.yaml`)!.helm!.notJudged, []);
    // The rule is written in values.yaml: it is told there, with its fix (values-positions.test.ts).
    const typo = findingsOf(files).find((f) => f.code === 'RBAC001')!;
    assert.deepStrictEqual([typo.file, typo.range.start.line], [`${CHART}/values.yaml`, 0]);
    const transformed = findingsOf(chartFiles({ 'cr.yaml': template.replace('toYaml .Values.rules', 'toYaml (list (first .Values.rules))') }, 'rules: [{apiGroups: [""], resources: [pods], verbs: [lsit]}, {apiGroups: [""], resources: [nodes], verbs: [get]}]\n'));
    const atAction = transformed.find((f) => f.code === 'RBAC001')!;
    assert.strictEqual(atAction.range.start.line, lineOf(template, 'toYaml'));
    assert.deepStrictEqual(atAction.fixes, [], 'the fix would edit the action: not offered');
    const unknown = chartModel(chartFiles({ 'cr.yaml': template.replace('.Values.rules', '(lookup "v1" "x" "" "")') }));
    assert.deepStrictEqual(unknown.getFile(`${CHART}/templates/cr.yaml`)!.helm!.notJudged.map((n) => n.kind), ['rules']);
  });

  it('trims with {{- and -}} inside defines as Go does, and follows nested defines', () => {
    const template = `{{- define "app.inner" -}}
  {{- printf "%s-inner" (include "app.name" .) -}}
{{- end -}}
{{- define "app.outer" -}}
  {{ include "app.inner" . }}-outer
{{- end -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "app.outer" . }}
`;
    const model = chartModel(chartFiles({ 'sa.yaml': template }));
    assert.deepStrictEqual(model.index.serviceAccounts.map((s) => s.name), ['app-inner-outer']);
  });

  it('leaves out an object whose name is unknown, and counts it as skipped', () => {
    const template = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ lookup "v1" "Secret" "x" "y" }}
`;
    const model = chartModel(chartFiles({ 'sa.yaml': template }));
    assert.strictEqual(model.index.serviceAccounts.length, 0);
    assert.deepStrictEqual(model.getFile(`${CHART}/templates/sa.yaml`)!.helm!.skipped.map((s) => s.kind), ['ServiceAccount']);
  });

  it('drops a rule holding an unknown value instead of judging half of it', () => {
    const template = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: x
rules:
  - apiGroups: [""]
    resources: [{{ .Files.Get "r" }}]
    verbs: [get]
  - apiGroups: [""]
    resources: [pods]
    verbs: [get]
`;
    const model = chartModel(chartFiles({ 'cr.yaml': template }));
    assert.deepStrictEqual((model.index.roles[0] as RoleObject).rules.map((r) => r.resources), [['pods']]);
    assert.deepStrictEqual(findingsOf(chartFiles({ 'cr.yaml': template })).filter((f) => f.code === 'RBAC006'), []);
  });

  it('a `range` inside a list gives one item per value, all at the templated line', () => {
    const template = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: signer
rules:
  - apiGroups: ["certificates.k8s.io"]
    resources: ["signers"]
    verbs: ["approve"]
    resourceNames:
    {{- range .Values.signers }}
    - {{ . | quote }}
    {{- end }}
`;
    const model = chartModel(chartFiles({ 'cr.yaml': template }, 'signers: [issuers.cert-manager.io/*, clusterissuers.cert-manager.io/*]\n'));
    assert.deepStrictEqual((model.index.roles[0] as RoleObject).rules[0].resourceNames, ['issuers.cert-manager.io/*', 'clusterissuers.cert-manager.io/*']);
    assert.deepStrictEqual(model.getFile(`${CHART}/templates/cr.yaml`)!.helm!.notJudged, []);
  });

  it('a helper is not a manifest: _helpers.tpl yields no documents and no findings', () => {
    const model = chartModel(chartFiles({}));
    assert.deepStrictEqual(model.getFile(`${CHART}/templates/_helpers.tpl`)!.documents, []);
  });

  it('a template outside any chart (no Chart.yaml) is read as before', () => {
    const model = chartModel({ '/w/other/templates/role.yaml': ROLE });
    assert.strictEqual(model.index.roles.length, 0);
    assert.strictEqual(model.getFile('/w/other/templates/role.yaml')!.documents[0].skipped, 'template');
  });

  it('binding subjects and roleRefs through helpers', () => {
    const template = `${HELPER_ROLE_BINDING_HEAD}  - kind: ServiceAccount
    name: {{ include "app.serviceAccountName" . }}
    namespace: {{ .Release.Namespace | quote }}
`;
    const model = chartModel(chartFiles({ 'rb.yaml': template }), { releaseName: 'shop', releaseNamespace: 'prod', valuesFiles: [] });
    const binding = model.index.bindings[0] as BindingObject;
    assert.deepStrictEqual(binding.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'shop-app' });
    assert.deepStrictEqual(binding.subjects, [{ kind: 'ServiceAccount', name: 'shop-app', namespace: 'prod' }]);
  });

  it('an edit re-reads only the edited document: the others are reused as they were, at their new offsets', () => {
    const two = `${ROLE}---\n${ROLE.replace('lsit', 'list').replace('include "app.fullname" .', 'include "app.fullname" . }}-two{{ ""')}`;
    const files = chartFiles({ 'role.yaml': two });
    const model = chartModel(files);
    const path = `${CHART}/templates/role.yaml`;
    const [first, second] = model.index.roles;
    const secondStart = second.doc.start;
    assert.deepStrictEqual([first.name, second.name], ['release-app', 'release-app-two']);
    const edited = `# a comment that moves every offset\n${two.replace('"watch"]', '"watch", "create"]')}`;
    model.setFile(path, edited);
    const [firstAfter, secondAfter] = model.index.roles;
    assert.notStrictEqual(firstAfter, first);
    assert.strictEqual(secondAfter, second);
    assert.strictEqual(secondAfter.doc.start, secondStart + (edited.length - two.length));
    const findings = findingsOf({ ...files, [path]: edited });
    assert.deepStrictEqual(codesAt(findings, path).filter((f) => f.code === 'RBAC001'), [{ code: 'RBAC001', line: lineOf(edited, 'lsit') }]);
    const reused = chartModel(files);
    reused.index;
    reused.setFile(path, edited);
    const file = reused.getFile(path)!;
    const secondName = helmInfo(file)!.templated.find((t) => t.value === 'release-app-two')!;
    assert.strictEqual(edited.slice(secondName.start, secondName.start + 7), '{{ incl');
  });

  it('readTemplateFile stops a recursive include within its budget', () => {
    const hostile = `{{- define "loop" -}}{{ include "loop" . }}{{ include "loop" . }}{{- end -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "loop" . }}
`;
    const model = chartModel(chartFiles({ 'sa.yaml': hostile }));
    const file = model.getFile(`${CHART}/templates/sa.yaml`)!;
    assert.ok(file.helm!.problems.length > 0 || model.index.serviceAccounts.length === 0);
    assert.ok(readTemplateFile);
  });
});

describe('chart templates: a templated scalar reads as YAML reads its rendered text', () => {
  // Printed values become a scalar's text; most are read without the parser, and must read exactly as it does.
  const TEXTS = ['true', 'False', 'null', '~', '1', '10', '-7', '0', '007', '+5', '1.13.0', '1e3', '0x1F', '0o17', '.inf', '-.5', '.nan',
    '--v=2', '--namespace=default', '/.sigstore', 'a:b', 'a b', 'a  b', 'name', 'x.y/z', 'x#y', 'yes', 'on', '12345678901234567890'];

  it('each value printed into a plain scalar has the type YAML gives its text', () => {
    const values = TEXTS.map((text, i) => `v${i}: ${JSON.stringify(text)}`).join('\n');
    const template = `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n  annotations:\n${TEXTS.map((_, i) => `    k${i}: {{ .Values.v${i} }}\n`).join('')}`;
    const model = chartModel(chartFiles({ 'sa.yaml': template }, values));
    const file = model.getFile(`${CHART}/templates/sa.yaml`)!;
    const read = helmInfo(file)!.templated.map((t) => t.value);
    assert.deepStrictEqual(read, TEXTS.map((text) => parse(`k: ${text}`).k));
  });
});
