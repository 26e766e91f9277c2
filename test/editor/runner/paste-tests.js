// Editor tests of the paste flow and the status bar, driven on screen by the driver (paste-screen-checks.mjs):
// the palette, the input box, the paste editor, its lens, the picker, the notification's Save button and
// the status bar item are clicked there; here the files are prepared and the results read from disk.
const vscode = require('vscode');
const fs = require('fs');
const path = require('path');
const assert = require('assert');
const { stepsFile, until, screenStep } = require('./steps');

// The manager may already get pods and watch configmaps, through a Role it shares with the helper.
const CTRL_RBAC = `apiVersion: v1
kind: ServiceAccount
metadata: {name: manager, namespace: ctrl}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: manager-reader, namespace: ctrl}
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get"]
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: manager-reader, namespace: ctrl}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: manager-reader}
subjects:
  - {kind: ServiceAccount, name: manager, namespace: ctrl}
  - {kind: ServiceAccount, name: helper, namespace: ctrl}
`;

/** Closes every editor, reverting untitled documents first (closing them would ask to save). */
async function closeAll() {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isUntitled && d.isDirty)) {
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

// A ServiceAccount whose binding points at a Role name with a typo, and a Role with a resource no group serves.
const REPORTS_RBAC = `apiVersion: v1
kind: ServiceAccount
metadata: {name: ledger, namespace: ledger}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: ledger-reader, namespace: ledger}
rules:
  - apiGroups: [""]
    resources: ["deployments", "pods"]
    verbs: ["get", "lsit"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ledger, namespace: ledger}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ledger-raeder}
subjects:
  - kind: ServiceAccount
    name: ledger
    namespace: ledger
`;
const ours = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'rbac-doctor');

const root = () => vscode.workspace.workspaceFolders[0].uri.fsPath;
const lensTitles = async (uri) => ((await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri)) || []).map((l) => l.command && l.command.title);

const pasteTests = [
  ['the status bar says RBAC ✓ N files; a build read in part turns it into a warning, and a click opens a log with one timestamp per line', async () => {
    await screenStep('status-ready');
    const overlay = path.join(root(), 'overlay');
    fs.mkdirSync(overlay, { recursive: true });
    fs.writeFileSync(path.join(overlay, 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - missing-role.yaml\n');
    try {
      await screenStep('status-partial');
    } finally {
      fs.rmSync(overlay, { recursive: true, force: true });
    }
    await screenStep('status-ready-again');
  }],
  ['Fix Forbidden Error on the Web: no clipboard error, one 403 typed in the box becomes <subject>-access.yaml, saved from the notification', async () => {
    assert.strictEqual(vscode.env.uiKind, stepsFile ? vscode.UIKind.Web : vscode.UIKind.Desktop, 'code-server is VS Code for the Web');
    await closeAll();
    const saved = path.join(root(), 'alice-example-com-access.yaml');
    try {
      await screenStep('paste-one-message', 120000);
      const yaml = await until('alice-example-com-access.yaml on disk', () => fs.existsSync(saved) && fs.readFileSync(saved, 'utf8'));
      assert.match(yaml, /kind: ClusterRole\n/);
      assert.match(yaml, /resources: \["nodes"\]\n {2}verbs: \["list"\]/);
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.isUntitled && d.uri.path.endsWith('alice-example-com-access.yaml')), 'the untitled document is closed once saved');
    } finally {
      fs.rmSync(saved, { force: true });
    }
  }],
  ['a whole log in the paste editor: its lens and the command count alike, the companions come once, and the YAML is saved beside the bound role', async () => {
    const dir = path.join(root(), 'ctrl');
    fs.mkdirSync(dir, { recursive: true });
    const rbac = path.join(dir, 'rbac.yaml');
    fs.writeFileSync(rbac, CTRL_RBAC);
    const saved = path.join(dir, 'manager-access.yaml');
    try {
      // The binding must be read before the log is counted: its lens says so.
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(rbac));
      await until('the role\'s lens', async () => (await lensTitles(vscode.Uri.file(rbac))).some((t) => /bound by 1/.test(t || '')), 60000);
      await closeAll();
      await screenStep('paste-whole-log', 180000);
      const yaml = await until('manager-access.yaml on disk', () => fs.existsSync(saved) && fs.readFileSync(saved, 'utf8'));
      const [objects, comments = ''] = yaml.split(/(?=^# Not included)/m);
      assert.match(objects, /kind: Role\n/);
      const rules = [...objects.matchAll(/resources: \[([^\]]*)\]\n\s*verbs: \[([^\]]*)\]/g)].map(([, resources, verbs]) => ({ resources, verbs }));
      assert.ok(rules.length > 0, objects);
      assert.ok(!rules.some((r) => r.resources.includes('"pods"') && r.verbs.includes('"get"')), 'get pods was already allowed: not granted again');
      for (const wanted of [/list/, /pods/, /configmaps/, /secrets/, /leases/]) assert.match(objects, wanted);
      assert.match(comments, /leader election: create, update on leases\.coordination\.k8s\.io in namespace ctrl/);
      assert.doesNotMatch(comments, /configmaps/, 'watch on configmaps is already granted: never suggested');
    } finally {
      await closeAll();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }],
  ['hovers read in the workbench: why a subject has no permissions, a roleRef that does not repeat its diagnostic, aligned tables with ⚠', async () => {
    const dir = path.join(root(), 'ledger');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'rbac.yaml');
    fs.writeFileSync(file, REPORTS_RBAC);
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
      await until('the missing Role\'s diagnostic', () => ours(vscode.Uri.file(file)).some((d) => /ledger-raeder/.test(d.message)), 60000);
      await screenStep('hovers', 120000);
    } finally {
      await closeAll();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }],
];

module.exports = { pasteTests };
