import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ClusterConnectRequest, ClusterContextsRequest, ClusterDisconnectRequest,
  type ClusterConnectParams, type ClusterContextsParams, type ClusterContextsResult, type ClusterStatus, type KubeContextInfo,
} from '../../server/src/protocol/custom-messages';
import type { ClusterSession } from './cluster-session';
import { CLUSTER_ACTIONS_COMMAND, countsText } from './cluster-status-bar';

const CONNECT = 'rbacDoctor.connectCluster';
const DISCONNECT = 'rbacDoctor.disconnectCluster';

/**
 * "Connect to Cluster" and "Disconnect from Cluster". Nothing talks to a cluster until the user
 * connects, and never in an untrusted workspace: a kubeconfig can run credential plugins.
 */
export function registerClusterCommands(context: vscode.ExtensionContext, client: LanguageClient, session: ClusterSession): void {
  let refusedForTrust = false;
  context.subscriptions.push(
    // An optional context name skips the picker (for key bindings).
    vscode.commands.registerCommand(CONNECT, async (contextName?: unknown) => {
      if (!vscode.workspace.isTrusted) {
        refusedForTrust = true;
        await explainTrust();
        return;
      }
      try {
        const name = typeof contextName === 'string' && contextName ? contextName : await pickContext(client, session);
        if (name) await connect(client, session, name);
      } catch (error) {
        void vscode.window.showErrorMessage(`Connect to Cluster: ${messageOf(error)}`);
      }
    }),
    vscode.commands.registerCommand(DISCONNECT, async () => {
      if (!session.status.connected) {
        void vscode.window.showInformationMessage('Not connected to a cluster.');
        return;
      }
      const name = session.context;
      let status: ClusterStatus | undefined;
      try {
        status = await client.sendRequest<ClusterStatus | undefined>(ClusterDisconnectRequest);
      } catch (error) {
        void vscode.window.showErrorMessage(`Disconnect from Cluster: ${messageOf(error)}`);
        return;
      }
      session.update(status ?? { connected: false, warnings: [] });
      void vscode.window.showInformationMessage(`Disconnected from ${name}; the workspace's manifests are the model again.`);
    }),
    vscode.commands.registerCommand(CLUSTER_ACTIONS_COMMAND, async () => {
      const actions = [
        { label: session.status.connected ? '$(arrow-swap) Switch Context…' : '$(cloud) Connect…', command: CONNECT },
        ...(session.status.connected ? [{ label: '$(debug-disconnect) Disconnect', command: DISCONNECT }] : []),
      ];
      const picked = await vscode.window.showQuickPick(actions, { title: `Kubernetes RBAC: ${session.context ?? 'not connected'}` });
      if (picked) await vscode.commands.executeCommand(picked.command);
    }),
    // Trust only makes the command available; connecting stays the user's move.
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      if (!refusedForTrust) return;
      refusedForTrust = false;
      const again = 'Connect to Cluster';
      if ((await vscode.window.showInformationMessage('The workspace is trusted: you can connect to a cluster now.', again)) === again) {
        await vscode.commands.executeCommand(CONNECT);
      }
    }),
  );
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function explainTrust(): Promise<void> {
  const manage = 'Manage Workspace Trust';
  const answer = await vscode.window.showWarningMessage(
    'Connecting to a cluster needs Workspace Trust: the kubeconfig can run credential plugins, and the cluster is then queried and changed on your behalf.',
    manage,
  );
  if (answer === manage) await vscode.commands.executeCommand('workbench.trust.manage');
}

/** The `rbacDoctor.kubeconfig` setting; undefined when empty (KUBECONFIG or ~/.kube/config). The server expands `~`. */
function kubeconfigSetting(): string | undefined {
  return vscode.workspace.getConfiguration('rbacDoctor').get<string>('kubeconfig', '').trim() || undefined;
}

async function pickContext(client: LanguageClient, session: ClusterSession): Promise<string | undefined> {
  const result = await client.sendRequest<ClusterContextsResult>(ClusterContextsRequest, { kubeconfig: kubeconfigSetting() } satisfies ClusterContextsParams);
  if (result.error) {
    void vscode.window.showErrorMessage(result.error);
    return undefined;
  }
  if (result.contexts.length === 0) {
    const open = 'Open Settings';
    const where = result.files.length ? result.files.join(', ') : 'KUBECONFIG or ~/.kube/config';
    const answer = await vscode.window.showWarningMessage(`No Kubernetes contexts found in ${where}.`, open);
    if (answer === open) await vscode.commands.executeCommand('workbench.action.openSettings', 'rbacDoctor.kubeconfig');
    return undefined;
  }
  const ordered = [...result.contexts].sort((a, b) => Number(b.current) - Number(a.current));
  const picked = await vscode.window.showQuickPick(ordered.map((c) => contextItem(c, session.context)), {
    title: 'Connect to Cluster',
    placeHolder: `Kubernetes context (from ${result.files.join(', ') || 'the kubeconfig'})`,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.label;
}

function contextItem(c: KubeContextInfo, connected: string | undefined): vscode.QuickPickItem {
  const marks = [c.current ? 'current' : '', c.name === connected ? 'connected' : ''].filter(Boolean);
  return {
    label: c.name,
    iconPath: new vscode.ThemeIcon(c.name === connected ? 'cloud' : c.current ? 'check' : 'blank'),
    description: [c.cluster, c.server].filter(Boolean).join(' · ') + (marks.length ? ` (${marks.join(', ')})` : ''),
    detail: `user ${c.user}${c.namespace ? ` · namespace ${c.namespace}` : ''}`,
  };
}

async function connect(client: LanguageClient, session: ClusterSession, name: string): Promise<void> {
  const status = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Connecting to ${name}…` },
    () => client.sendRequest<ClusterStatus>(ClusterConnectRequest, { context: name, kubeconfig: kubeconfigSetting() } satisfies ClusterConnectParams),
  );
  // A failed attempt leaves any earlier connection in place on the server, so the session keeps it too.
  if (!status.connected) {
    void vscode.window.showErrorMessage(`Could not connect to ${name}${status.error ? `: ${status.error}` : '.'}`);
    return;
  }
  session.update(status);
  const message = `Connected to ${status.context ?? name}: ${countsText(status)}.`;
  if (status.warnings.length) void vscode.window.showWarningMessage(`${message} Not everything could be read: ${status.warnings.join(' ')}`);
  else void vscode.window.showInformationMessage(message);
}
