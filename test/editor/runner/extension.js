// Editor tests, run inside the real extension host through the vscode API. Results go to the file
// named by RBAC_DOCTOR_EDITOR_RESULT; each step is announced in RBAC_DOCTOR_EDITOR_STEPS so the
// driver can take a screenshot of it. RBAC_DOCTOR_EDITOR_SUITE=untrusted runs the untrusted-workspace
// tests instead (runner/cluster-tests.js).
const vscode = require('vscode');
const fs = require('fs');
const os = require('os');
const path = require('path');
const assert = require('assert');
const { stepsFile, until, step, screenStep } = require('./steps');
const { connectedTests, untrustedTests } = require('./cluster-tests');
const { applyTests } = require('./apply-tests');
const { pasteTests } = require('./paste-tests');

const resultFile = process.env.RBAC_DOCTOR_EDITOR_RESULT;
// The driver starts a stand-in cluster and names it here; the live-cluster steps need it and the driver.
const standIn = Boolean(stepsFile && process.env.RBAC_DOCTOR_STAND_IN);

const ours = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'rbac-doctor');
const codeOf = (d) => (typeof d.code === 'object' ? d.code.value : d.code);

const tests = [
  ['diagnostics appear for planted mistakes', async (ctx) => {
    const extension = vscode.extensions.getExtension('rbac-doctor.rbac-doctor');
    assert.ok(extension, 'the packaged extension is installed');
    await extension.activate();
    const root = vscode.workspace.workspaceFolders[0].uri;
    ctx.deployer = vscode.Uri.joinPath(root, 'deployer-rbac.yaml');
    const doc = await vscode.workspace.openTextDocument(ctx.deployer);
    ctx.editor = await vscode.window.showTextDocument(doc);
    const diagnostics = await until('RBAC001/002/003', () => {
      const codes = ours(ctx.deployer).map(codeOf);
      return ['RBAC001', 'RBAC002', 'RBAC003'].every((c) => codes.includes(c)) && codes;
    });
    assert.ok(diagnostics.includes('RBAC002'));
    await step('diagnostics');
  }],
  ['a hover explains a verb', async (ctx) => {
    const text = ctx.editor.document.getText();
    const position = ctx.editor.document.positionAt(text.indexOf('"patch"') + 2);
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', ctx.deployer, position);
    const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(markdown, /\*\*patch\*\* — change parts of objects/);
    ctx.editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('editor.action.showHover');
    await step('hover');
  }],
  ['a quick-fix applies and clears its diagnostic', async (ctx) => {
    const diagnostic = ours(ctx.deployer).find((d) => codeOf(d) === 'RBAC001');
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', ctx.deployer, diagnostic.range);
    const fix = actions.find((a) => a.title === 'Change to list');
    assert.ok(fix, `quick-fixes: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await until('RBAC001 to clear', () => !ours(ctx.deployer).some((d) => codeOf(d) === 'RBAC001'));
    assert.ok(ctx.editor.document.getText().includes('"list"'));
    await step('quick-fix');
  }],
  ['settings change severities', async (ctx) => {
    const config = vscode.workspace.getConfiguration('rbacDoctor');
    await config.update('checks', { RBAC003: 'off', RBAC002: 'information' }, vscode.ConfigurationTarget.Workspace);
    await until('RBAC003 off and RBAC002 as information', () => {
      const diagnostics = ours(ctx.deployer);
      const rbac002 = diagnostics.find((d) => codeOf(d) === 'RBAC002');
      return !diagnostics.some((d) => codeOf(d) === 'RBAC003') && rbac002 && rbac002.severity === vscode.DiagnosticSeverity.Information;
    });
    await config.update('checks', undefined, vscode.ConfigurationTarget.Workspace);
    await step('settings');
  }],
  ['a Helm chart template gets diagnostics at its own lines, with values and helpers evaluated', async () => {
    const chart = vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'charts/shop');
    const write = (name, text) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(chart, name), Buffer.from(text));
    await write('Chart.yaml', 'apiVersion: v2\nname: shop\nversion: 0.1.0\n');
    await write('values.yaml', 'rbac:\n  create: true\n');
    await write('templates/_helpers.tpl', '{{- define "shop.fullname" -}}\n{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}\n{{- end -}}\n');
    const role = [
      '{{- if .Values.rbac.create }}',
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: Role',
      'metadata:',
      '  name: {{ include "shop.fullname" . }}-reader',
      '  namespace: {{ .Release.Namespace }}',
      'rules:',
      '  - apiGroups: [""]',
      '    resources: ["pods", "configmaps"]',
      '    verbs: ["get", "lsit", "watch"]',
      '{{- end }}',
      '',
    ].join('\n');
    await write('templates/role.yaml', role);
    const uri = vscode.Uri.joinPath(chart, 'templates/role.yaml');
    let deleted = false;
    try {
      // Files written into a new folder may never reach the file watcher (it watches a new folder only
      // once it has seen it); opening the template makes the server read the rest of its chart from disk.
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const [diagnostic] = await until('RBAC001 in the chart template', () => {
        const found = ours(uri).filter((d) => codeOf(d) === 'RBAC001');
        return found.length > 0 && found;
      });
      assert.strictEqual(diagnostic.range.start.line, 9);
      await step('helm-chart');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      // A deleted folder is reported without its files: its manifests and their diagnostics go with it.
      await vscode.workspace.fs.delete(chart, { recursive: true });
      deleted = true;
      await until("the deleted chart's diagnostics to clear", () => ours(uri).length === 0);
    } finally {
      if (!deleted) {
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        await vscode.workspace.fs.delete(chart, { recursive: true });
      }
    }
  }],
  ['a chart folder moved into the workspace is read in full without opening any of its files', async () => {
    // Unzipped elsewhere, then moved in: the watcher reports one new folder and none of its files.
    const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'rbac-doctor-chart-'));
    const billing = path.join(staging, 'billing');
    fs.mkdirSync(path.join(billing, 'templates'), { recursive: true });
    fs.writeFileSync(path.join(billing, 'Chart.yaml'), 'apiVersion: v2\nname: billing\nversion: 0.1.0\n');
    fs.writeFileSync(path.join(billing, 'values.yaml'), 'rbac:\n  create: true\n');
    fs.writeFileSync(path.join(billing, 'templates/_helpers.tpl'), '{{- define "billing.fullname" -}}{{ .Release.Name }}-billing{{- end -}}\n');
    const role = '{{- if .Values.rbac.create }}\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: {{ include "billing.fullname" . }}\n'
      + 'rules:\n  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["get", "wacth"]\n{{- end }}\n';
    fs.writeFileSync(path.join(billing, 'templates/role.yaml'), role);
    const target = vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'billing');
    const uri = vscode.Uri.joinPath(target, 'templates/role.yaml');
    try {
      fs.renameSync(billing, target.fsPath);
      const [diagnostic] = await until('RBAC001 in the moved chart, never opened', () => {
        const found = ours(uri).filter((d) => codeOf(d) === 'RBAC001');
        return found.length > 0 && found;
      });
      assert.strictEqual(diagnostic.range.start.line, role.split('\n').findIndex((l) => l.includes('wacth')));
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.fsPath.startsWith(target.fsPath)), 'no file of the chart was opened');
    } finally {
      await vscode.workspace.fs.delete(target, { recursive: true }).then(undefined, () => {});
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }],
  ['a document that is not YAML is an error, unless rbacDoctor.syntaxErrors is off', async (ctx) => {
    // Red Hat YAML is not installed here, so `auto` reports syntax errors itself.
    assert.strictEqual(vscode.extensions.getExtension('redhat.vscode-yaml'), undefined);
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'broken-rbac.yaml');
    const text = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: app, namespace: shop}\nrules:\n- apiGroups: [""]\n  resources: ["pods"\n  verbs: ["get"]\n';
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    const config = vscode.workspace.getConfiguration('rbacDoctor');
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const syntax = () => ours(uri).filter((d) => codeOf(d) === 'RBAC026');
      const [diagnostic] = await until('RBAC026', () => syntax().length > 0 && syntax());
      assert.strictEqual(diagnostic.range.start.line, text.split('\n').findIndex((l) => l.startsWith('  verbs:')));
      assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      await step('syntax-error');
      await config.update('syntaxErrors', 'off', vscode.ConfigurationTarget.Workspace);
      await until('RBAC026 switched off', () => syntax().length === 0);
    } finally {
      await config.update('syntaxErrors', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(uri);
      await vscode.window.showTextDocument(ctx.editor.document);
    }
  }],
  ['Fix Forbidden Error turns a pasted 403 into YAML', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('rbacDoctor.fixForbiddenError'));
    await vscode.commands.executeCommand('rbacDoctor.fixForbiddenError',
      'Error from server (Forbidden): nodes is forbidden: User "alice@example.com" cannot list resource "nodes" in API group "" at the cluster scope');
    const editor = await until('the generated YAML', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.isUntitled && e.document.languageId === 'yaml' && e;
    });
    const yaml = editor.document.getText();
    assert.match(yaml, /kind: ClusterRole\n/);
    assert.match(yaml, /resources: \["nodes"\]\n {2}verbs: \["list"\]/);
    assert.match(yaml, /kubectl auth can-i list nodes --as alice@example\.com/);
    await step('fix-forbidden');
  }],
  ['a log gets "Fix all N denials", an audit log "Fix the N denials in this file"', async () => {
    const root = vscode.workspace.workspaceFolders[0].uri;
    const log = vscode.Uri.joinPath(root, 'start-up.log');
    const audit = vscode.Uri.joinPath(root, 'api-audit.jsonl');
    const sa = 'system:serviceaccount:ctrl:manager';
    const denied = (verb, resource, ns) => `E1129 10:00:01.000000 1 reflector.go:147] ${resource} is forbidden: User "${sa}" cannot ${verb} resource "${resource}" in API group "" in the namespace "${ns}"`;
    await vscode.workspace.fs.writeFile(log, Buffer.from(['I1129 10:00:00.000000 1 main.go:88] starting', denied('list', 'pods', 'ctrl'), denied('list', 'configmaps', 'ctrl'), ''].join('\n')));
    const event = { kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: 'a1', stage: 'ResponseComplete', requestURI: '/api/v1/nodes', verb: 'list',
      user: { username: 'bob', groups: ['system:authenticated'] }, objectRef: { resource: 'nodes', apiVersion: 'v1' },
      responseStatus: { code: 403 }, annotations: { 'authorization.k8s.io/decision': 'forbid', 'authorization.k8s.io/reason': '' } };
    await vscode.workspace.fs.writeFile(audit, Buffer.from(`${JSON.stringify(event)}\n`));
    try {
      const titles = (uri) => vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri).then((lenses) => (lenses || []).map((l) => l.command && l.command.title));
      const logDoc = await vscode.workspace.openTextDocument(log);
      await vscode.window.showTextDocument(logDoc);
      assert.strictEqual(logDoc.languageId, 'kubernetes-log');
      await until('the whole-log lens', async () => (await titles(log)).includes('Fix all 2 denials (1 subject)'));
      await step('log-lens');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      const auditDoc = await vscode.workspace.openTextDocument(audit);
      await vscode.window.showTextDocument(auditDoc);
      assert.strictEqual(auditDoc.languageId, 'kubernetes-log', '*audit*.jsonl is a Kubernetes log');
      await until('the audit-log lens', async () => (await titles(audit)).includes('Fix the 1 denial in this file'));
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      // Only the logs' editors are closed: closing all would ask to save the untitled YAML of an earlier test.
      await vscode.workspace.fs.delete(log);
      await vscode.workspace.fs.delete(audit);
    }
  }],
  ['cluster commands: registered, nothing connected until asked, Disconnect not offered', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['rbacDoctor.connectCluster', 'rbacDoctor.disconnectCluster']) assert.ok(commands.includes(id), id);
    const { contributes } = vscode.extensions.getExtension('rbac-doctor.rbac-doctor').packageJSON;
    const palette = Object.fromEntries(contributes.menus.commandPalette.map((m) => [m.command, m.when]));
    assert.deepStrictEqual(palette, { 'rbacDoctor.connectCluster': 'isWorkspaceTrusted', 'rbacDoctor.disconnectCluster': 'rbacDoctor.clusterConnected' });
    assert.strictEqual(contributes.configuration.properties['rbacDoctor.kubeconfig'].default, '');
    // Disconnecting while not connected asks nothing of the server and leaves everything as it was.
    await vscode.commands.executeCommand('rbacDoctor.disconnectCluster');
    await screenStep('cluster-disconnected');
  }],
  ['Connect to Cluster lists the kubeconfig\'s contexts; a refused connection leaves nothing connected', async () => {
    // Nothing listens on 127.0.0.1:1, and prod is never chosen: no network is used.
    const kubeconfig = path.join(os.tmpdir(), `rbac-doctor-editor-${process.pid}.kubeconfig`);
    fs.writeFileSync(kubeconfig, [
      'apiVersion: v1', 'kind: Config', 'current-context: dev',
      'clusters:',
      '- {name: dev-cluster, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}',
      '- {name: prod-cluster, cluster: {server: "https://prod.example.invalid:6443"}}',
      'users:', '- {name: dev-user, user: {token: not-a-token}}', '- {name: prod-user, user: {token: not-a-token}}',
      'contexts:', '- {name: dev, context: {cluster: dev-cluster, user: dev-user}}',
      '- {name: prod, context: {cluster: prod-cluster, user: prod-user, namespace: shop}}', '',
    ].join('\n'));
    const config = vscode.workspace.getConfiguration('rbacDoctor');
    await config.update('kubeconfig', kubeconfig, vscode.ConfigurationTarget.Workspace);
    try {
      const picking = vscode.commands.executeCommand('rbacDoctor.connectCluster');
      await screenStep('cluster-contexts'); // the driver reads the picker, then closes it
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await picking;
      await vscode.commands.executeCommand('rbacDoctor.connectCluster', 'dev');
      await screenStep('cluster-connect-refused');
    } finally {
      await config.update('kubeconfig', undefined, vscode.ConfigurationTarget.Workspace);
      fs.rmSync(kubeconfig, { force: true });
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  }],
];

function suite() {
  if (process.env.RBAC_DOCTOR_EDITOR_SUITE === 'untrusted') return { tests: untrustedTests, skipped: 0 };
  // The tests that need the driver (on screen, or the stand-in cluster) run only with it.
  const screen = [...applyTests, ...pasteTests, ...connectedTests];
  return standIn ? { tests: [...tests, ...screen], skipped: 0 } : { tests, skipped: screen.length };
}

/** RBAC_DOCTOR_EDITOR_GREP (while working on one test): only the tests whose name holds it; said, never silent. */
function selected() {
  const { tests: all, skipped } = suite();
  const grep = process.env.RBAC_DOCTOR_EDITOR_GREP;
  if (!grep) return { tests: all, skipped };
  const chosen = all.filter(([name]) => name.includes(grep));
  return { tests: chosen, skipped: skipped + all.length - chosen.length };
}

async function runAll() {
  const { tests: chosen, skipped } = selected();
  const ctx = {};
  const failures = [];
  let passed = 0;
  for (const [name, fn] of chosen) {
    try {
      await fn(ctx);
      passed++;
    } catch (error) {
      failures.push({ name, error: String(error && error.stack || error) });
    }
  }
  const result = { passed, failed: failures.length, skipped, failures };
  if (resultFile) fs.writeFileSync(resultFile, JSON.stringify(result, null, 2));
  return result;
}

// code-server: the runner is an installed extension that starts the suite itself.
exports.activate = () => {
  if (resultFile) void runAll();
};

// @vscode/test-electron: the same suite as `extensionTestsPath`.
exports.run = async () => {
  const result = await runAll();
  for (const failure of result.failures) console.error(`✗ ${failure.name}\n${failure.error}`);
  if (result.skipped) console.log(`${result.skipped} editor test(s) not run: they need the code-server driver (run.mjs) to act on screen (palette, picker, notifications, the confirmation)`);
  if (result.failed > 0 || result.passed === 0) throw new Error(`${result.failed} editor test(s) failed`);
};
