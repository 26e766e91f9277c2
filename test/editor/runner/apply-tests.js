// Fix Forbidden Error applied the way a person applies it: the driver (run.mjs, apply-checks.mjs) opens
// the palette, pastes the 403, picks the suggestion, clicks Apply if a Refactor Preview asks, then the
// notification's [Copy verify command]; here the manifest is read back from disk.
const vscode = require('vscode');
const fs = require('fs');
const assert = require('assert');
const { until, screenStep } = require('./steps');

// Indented lists (by 2), flow sequences and a comment: the edit must keep to the file's own style.
const MANIFEST = [
  '# The reports job reads its settings.',
  'apiVersion: v1',
  'kind: ServiceAccount',
  'metadata:',
  '  name: reports',
  '  namespace: shop',
  '---',
  'apiVersion: rbac.authorization.k8s.io/v1',
  'kind: Role',
  'metadata:',
  '  name: reports-reader',
  '  namespace: shop',
  'rules:',
  '  - apiGroups: [""]',
  '    resources: ["configmaps"]',
  '    verbs: ["get", "watch"] # settings only',
  '---',
  'apiVersion: rbac.authorization.k8s.io/v1',
  'kind: RoleBinding',
  'metadata:',
  '  name: reports-reader',
  '  namespace: shop',
  'subjects:',
  '  - kind: ServiceAccount',
  '    name: reports',
  '    namespace: shop',
  'roleRef:',
  '  apiGroup: rbac.authorization.k8s.io',
  '  kind: Role',
  '  name: reports-reader',
  '',
].join('\n');

const documentsOf = (text) => text.split(/^---\n/m);

const applyTests = [
  ['Fix Forbidden Error from the palette: the picked edit is on disk, and the notification copies the verify command', async () => {
    const extension = vscode.extensions.getExtension('rbac-doctor.rbac-doctor');
    await extension.activate();
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'reports-rbac.yaml');
    fs.writeFileSync(uri.fsPath, MANIFEST);
    try {
      // The server has read the file once the Role's hover names its binding.
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const rolePosition = doc.positionAt(MANIFEST.indexOf('reports-reader') + 2);
      await until('the Role read by the server', async () => {
        const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, rolePosition);
        return hovers.some((h) => h.contents.some((c) => /reports/.test(typeof c === 'string' ? c : c.value) && /RoleBinding/.test(typeof c === 'string' ? c : c.value)));
      });
      await vscode.commands.executeCommand('notifications.clearAll');
      await screenStep('fix-forbidden-apply', 120000); // palette → paste → pick → (Apply) → Copy verify command
      const onDisk = fs.readFileSync(uri.fsPath, 'utf8');
      const [account, role, binding] = documentsOf(onDisk);
      const [accountBefore, roleBefore, bindingBefore] = documentsOf(MANIFEST);
      assert.strictEqual(account, accountBefore, 'the ServiceAccount document is unchanged');
      assert.strictEqual(binding, bindingBefore, 'the RoleBinding document is unchanged');
      assert.strictEqual(role, `${roleBefore}  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["list"]\n`,
        'the new rule is added to the Role, indented and in flow style as the file is');
      assert.ok(!doc.isDirty, 'the edited file is saved');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      fs.rmSync(uri.fsPath, { force: true });
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  }],
  ['a quick-fix picked in the editor (Ctrl+.) and saved: RBAC005 binds the subjects the author meant, in the file\'s layout', async () => {
    // examples/shop/web.yaml: the Role's only RoleBinding misspells it (web-config-reder), and the Role lists nodes.
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'web.yaml');
    const original = fs.readFileSync(uri.fsPath, 'utf8');
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc);
      const nodes = doc.positionAt(original.indexOf('"nodes"') + 1);
      await until('RBAC005 on nodes', () => vscode.languages.getDiagnostics(uri).some((d) => d.source === 'rbac-doctor'
        && (typeof d.code === 'object' ? d.code.value : d.code) === 'RBAC005' && d.range.contains(nodes)));
      editor.selection = new vscode.Selection(nodes, nodes);
      await screenStep('quick-fix-move-to-cluster-role', 120000); // Ctrl+. → the fix → Ctrl+S
      const onDisk = fs.readFileSync(uri.fsPath, 'utf8');
      const [before] = original.split('  # Nodes are cluster-scoped');
      assert.ok(onDisk.startsWith(before), 'the text before the moved rule is unchanged');
      assert.ok(!/resources: \["nodes"\]\n {4}verbs: \["get"\]\n---\napiVersion: rbac.authorization.k8s.io\/v1\nkind: RoleBinding/.test(onDisk), 'nodes left the Role');
      assert.ok(onDisk.includes([
        'kind: ClusterRole', 'metadata:', '  name: web-config-reader-cluster', 'rules:',
        '  - apiGroups: [""]', '    resources: ["nodes"]', '    verbs: ["get"]', '---',
        'apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRoleBinding', 'metadata:', '  name: web-config-reader-cluster',
        'roleRef:', '  apiGroup: rbac.authorization.k8s.io', '  kind: ClusterRole', '  name: web-config-reader-cluster',
        'subjects:', '  - kind: ServiceAccount', '    name: web', '    namespace: shop', '---', 'apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding',
      ].join('\n')), `the new ClusterRole and its binding to ServiceAccount shop/web, indented as the file indents:\n${onDisk}`);
      assert.ok(onDisk.endsWith(original.slice(original.indexOf('---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding'))), 'the RoleBinding is byte-identical');
      assert.ok(!doc.isDirty, 'saved');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      fs.writeFileSync(uri.fsPath, original);
    }
  }],
];

module.exports = { applyTests };
