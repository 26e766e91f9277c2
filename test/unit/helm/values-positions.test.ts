import * as assert from 'assert';
import { parseDocument } from 'yaml';
import type { Finding } from '../../../server/src/core/checks/types';
import { applyEdits } from '../../../server/src/core/edits/apply-edits';
import { PositionedValuesCache } from '../../../server/src/core/helm/chart/values-source';
import { lineOf, positionOf } from '../../helpers/text-position';
import { CHART, chartFiles, findingsOf } from './chart-harness';

const VALUES_PATH = `${CHART}/values.yaml`;

const ROLE_WITH = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: {{ include "app.fullname" . }}
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get"]
  {{- with .Values.rbac.extraRules }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
`;

const VALUES_WITH_TYPO = `# Values of the app chart
rbac:
  create: true
  # Extra rules for the ClusterRole
  extraRules:
    - apiGroups: [""]
      resources: ["pods"]
      verbs: ["get", "lsit"]  # keep this comment
serviceAccount:
  create: true
  name: ""
`;

const BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: {{ include "app.fullname" . }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
{{ toYaml .Values.subjects | indent 2 }}
`;

function only(findings: Finding[], code: string): Finding {
  const found = findings.filter((f) => f.code === code);
  assert.strictEqual(found.length, 1, `one ${code}: ${JSON.stringify(found.map((f) => `${f.file}:${f.range.start.line}`))}`);
  return found[0];
}

/** Applies the finding's preferred fix to the values file and checks the rest of the text is untouched. */
function fixedValues(finding: Finding, before: string): string {
  const fix = finding.fixes.find((f) => f.isPreferred) ?? finding.fixes[0];
  assert.ok(fix, 'a fix is offered');
  assert.ok(fix.edits.every((e) => e.file === VALUES_PATH), 'the fix edits the values file only');
  const after = applyEdits(before, fix.edits);
  assert.deepStrictEqual(parseDocument(after).errors, [], 'the fixed values file parses');
  return after;
}

describe('chart values: rules and subjects printed from values are told at the values file', () => {
  it('a rule printed by `with .Values.rbac.extraRules` / `toYaml .` is reported at the values line, and its fix edits the values file', () => {
    const files = chartFiles({ 'clusterrole.yaml': ROLE_WITH }, VALUES_WITH_TYPO);
    const typo = only(findingsOf(files), 'RBAC001');
    assert.strictEqual(typo.file, VALUES_PATH);
    assert.deepStrictEqual(typo.range.start, positionOf(VALUES_WITH_TYPO, '"lsit"'));
    assert.match(typo.message, /printed by templates\/clusterrole\.yaml:10/);
    assert.deepStrictEqual(typo.related?.[0].location, {
      file: `${CHART}/templates/clusterrole.yaml`,
      range: { start: positionOf(ROLE_WITH, '{{- toYaml'), end: { line: lineOf(ROLE_WITH, '{{- toYaml'), character: ROLE_WITH.split('\n')[lineOf(ROLE_WITH, '{{- toYaml')].length } },
    });
    const after = fixedValues(typo, VALUES_WITH_TYPO);
    assert.strictEqual(after, VALUES_WITH_TYPO.replace('"lsit"', '"list"'), 'smallest span: comments and everything else byte-identical');
    assert.deepStrictEqual(findingsOf({ ...files, [VALUES_PATH]: after }).filter((f) => f.code === 'RBAC001'), []);
  });

  it('a rule printed by `toYaml .Values.rules | indent 2` and one printed inline (`rules: {{ toYaml … }}`) point into values.yaml', () => {
    const values = 'rules:\n  - apiGroups: [""]\n    resources: [pods]\n    verbs: [lsit]\n';
    const ownLine = ROLE_WITH.replace(/ {2}\{\{- with[^]*$/, '{{ toYaml .Values.rules | indent 2 }}\n');
    const inline = ROLE_WITH.replace(/rules:[^]*$/, 'rules: {{ toYaml .Values.rules | nindent 2 }}\n');
    for (const template of [ownLine, inline]) {
      const typo = only(findingsOf(chartFiles({ 'clusterrole.yaml': template }, values)), 'RBAC001');
      assert.strictEqual(typo.file, VALUES_PATH);
      assert.deepStrictEqual(typo.range.start, positionOf(values, 'lsit'));
      assert.strictEqual(fixedValues(typo, values), values.replace('verbs: [lsit]', 'verbs: [list]'));
    }
  });

  it('subjects printed from values: RBAC109 at the subject in values.yaml', () => {
    const values = 'subjects:\n  - kind: Group\n    apiGroup: rbac.authorization.k8s.io\n    name: system:authenticated\n';
    const broad = only(findingsOf(chartFiles({ 'binding.yaml': BINDING }, values)), 'RBAC109');
    assert.strictEqual(broad.file, VALUES_PATH);
    assert.strictEqual(broad.range.start.line, lineOf(values, 'system:authenticated'));
    assert.strictEqual(broad.related?.[0].location.file, `${CHART}/templates/binding.yaml`);
  });

  it('subjects written as a literal block of YAML that the template `tpl`s (as sealed-secrets does) point at the line inside the block', () => {
    const values = `rbac:\n  subjects: |\n    - apiGroup: rbac.authorization.k8s.io\n      kind: Group\n      name: system:authenticated\nother: 1\n`;
    const template = BINDING.replace('{{ toYaml .Values.subjects | indent 2 }}', '  {{- tpl .Values.rbac.subjects $ | nindent 2 }}');
    const broad = only(findingsOf(chartFiles({ 'binding.yaml': template }, values)), 'RBAC109');
    assert.strictEqual(broad.file, VALUES_PATH);
    assert.deepStrictEqual(broad.range.start, positionOf(values, 'system:authenticated'));
  });

  it('a list an extra values file sets (Helm replaces lists) is reported in that file; its fix edits that file', () => {
    const extraPath = '/w/prod-values.yaml';
    const extra = 'rbac:\n  extraRules:\n    - apiGroups: [""]\n      resources: [secret]\n      verbs: [get]\n';
    const findings = findingsOf(chartFiles({ 'clusterrole.yaml': ROLE_WITH }, VALUES_WITH_TYPO), { valuesFiles: [{ path: extraPath, text: extra }] });
    assert.deepStrictEqual(findings.filter((f) => f.code === 'RBAC001'), [], 'values.yaml\'s list is replaced');
    const singular = only(findings, 'RBAC003');
    assert.strictEqual(singular.file, extraPath);
    assert.deepStrictEqual(singular.range.start, positionOf(extra, 'secret'));
    const fix = singular.fixes.find((f) => f.isPreferred)!;
    assert.deepStrictEqual(fix.edits.map((e) => e.file), [extraPath]);
    assert.strictEqual(applyEdits(extra, fix.edits), extra.replace('[secret]', '[secrets]'));
  });

  it('a list the template transforms stays reported at the template line, without a fix', () => {
    const values = 'a:\n  - apiGroups: [""]\n    resources: [pods]\n    verbs: [lsit]\n  - apiGroups: [""]\n    resources: [nodes]\n    verbs: [get]\nb:\n  - apiGroups: [""]\n    resources: [services]\n    verbs: [get]\n';
    const template = ROLE_WITH.replace(/ {2}\{\{- with[^]*$/, '{{ toYaml (list (first .Values.a) (first .Values.b)) | indent 2 }}\n');
    const typo = only(findingsOf(chartFiles({ 'clusterrole.yaml': template }, values)), 'RBAC001');
    assert.strictEqual(typo.file, `${CHART}/templates/clusterrole.yaml`);
    assert.strictEqual(typo.range.start.line, lineOf(template, 'toYaml'));
    assert.deepStrictEqual(typo.fixes, []);
  });

  it('a list written with an anchor is not edited through its alias: told at the template line', () => {
    const values = 'base: &rules\n  - apiGroups: [""]\n    resources: [pods]\n    verbs: [lsit]\nrules: *rules\n';
    const template = ROLE_WITH.replace(/ {2}\{\{- with[^]*$/, '{{ toYaml .Values.rules | indent 2 }}\n');
    const typo = only(findingsOf(chartFiles({ 'clusterrole.yaml': template }, values)), 'RBAC001');
    assert.strictEqual(typo.file, `${CHART}/templates/clusterrole.yaml`);
  });

  it('a disable comment in the values file silences the finding there', () => {
    const values = VALUES_WITH_TYPO.replace('      verbs: ["get", "lsit"]', '      # rbac-doctor-disable-next-line RBAC001\n      verbs: ["get", "lsit"]');
    assert.deepStrictEqual(findingsOf(chartFiles({ 'clusterrole.yaml': ROLE_WITH }, values)).filter((f) => f.code === 'RBAC001'), []);
  });

  it('the same values list printed by two roles is told once per role, each naming its template', () => {
    const files = chartFiles({ 'clusterrole.yaml': ROLE_WITH, 'second.yaml': ROLE_WITH.replace('fullname" . }}', 'fullname" . }}-second') }, VALUES_WITH_TYPO);
    const typos = findingsOf(files).filter((f) => f.code === 'RBAC001');
    assert.deepStrictEqual(typos.map((t) => t.file), [VALUES_PATH, VALUES_PATH]);
    assert.deepStrictEqual(typos.map((t) => /printed by (\S+):/.exec(t.message)?.[1]).sort(), ['templates/clusterrole.yaml', 'templates/second.yaml']);
  });

  it('the positioned reading of a values file is made once per text', () => {
    const cache = new PositionedValuesCache();
    const first = cache.document(VALUES_PATH, VALUES_WITH_TYPO);
    assert.ok(first);
    assert.strictEqual(cache.document(VALUES_PATH, VALUES_WITH_TYPO), first);
    assert.strictEqual(cache.sourceFile(VALUES_PATH, VALUES_WITH_TYPO), cache.sourceFile(VALUES_PATH, VALUES_WITH_TYPO));
    const edited = VALUES_WITH_TYPO.replace('lsit', 'list');
    assert.notStrictEqual(cache.document(VALUES_PATH, edited), first);
    assert.strictEqual(cache.document(VALUES_PATH, 'a: [\n'), undefined, 'an unreadable values file has no positions');
  });
});
