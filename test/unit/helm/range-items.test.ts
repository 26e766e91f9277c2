import * as assert from 'assert';
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { analyse } from '../../../server/src/core/analysis';
import { codeLensesFor } from '../../../server/src/core/explain/code-lenses';
import { createWorkspaceModel } from '../../../server/src/core/workspace';
import { findYamlFiles } from '../../../server/src/node/find-yaml-files';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';
import { buildChartContext } from '../../../server/src/core/helm/chart/chart-context';
import { describeTemplatedValue } from '../../../server/src/core/helm/read/describe-template-value';
import { readTemplateFile } from '../../../server/src/core/helm/read/read-template';
import type { BindingObject, RoleObject } from '../../../server/src/core/model/types';
import { describeGrowth, growthRatio, LINEAR_GROWTH_LIMIT } from '../../helpers/growth';
import { lineOf, positionOf } from '../../helpers/text-position';
import { CHART, chartFiles, chartModel, codesAt, findingsOf, VALUES, HELPER_ROLE_BINDING_HEAD } from './chart-harness';

const BINDING = `${HELPER_ROLE_BINDING_HEAD}{{- range .Values.rbac.subjects }}
- kind: {{ .kind }}
  name: {{ .name }}
  namespace: {{ .namespace | default $.Release.Namespace }}
{{- end }}
`;

const ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ include "app.fullname" . }}
  namespace: {{ .Release.Namespace }}
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get"]
{{- range .Values.extraRules }}
- apiGroups: {{ toJson .apiGroups }}
  resources: {{ toJson .resources }}
  verbs: {{ toJson .verbs }}
{{- end }}
`;

const ACCOUNT = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: robot
  namespace: {{ .Release.Namespace }}
`;

const SUBJECTS = `rbac:
  create: true
  subjects:
    - kind: ServiceAccount
      name: robot
    - kind: User
      name: jane
    - kind: Group
      name: ops
      namespace: ""
`;

const RULES = `extraRules:
  - apiGroups: [apps]
    resources: [deployments]
    verbs: [get, list]
  - apiGroups: [""]
    resources: [configmaps]
    verbs: [get, lsit]
`;

const BINDING_FILE = `${CHART}/templates/binding.yaml`;
const ROLE_FILE = `${CHART}/templates/role.yaml`;

function bindingOf(model: ReturnType<typeof chartModel>): BindingObject {
  const binding = model.index.bindings.find((b) => b.doc.file === BINDING_FILE);
  assert.ok(binding, 'the binding is read');
  return binding;
}

describe('chart templates: items a range prints, one per iteration', () => {
  it('a range over a list of maps gives one subject per value, each evaluated, all at the template item', () => {
    const model = chartModel(chartFiles({ 'binding.yaml': BINDING }, `${VALUES}${SUBJECTS}`));
    const binding = bindingOf(model);
    assert.deepStrictEqual(binding.subjects.map((s) => [s.kind, s.name, s.namespace]), [
      ['ServiceAccount', 'robot', 'default'],
      ['User', 'jane', 'default'],
      ['Group', 'ops', 'default'],
    ]);
    const file = model.getFile(BINDING_FILE)!;
    assert.deepStrictEqual(file.helm!.notJudged, []);
    // The hover of a templated value says what it is in each iteration.
    const hover = describeTemplatedValue(model, file, file.text.indexOf('{{ .name }}') + 3)!;
    assert.match(hover, /robot.*jane.*ops/s);
  });

  it('a range over rules judges each iteration, and a finding on one points at the template field', () => {
    const findings = findingsOf(chartFiles({ 'role.yaml': ROLE }, `${VALUES}${RULES}`));
    assert.deepStrictEqual(codesAt(findings, ROLE_FILE).filter((f) => f.code === 'RBAC001'), [{ code: 'RBAC001', line: lineOf(ROLE, 'verbs: {{') }]);
    const role = chartModel(chartFiles({ 'role.yaml': ROLE }, `${VALUES}${RULES}`)).index.roles[0] as RoleObject;
    assert.deepStrictEqual(role.rules.map((r) => r.resources), [['pods'], ['deployments'], ['configmaps']]);
    // No fix edits the action the value came from.
    const typo = findings.find((f) => f.code === 'RBAC001')!;
    assert.deepStrictEqual(typo.fixes, []);
  });

  it('fields printed on lines of their own (`{{- toYaml .verbs | nindent 4 }}`) and inner ranges are evaluated per iteration', () => {
    const template = ROLE.replace(/\{\{- range \.Values\.extraRules \}\}[\s\S]*$/, `{{- range .Values.extraRules }}
- apiGroups:
  {{- toYaml .apiGroups | nindent 4 }}
  resources:
  {{- range .resources }}
  - {{ . }}
  {{- end }}
  verbs:
  {{- toYaml .verbs | nindent 4 }}
{{- end }}
`);
    const files = chartFiles({ 'role.yaml': template }, `${VALUES}${RULES}`);
    const model = chartModel(files);
    const role = model.index.roles[0] as RoleObject;
    assert.deepStrictEqual(role.rules.map((r) => [r.apiGroups, r.resources, r.verbs]), [[[''], ['pods'], ['get']], [['apps'], ['deployments'], ['get', 'list']], [[''], ['configmaps'], ['get', 'lsit']]]);
    assert.deepStrictEqual(model.getFile(ROLE_FILE)!.helm!.notJudged, []);
    assert.deepStrictEqual(codesAt(findingsOf(files), ROLE_FILE).filter((f) => f.code === 'RBAC001'), [{ code: 'RBAC001', line: lineOf(template, 'toYaml .verbs') }]);
  });

  it('`$key, $value` over a map: one item per entry, in key order', () => {
    const template = BINDING.replace(/subjects:[\s\S]*$/, 'subjects:\n{{- range $namespace, $name := .Values.accounts }}\n- kind: ServiceAccount\n  name: {{ $name }}\n  namespace: {{ $namespace }}\n{{- end }}\n');
    const binding = bindingOf(chartModel(chartFiles({ 'binding.yaml': template }, `${VALUES}accounts:\n  team-b: builder\n  team-a: deployer\n`)));
    assert.deepStrictEqual(binding.subjects.map((s) => [s.name, s.namespace]), [['deployer', 'team-a'], ['builder', 'team-b']]);
  });

  it('a `with` nested in the item: iterations that run it are judged, one that skips a line stays unknown', () => {
    const template = BINDING.replace(/subjects:[\s\S]*$/, 'subjects:\n{{- range .Values.accounts }}\n- kind: ServiceAccount\n  name: {{ .name }}\n  {{- with .namespace }}\n  namespace: {{ . }}\n  {{- end }}\n{{- end }}\n');
    const values = `${VALUES}accounts:\n  - name: a\n    namespace: one\n  - name: b\n  - name: c\n    namespace: three\n`;
    const model = chartModel(chartFiles({ 'binding.yaml': template }, values));
    assert.deepStrictEqual(bindingOf(model).subjects.map((s) => [s.name, s.namespace]), [['a', 'one'], ['c', 'three']]);
    assert.deepStrictEqual(model.getFile(BINDING_FILE)!.helm!.notJudged.map((n) => [n.kind, lineOf(template, '- kind') === model.getFile(BINDING_FILE)!.lineStarts.findIndex((s, i, all) => s <= n.offset && (all[i + 1] ?? Infinity) > n.offset)]), [['subject', true]]);
  });

  it('a range over a list that cannot be known stays unknown: not judged, and said so', () => {
    const template = BINDING.replace('range .Values.rbac.subjects', 'range (lookup "v1" "ServiceAccount" "" "").items');
    const model = chartModel(chartFiles({ 'binding.yaml': template }, `${VALUES}${SUBJECTS}`));
    assert.deepStrictEqual(bindingOf(model).subjects, []);
    assert.deepStrictEqual(model.getFile(BINDING_FILE)!.helm!.notJudged.map((n) => n.kind), ['subject']);
  });

  it('an iteration whose value cannot be known keeps that item unknown, the others are judged', () => {
    const template = BINDING.replace('name: {{ .name }}', 'name: {{ tpl .name $ }}');
    const values = `${VALUES}rbac:\n  subjects:\n    - kind: User\n      name: jane\n    - kind: User\n      name: '{{ .Files.Get "bot" }}'\n`;
    const model = chartModel(chartFiles({ 'binding.yaml': template }, values));
    assert.deepStrictEqual(bindingOf(model).subjects.map((s) => s.name), ['jane']);
    assert.deepStrictEqual(model.getFile(BINDING_FILE)!.helm!.notJudged.map((n) => n.kind), ['subject']);
  });

  it('a typo in the literal part of a ranged item is found once, with one fix outside the actions', () => {
    const template = BINDING.replace('- kind: {{ .kind }}', '- kind: ServiceAcount');
    const values = `${VALUES}rbac:\n  subjects:\n    - name: a\n    - name: b\n    - name: c\n`;
    const findings = findingsOf(chartFiles({ 'binding.yaml': template }, values));
    const typos = findings.filter((f) => f.file === BINDING_FILE && f.code === 'RBAC012');
    assert.deepStrictEqual(typos.map((f) => f.range.start), [positionOf(template, 'ServiceAcount')]);
    for (const fix of typos[0].fixes) for (const edit of fix.edits) assert.strictEqual(edit.range.start.line, lineOf(template, 'ServiceAcount'));
  });

  it('cross-object checks see the expanded subjects: a ServiceAccount subject in another namespace (RBAC013)', () => {
    const values = `${VALUES}rbac:\n  subjects:\n    - kind: ServiceAccount\n      name: robot\n      namespace: prod\n    - kind: ServiceAccount\n      name: robot\n`;
    const findings = findingsOf(chartFiles({ 'binding.yaml': BINDING, 'sa.yaml': ACCOUNT, 'role.yaml': ROLE }, values));
    assert.deepStrictEqual(codesAt(findings, BINDING_FILE).filter((f) => f.code === 'RBAC013'), [{ code: 'RBAC013', line: lineOf(BINDING, 'namespace: {{ .namespace') }]);
    // Without the misplaced one, nothing to say.
    const fine = findingsOf(chartFiles({ 'binding.yaml': BINDING, 'sa.yaml': ACCOUNT, 'role.yaml': ROLE }, `${VALUES}rbac:\n  subjects:\n    - kind: ServiceAccount\n      name: robot\n`));
    assert.deepStrictEqual(codesAt(fine, BINDING_FILE).filter((f) => f.code === 'RBAC013'), []);
  });

  it('a range that prints the whole document gives one object per iteration, each in its own namespace', () => {
    const template = `{{- range .Values.namespaces }}\n---\n${BINDING.replace('namespace: {{ .Release.Namespace }}', 'namespace: {{ . }}').replace(/subjects:[\s\S]*$/, 'subjects:\n- kind: ServiceAccount\n  name: robot\n  namespace: {{ $.Release.Namespace }}\n')}{{- end }}\n`.replace(/include "app.fullname" \./g, 'include "app.fullname" $');
    const model = chartModel(chartFiles({ 'binding.yaml': template }, `${VALUES}namespaces: [a, b]\n`));
    // Not an item loop: the subject is printed once in each binding.
    assert.deepStrictEqual(model.index.bindings.map((b) => [b.writtenNamespace, b.subjects.map((s) => s.name)]), [['a', ['robot']], ['b', ['robot']]]);
    assert.deepStrictEqual(model.getFile(BINDING_FILE)!.helm!.analysed.length, 2);
  });

  it('a document a range prints whose lines differ by iteration gives one object per iteration, each with its own lines', () => {
    // The `if` runs in one iteration only: that iteration's object has the labels, the other's does not.
    const template = `{{- range .Values.namespaces }}\n---\n${BINDING.replace('namespace: {{ .Release.Namespace }}', 'namespace: {{ . }}\n  {{- if eq . "a" }}\n  labels: {team: a}\n  {{- end }}').replace(/subjects:[\s\S]*$/, 'subjects:\n- kind: ServiceAccount\n  name: robot\n  namespace: {{ $.Release.Namespace }}\n')}{{- end }}\n`.replace(/include "app.fullname" \./g, 'include "app.fullname" $');
    const model = chartModel(chartFiles({ 'binding.yaml': template }, `${VALUES}namespaces: [a, b]\n`));
    assert.deepStrictEqual(model.index.bindings.map((b) => [b.writtenNamespace, b.labels.team, b.subjects.map((s) => s.name)]), [['a', 'a', ['robot']], ['b', undefined, ['robot']]]);
  });

  it('kube-state-metrics: `namespaces: "a,b"` renders one Role and one RoleBinding per namespace', () => {
    const root = resolve(__dirname, '../../../../test/fixtures/helm-charts/kube-state-metrics');
    const model = createWorkspaceModel();
    model.setHelmOptions({ valuesFiles: [{ path: '/w/ns-values.yaml', text: 'namespaces: "a,b"\nrbac:\n  useClusterRole: false\n' }] });
    for (const path of findYamlFiles([root])) model.setFile(path, readFileSync(path, 'utf8'));
    const placed = (objects: { kind: string; writtenNamespace?: string }[]) => objects.map((o) => `${o.kind} ${o.writtenNamespace}`).sort();
    assert.deepStrictEqual(placed(model.index.roles), ['Role a', 'Role b']);
    assert.deepStrictEqual(placed(model.index.bindings), ['RoleBinding a', 'RoleBinding b']);
    // Both Roles sit at the same template lines: each lens says which one it counts.
    const context = analyse(model, DEFAULT_SETTINGS).context;
    assert.deepStrictEqual(codeLensesFor(context, model.getFile(`${root}/templates/role.yaml`)!).map((l) => l.title), ['a: bound by 1 · 1 subject', 'b: bound by 1 · 1 subject']);
    // A finding on the template's literal rules is told once, not once per namespace.
    const findings = analyse(model, DEFAULT_SETTINGS).findings.filter((f) => f.code === 'RBAC005' && f.file.endsWith('role.yaml'));
    assert.strictEqual(new Set(findings.map((f) => f.range.start.line)).size, findings.length);
    assert.ok(findings.length > 0);
  });

  it('reading a template whose range runs over a long values list grows linearly', function () {
    this.timeout(120_000);
    const read = (values: string) => {
      const context = buildChartContext({ dir: CHART, chartYaml: 'name: app\n', valuesYaml: { path: `${CHART}/values.yaml`, text: values }, helpers: [] }, { valuesFiles: [] });
      return readTemplateFile(BINDING_FILE, BINDING, context);
    };
    const make = (size: number) => {
      const items: string[] = [];
      for (let i = 0; i < size; i++) items.push(`    - kind: ServiceAccount\n      name: sa-${i}\n      namespace: ns-${i % 7}\n`);
      return `rbac:\n  subjects:\n${items.join('')}`;
    };
    const growth = growthRatio(make, read, { limit: LINEAR_GROWTH_LIMIT, start: 25, max: 500, minMs: 20 });
    assert.ok(growth.ratio <= LINEAR_GROWTH_LIMIT, describeGrowth(growth));
  });

  it('reading a template whose range prints a document per entry of a long list grows linearly', function () {
    this.timeout(120_000);
    const template = `{{- range .Values.namespaces }}\n---\n${BINDING.replace('namespace: {{ .Release.Namespace }}', 'namespace: {{ . }}').replace(/subjects:[\s\S]*$/, 'subjects:\n- kind: ServiceAccount\n  name: robot\n  namespace: {{ $.Release.Namespace }}\n')}{{- end }}\n`.replace(/\{\{ include "app.fullname" \. \}\}/g, 'app');
    const read = (values: string) => {
      const context = buildChartContext({ dir: CHART, chartYaml: 'name: app\n', valuesYaml: { path: `${CHART}/values.yaml`, text: values }, helpers: [] }, { valuesFiles: [] });
      return readTemplateFile(BINDING_FILE, template, context);
    };
    const make = (size: number) => `namespaces:\n${Array.from({ length: size }, (_, i) => `  - ns-${i}\n`).join('')}`;
    const growth = growthRatio(make, read, { limit: LINEAR_GROWTH_LIMIT, start: 25, max: 500, minMs: 20 });
    assert.ok(growth.ratio <= LINEAR_GROWTH_LIMIT, describeGrowth(growth));
    assert.strictEqual(read(make(3)).documents.flatMap((d) => d.objects).length, 3);
  });
});
