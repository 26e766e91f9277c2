// Editor tests of the live-cluster features against the stand-in cluster that the driver (run.mjs)
// starts and names in the user setting rbacDoctor.kubeconfig. They need the driver: it clicks the
// notification's "Apply to Cluster…" and the modal confirmation, which the vscode API cannot do.
const vscode = require('vscode');
const assert = require('assert');
const { until, screenStep } = require('./steps');

// Recorded in test/fixtures/cluster/recorded/reviews.json: denied until the fix is applied.
const DENIAL = 'Error from server (Forbidden): secrets is forbidden: User "system:serviceaccount:shop:checkout" cannot list resource "secrets" in API group "" in the namespace "shop"';

function standInKubeconfig() {
  const setting = vscode.workspace.getConfiguration('rbacDoctor').inspect('kubeconfig');
  assert.ok(setting.globalValue, 'the stand-in\'s kubeconfig is the user setting rbacDoctor.kubeconfig');
  assert.strictEqual(setting.workspaceValue, undefined, 'no workspace kubeconfig is left from earlier tests');
}

const connectedTests = [
  ['live cluster: nothing asks the cluster before Connect; connected, the status bar shows the context', async () => {
    standInKubeconfig();
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenStep('stand-in-untouched');
    await vscode.commands.executeCommand('rbacDoctor.connectCluster', 'replay-admin');
    await screenStep('cluster-connected');
  }],
  ['live cluster: Fix Forbidden Error says the request is still denied, then opens the fix', async (ctx) => {
    const fixing = vscode.commands.executeCommand('rbacDoctor.fixForbiddenError', DENIAL);
    await screenStep('cluster-still-denied'); // the driver picks the new Role and RoleBinding
    await fixing;
    const editor = await until('the generated Role and RoleBinding', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.isUntitled && e.document.getText().includes('checkout-secrets-list') && e;
    });
    const yaml = editor.document.getText();
    assert.match(yaml, /kind: Role\n/);
    assert.match(yaml, /kind: RoleBinding\n/);
    assert.match(yaml, /resources: \["secrets"\]\n {2}verbs: \["list"\]/);
    ctx.fix = editor.document;
  }],
  ['live cluster: Apply to Cluster… shows the dry run as a diff, applies once confirmed, and the request is then allowed', async () => {
    await screenStep('cluster-dry-run'); // the driver clicks Apply to Cluster…; the confirmation stays up
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab && tab.input instanceof vscode.TabInputTextDiff, `the active tab is a diff: ${tab && tab.label}`);
    assert.strictEqual(tab.label, 'replay-admin: live ↔ after apply (dry run)');
    const live = (await vscode.workspace.openTextDocument(tab.input.original)).getText();
    const after = (await vscode.workspace.openTextDocument(tab.input.modified)).getText();
    assert.match(live, /# Role shop\/checkout-secrets-list\n# does not exist yet\n/);
    assert.match(after, /# Role shop\/checkout-secrets-list\n[\s\S]*name: "?checkout-secrets-list"?/);
    assert.match(after, /# RoleBinding shop\/checkout-secrets-list\n/);
    await screenStep('cluster-applied'); // the driver confirms; the request is asked again
  }],
  ['live cluster: Disconnect hides the status bar item', async () => {
    // Only Disconnect's message is left in the notification center.
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('rbacDoctor.disconnectCluster');
    await screenStep('cluster-disconnected-again');
    await vscode.commands.executeCommand('notifications.clearAll');
  }],
];

// Run in a second code-server window without --disable-workspace-trust (see run.mjs).
const untrustedTests = [
  ['untrusted workspace: manifests are still checked', async () => {
    const extension = vscode.extensions.getExtension('rbac-doctor.rbac-doctor');
    assert.ok(extension, 'the packaged extension is installed');
    await extension.activate();
    assert.strictEqual(vscode.workspace.isTrusted, false, 'the workspace is untrusted');
    const deployer = vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'deployer-rbac.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(deployer));
    await until('diagnostics of deployer-rbac.yaml', () => vscode.languages.getDiagnostics(deployer).some((d) => d.source === 'rbac-doctor'));
  }],
  ['untrusted workspace: Connect to Cluster is refused with the Workspace Trust message and not in the palette', async () => {
    standInKubeconfig();
    for (const args of [['replay-admin'], []]) {
      const refused = vscode.commands.executeCommand('rbacDoctor.connectCluster', ...args);
      await screenStep(`untrusted-connect-refused${args.length ? '-named' : ''}`);
      await vscode.commands.executeCommand('notifications.clearAll');
      await refused;
    }
    assert.strictEqual(vscode.workspace.isTrusted, false, 'the workspace is still untrusted');
  }],
];

module.exports = { connectedTests, untrustedTests };
