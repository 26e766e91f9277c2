import * as assert from 'assert';
import { analyse } from '../../../server/src/core/analysis';
import { FUNCTIONS } from '../../../server/src/core/helm/template/functions/template-functions';
import { containsUnknown, printValue, toYamlText, UNKNOWN, type Value } from '../../../server/src/core/helm/template/template-values';
import { chartReports } from '../../../server/src/core/helm/chart/chart-report';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';
import { CHART, chartFiles, chartModel } from '../helm/chart-harness';

function nested(depth: number): Value {
  let value: Value = {};
  for (let i = 0; i < depth; i++) value = { k: value };
  return value;
}

/** `$x = list $x $x`, n times: 2^n leaves reached through n shared lists. */
function doubling(times: number): Value {
  let value: Value = ['leaf'];
  for (let i = 0; i < times; i++) value = [value, value];
  return value;
}

describe('toYaml, toJson and printing past the write budget', () => {
  it('a value nested 1,000 deep is unknown, never a stack overflow', () => {
    const deep = nested(1000);
    assert.strictEqual(toYamlText(deep), UNKNOWN);
    assert.strictEqual(FUNCTIONS.toJson([deep]), UNKNOWN);
    assert.strictEqual(printValue(deep), UNKNOWN);
    assert.ok(containsUnknown(nested(200_000)));
  });

  it('a shared value that doubles forty times is unknown at once (nodes are counted each time reached)', () => {
    const began = Date.now();
    assert.strictEqual(toYamlText(doubling(40)), UNKNOWN);
    assert.strictEqual(FUNCTIONS.toPrettyJson([doubling(40)]), UNKNOWN);
    assert.ok(Date.now() - began < 2000, `${Date.now() - began} ms`);
  });

  it('a value reached twice is written in full each time, as Helm writes it, never as a YAML alias', () => {
    const shared: Value = { verbs: ['get', 'list'], note: 'a b' };
    assert.strictEqual(toYamlText({ a: shared, b: shared }), 'a:\n  verbs:\n    - get\n    - list\n  note: a b\nb:\n  verbs:\n    - get\n    - list\n  note: a b');
  });

  it('values within the budget are written as before', () => {
    assert.strictEqual(toYamlText(nested(3)), 'k:\n  k:\n    k: {}');
    assert.strictEqual(FUNCTIONS.toJson([nested(2)]), '{"k":{"k":{}}}');
  });
});

const ALIAS_VALUES = `a: &x
  b: 1
  c: *x
`;

const ROLE_FROM_ALIAS = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: app
  namespace: shop
  annotations:
    copy: {{ toYaml .Values.a | quote }}
rules:
{{ toYaml .Values.a | indent 2 }}
`;

const DEEP_DICT = `{{- $d := dict }}
${'{{- $d = dict "k" $d }}\n'.repeat(1000)}apiVersion: v1
kind: ConfigMap
metadata:
  name: deep
data:
  v: |
{{ toYaml $d | indent 4 }}
`;

const OTHER_ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: other, namespace: shop}
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["*"]
`;

describe('charts that used to end the server', () => {
  it('a self-referencing alias in values.yaml with toYaml: the rules are not judged, nothing throws, the rest is checked', () => {
    const model = chartModel({ ...chartFiles({ 'role.yaml': ROLE_FROM_ALIAS }, ALIAS_VALUES), '/w/other.yaml': OTHER_ROLE });
    const { findings, failedChecks } = analyse(model, DEFAULT_SETTINGS);
    assert.deepStrictEqual(failedChecks, []);
    assert.ok(!findings.some((f) => f.code === 'RBAC034'), findings.map((f) => f.message).join('\n'));
    const report = chartReports(model).find((r) => r.dir === CHART)!;
    assert.deepStrictEqual(report.notJudged.map((n) => [n.file, n.what]), [[`${CHART}/templates/role.yaml`, 'rules']]);
    assert.match(report.notJudged[0].reason, /cannot be judged/);
    assert.ok(findings.some((f) => f.file === '/w/other.yaml' && f.code === 'RBAC101'));
  });

  it('toYaml of a dict nested 1,000 deep: no throw, the rest is checked', () => {
    const model = chartModel({ ...chartFiles({ 'deep.yaml': DEEP_DICT, 'role.yaml': OTHER_ROLE.replace('other', 'app') }), '/w/other.yaml': OTHER_ROLE });
    const { findings, failedChecks } = analyse(model, DEFAULT_SETTINGS);
    assert.deepStrictEqual(failedChecks, []);
    assert.ok(!findings.some((f) => f.code === 'RBAC034'));
    assert.deepStrictEqual(findings.filter((f) => f.code === 'RBAC101').map((f) => f.file).sort(), [`${CHART}/templates/role.yaml`, '/w/other.yaml']);
  });
});

describe('RBAC037: a template value past an evaluation budget is said at its action', () => {
  const budgetNotes = (files: Record<string, string>) =>
    analyse(chartModel(files), DEFAULT_SETTINGS).findings.filter((f) => f.code === 'RBAC037').map((f) => [f.file.replace(`${CHART}/`, ''), f.range.start.line, f.severity, f.message]);

  it('a self-referencing alias: once, at the first action that reads it (one note per cause), in one line', () => {
    const notes = budgetNotes(chartFiles({ 'role.yaml': ROLE_FROM_ALIAS }, ALIAS_VALUES));
    assert.deepStrictEqual(notes, [['templates/role.yaml', 6, 'information', 'Not evaluated past the budget that keeps reading bounded: values nested more than 100 deep (an alias that contains itself?). Its value is unknown, and what it prints is not judged.']]);
  });

  it('toYaml of a dict nested 1,000 deep, at the toYaml', () => {
    const notes = budgetNotes(chartFiles({ 'deep.yaml': DEEP_DICT }));
    assert.deepStrictEqual(notes.map((n) => n.slice(0, 2)), [['templates/deep.yaml', 1007]]);
    assert.match(String(notes[0][3]), /a value nested more than 100 deep/);
  });

  it('a define that includes itself: at the include, also when the define\'s output is reused', () => {
    const helpers = '{{- define "loop" }}{{ include "loop" . }}{{ include "loop" . }}{{- end }}\n';
    const role = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: app\n  namespace: shop\n  annotations:\n    a: {{ include "loop" . | quote }}\n    b: {{ include "loop" . | quote }}\nrules: []\n';
    const notes = budgetNotes({ ...chartFiles({ 'role.yaml': role }), [`${CHART}/templates/_loop.tpl`]: helpers });
    assert.deepStrictEqual(notes.map((n) => n[1]), [6, 7]);
    assert.ok(notes.every((n) => /`include` nested more than 50 deep/.test(String(n[3]))));
  });

  it('values and structures within the budget: no note; the rules printed are judged', () => {
    const values = 'rules:\n- apiGroups: [""]\n  resources: [pods]\n  verbs: ["*"]\ndeep: {a: {b: {c: {d: 1}}}}\n';
    const role = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: app\n  namespace: shop\n  annotations:\n    d: {{ toJson .Values.deep | quote }}\nrules: {{ toJson .Values.rules }}\n';
    const files = chartFiles({ 'role.yaml': role }, values);
    assert.deepStrictEqual(budgetNotes(files), []);
    assert.ok(analyse(chartModel(files), DEFAULT_SETTINGS).findings.some((f) => f.code === 'RBAC101'));
  });

  it('silenced on its line with rbac-doctor-disable-next-line', () => {
    const silenced = ROLE_FROM_ALIAS.replace('    copy:', '    # rbac-doctor-disable-next-line RBAC037\n    copy:');
    assert.deepStrictEqual(budgetNotes(chartFiles({ 'role.yaml': silenced }, ALIAS_VALUES)), []);
  });
});

describe('RBAC037: a template that does more work than its size allows', () => {
  it('is said at its first line: nothing in it is checked', () => {
    // A list as the dot is never reused (set may change it): 2^50 renderings, cut by the step budget.
    const helpers = '{{- define "f" }}{{ include "f" (list 1) }}{{ include "f" (list 1) }}{{- end }}\n';
    const role = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: app\n  namespace: shop\n  annotations:\n    x: {{ include "f" (list 1) | quote }}\nrules: []\n';
    const findings = analyse(chartModel({ ...chartFiles({ 'role.yaml': role }), [`${CHART}/templates/_f.tpl`]: helpers }), DEFAULT_SETTINGS).findings.filter((f) => f.code === 'RBAC037');
    const whole = findings.find((f) => f.range.start.line === 0);
    assert.ok(whole, findings.map((f) => f.message).join('\n'));
    assert.match(whole.message, /does more work than its size allows \(recursive include\?\)\. Nothing in this template is checked\.$/);
  });
});
