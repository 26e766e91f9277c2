import * as assert from 'assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, Hover } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/core/edits/apply-edits';
import { startInMemory, startStdio } from '../helpers/lsp-client';
import { REPO } from '../helpers/run-cli';
import { lineOf, positionOf } from '../helpers/text-position';

const ROLE = `{{- if .Values.rbac.create }}
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ include "shop.fullname" . }}
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get", "lsit"]
{{- end }}
`;

/** The chart `shop` at `chart` (its Chart.yaml, values and name helper) with `role` as its templates/role.yaml; the role's path. */
function writeShopChart(chart: string, role: string): string {
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 0.1.0\n');
  writeFileSync(join(chart, 'values.yaml'), 'rbac:\n  create: true\n');
  writeFileSync(join(chart, 'templates', '_helpers.tpl'), '{{- define "shop.fullname" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end -}}\n');
  writeFileSync(join(chart, 'templates', 'role.yaml'), role);
  return join(chart, 'templates', 'role.yaml');
}

describe('Helm charts over LSP', () => {
  it('reads a chart from disk, reports inside a template opened as helm, logs the chart report, and hovers a templated name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-helm-'));
    const role = writeShopChart(join(dir, 'chart'), ROLE);
    const client = startInMemory();
    try {
      await client.initialize(dir);
      const diagnostics = await client.waitForDiagnostics(role, (d) => d.some((x) => x.code === 'RBAC001'));
      assert.deepStrictEqual(diagnostics.filter((d) => d.code === 'RBAC001').map((d) => d.range.start.line), [lineOf(ROLE, 'lsit')]);
      assert.ok(client.logs.some((line) => /^chart shop \(chart\): 1 of 1 RBAC objects analysed, 0 skipped/.test(line)), client.logs.join('\n'));
      const edited = ROLE.replace('"lsit"', '"list"');
      await client.open(role, edited, 'helm');
      await client.waitForDiagnostics(role, (d) => !d.some((x) => x.code === 'RBAC001'));
      const hover = (await client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: pathToFileURL(role).toString() }, position: positionOf(edited, 'include'),
      })) as Hover;
      assert.match(JSON.stringify(hover.contents), /evaluates to `release-shop`/);
    } finally {
      await client.dispose();
    }
  });

  it('a workspace that is a chart repository (charts/<name>, no Chart.yaml above): a misspelt helper is RBAC030 there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-helm-repo-'));
    const misspelt = ROLE.replace('"shop.fullname"', '"shop.fulname"');
    const role = writeShopChart(join(dir, 'charts', 'shop'), misspelt);
    const client = startInMemory();
    try {
      await client.initialize(dir);
      const diagnostics = await client.waitForDiagnostics(role, (d) => d.some((x) => x.code === 'RBAC030'));
      assert.deepStrictEqual(diagnostics.filter((d) => d.code === 'RBAC030').map((d) => d.range.start), [positionOf(misspelt, '"shop.fulname"')]);
    } finally {
      await client.dispose();
    }
  });

  it('over stdio: a rule printed from values is published on values.yaml, and its quick-fix there clears it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-helm-values-'));
    mkdirSync(join(dir, 'chart', 'templates'), { recursive: true });
    writeFileSync(join(dir, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 0.1.0\n');
    const valuesText = 'rbac:\n  # extra rules for the Role\n  extraRules:\n    - apiGroups: [""]\n      resources: ["pods"]\n      verbs: ["get", "lsit"]\n';
    const values = join(dir, 'chart', 'values.yaml');
    writeFileSync(values, valuesText);
    const role = join(dir, 'chart', 'templates', 'role.yaml');
    writeFileSync(role, ROLE.replace('{{- end }}', '  {{- with .Values.rbac.extraRules }}\n  {{- toYaml . | nindent 2 }}\n  {{- end }}\n{{- end }}').replace('"get", "lsit"', '"get"').replace('.Values.rbac.create', 'true'));
    writeFileSync(join(dir, 'chart', 'templates', '_helpers.tpl'), '{{- define "shop.fullname" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end -}}\n');
    const client = startStdio(join(REPO, 'dist/server.js'));
    try {
      await client.initialize(dir);
      const diagnostics = await client.waitForDiagnostics(values, (d) => d.some((x) => x.code === 'RBAC001'));
      const typo = diagnostics.find((d) => d.code === 'RBAC001')!;
      assert.deepStrictEqual(typo.range.start, positionOf(valuesText, '"lsit"'));
      assert.strictEqual(typo.relatedInformation?.[0].location.uri, pathToFileURL(role).toString());
      assert.ok(!(client.diagnostics.get(pathToFileURL(role).toString()) ?? []).some((d) => d.code === 'RBAC001'), 'not also on the template');
      await client.open(values, valuesText);
      const actions = (await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: pathToFileURL(values).toString() }, range: typo.range, context: { diagnostics: [typo] },
      })) as CodeAction[];
      const fix = actions.find((a) => a.title === 'Change to list')!;
      assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
      const fixed = applyEdits(valuesText, fix.edit!.changes![pathToFileURL(values).toString()]);
      assert.strictEqual(fixed, valuesText.replace('"lsit"', '"list"'));
      await client.change(values, 2, fixed);
      await client.waitForDiagnostics(values, (d) => !d.some((x) => x.code === 'RBAC001'));
    } finally {
      await client.dispose();
    }
  });
});
