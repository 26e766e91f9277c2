import * as assert from 'assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import type { CodeLens, Diagnostic } from 'vscode-languageserver-protocol';
import { startStdio, type TestClient } from '../helpers/lsp-client';
import { REPO } from '../helpers/run-cli';
import { lineOf } from '../helpers/text-position';

const HELPERS = '{{- define "shop.fullname" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end -}}\n';
const ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ include "shop.fullname" . }}
  namespace: {{ .Release.Namespace }}
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get"]
`;
// The subject's namespace is written: it matches the chart's ServiceAccount only in a release installed in `prod`.
const BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: {{ include "shop.fullname" . }}
  namespace: {{ .Release.Namespace }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: {{ include "shop.fullname" . }}
subjects:
  - kind: ServiceAccount
    name: {{ include "shop.fullname" . }}
    namespace: prod
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: {{ include "shop.fullname" . }}-reader
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: {{ .Release.Name }}-reader
subjects:
  - kind: ServiceAccount
    name: {{ include "shop.fullname" . }}
    namespace: {{ .Release.Namespace }}
`;
const ACCOUNT = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "shop.fullname" . }}
  namespace: {{ .Release.Namespace }}
`;
const EXTRA = `{{- if .Values.extra.enabled }}
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ include "shop.fullname" . }}-extra
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get", "lsit"]
{{- end }}
`;
// Prepared by the cluster's admins, outside the chart: the chart binds it by the release's name.
const READER = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: prod-reader
rules:
  - apiGroups: [""]
    resources: ["nodes"]
    verbs: ["get"]
`;

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-helm-settings-'));
  const chart = join(dir, 'charts', 'shop');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 0.1.0\n');
  writeFileSync(join(chart, 'values.yaml'), 'extra:\n  enabled: false\n');
  writeFileSync(join(chart, 'templates', '_helpers.tpl'), HELPERS);
  for (const [name, text] of [['role.yaml', ROLE], ['rolebinding.yaml', BINDING], ['serviceaccount.yaml', ACCOUNT], ['extra-role.yaml', EXTRA]]) {
    writeFileSync(join(chart, 'templates', name), text);
  }
  writeFileSync(join(dir, 'prod-reader.yaml'), READER);
  writeFileSync(join(dir, 'prod-values.yaml'), 'extra:\n  enabled: true\n');
  return dir;
}

const codesAt = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.code}@${d.range.start.line}`).sort();

describe('Helm settings changed while the server runs (stdio)', function () {
  this.timeout(60_000);
  let dir: string;
  let client: TestClient;
  let templates: string;
  const helm = (settings: Record<string, unknown>) => {
    client.configuration = { ...client.configuration, rbacDoctor: { helm: settings } };
    return client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  };

  before(async () => {
    dir = workspace();
    templates = join(dir, 'charts', 'shop', 'templates');
    client = startStdio(join(REPO, 'dist/server.js'));
    await client.initialize(dir);
  });
  after(() => client.dispose());

  it('with the assumed release, the written subject namespace and the release-named roleRef are reported', async () => {
    const bindings = await client.waitForDiagnostics(join(templates, 'rolebinding.yaml'), (d) => d.length >= 2);
    assert.deepStrictEqual(codesAt(bindings), [`RBAC009@${lineOf(BINDING, '{{ .Release.Name }}-reader')}`, `RBAC013@${lineOf(BINDING, 'namespace: prod')}`]);
    assert.deepStrictEqual(client.diagnostics.get(pathToFileURL(join(templates, 'extra-role.yaml')).toString()) ?? [], []);
    // Lenses asked for while the workspace was being read counted part of it: once it is read, the editor asks again.
    await client.waitFor(() => client.codeLensRefreshes === 1, () => `one code lens refresh after indexing, got ${client.codeLensRefreshes}`);
  });

  it('releaseNamespace turns the subject-namespace mismatch off and on again, without a restart', async () => {
    const path = join(templates, 'rolebinding.yaml');
    const refreshes = client.codeLensRefreshes;
    await helm({ releaseNamespace: 'prod' });
    await client.waitForDiagnostics(path, (d) => !d.some((x) => x.code === 'RBAC013'));
    await helm({ releaseNamespace: '' });
    await client.waitForDiagnostics(path, (d) => d.some((x) => x.code === 'RBAC013'));
    // Lenses count through the evaluated names too: the editor is told to ask for them again.
    await client.waitFor(() => client.codeLensRefreshes >= refreshes + 2, () => `2 code lens refreshes, got ${client.codeLensRefreshes - refreshes}`);
  });

  it('valuesFiles turns an `if` on, and the Role it renders is checked at its own lines', async () => {
    await helm({ valuesFiles: ['prod-values.yaml'] });
    const diagnostics = await client.waitForDiagnostics(join(templates, 'extra-role.yaml'), (d) => d.some((x) => x.code === 'RBAC001'));
    assert.deepStrictEqual(codesAt(diagnostics.filter((d) => d.code === 'RBAC001')), [`RBAC001@${lineOf(EXTRA, 'lsit')}`]);
  });

  it('an edit to a values file named in the settings applies at once, from disk or from the editor', async () => {
    const values = join(dir, 'prod-values.yaml');
    const extra = join(templates, 'extra-role.yaml');
    writeFileSync(values, 'extra:\n  enabled: false\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(values).toString(), type: 2 }] });
    await client.waitForDiagnostics(extra, (d) => !d.some((x) => x.code === 'RBAC001'));
    await client.open(values, 'extra:\n  enabled: false\n');
    await client.change(values, 2, 'extra:\n  enabled: true\n');
    await client.waitForDiagnostics(extra, (d) => d.some((x) => x.code === 'RBAC001'));
  });

  it('releaseName changes the evaluated roleRef name: the binding to the admins\' role is found, and lenses count it', async () => {
    const path = join(templates, 'rolebinding.yaml');
    await helm({ valuesFiles: ['prod-values.yaml'], releaseName: 'prod', releaseNamespace: 'prod' });
    const diagnostics = await client.waitForDiagnostics(path, (d) => !d.some((x) => x.code === 'RBAC009' || x.code === 'RBAC013'));
    assert.deepStrictEqual(codesAt(diagnostics), []);
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: pathToFileURL(join(dir, 'prod-reader.yaml')).toString() } })) as CodeLens[];
    assert.deepStrictEqual(lenses.map((l) => [l.range.start.line, l.command?.title]), [[0, 'bound by 1 · 1 subject']]);
    const roleLenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: pathToFileURL(join(templates, 'role.yaml')).toString() } })) as CodeLens[];
    assert.deepStrictEqual(roleLenses.map((l) => [l.range.start.line, l.command?.title]), [[lineOf(ROLE, 'apiVersion'), 'bound by 1 · 1 subject']]);
  });
});
