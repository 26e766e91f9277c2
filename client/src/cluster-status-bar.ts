import * as vscode from 'vscode';
import type { ClusterStatus } from '../../server/src/protocol/custom-messages';
import type { ClusterSession } from './cluster-session';

/** The command the status-bar item runs: switch context or disconnect. */
export const CLUSTER_ACTIONS_COMMAND = 'rbacDoctor.clusterActions';

/** `$(cloud) <context>` while connected to a cluster; hidden otherwise. */
export function createClusterStatusBar(session: ClusterSession): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('rbacDoctor.cluster', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Kubernetes RBAC: Cluster';
  item.command = CLUSTER_ACTIONS_COMMAND;
  const show = (status: ClusterStatus): void => {
    if (!status.connected) {
      item.hide();
      return;
    }
    item.text = `$(cloud) ${status.context ?? 'cluster'}`;
    item.tooltip = tooltip(status);
    item.backgroundColor = status.warnings.length ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  show(session.status);
  const listener = session.onDidChange(show);
  return vscode.Disposable.from(listener, item);
}

function tooltip(status: ClusterStatus): vscode.MarkdownString {
  const lines = [`**Kubernetes RBAC: connected to \`${status.context ?? ''}\`**`];
  if (status.server) lines.push(`Server: ${status.server}`);
  lines.push(countsText(status));
  for (const warning of status.warnings) lines.push(`$(warning) ${warning}`);
  lines.push('Click to disconnect or switch context.');
  const markdown = new vscode.MarkdownString(lines.join('\n\n'), true);
  markdown.isTrusted = false;
  return markdown;
}

/** "42 resource types, 7 roles, 9 bindings from the cluster" */
export function countsText(status: ClusterStatus): string {
  const n = (count: number | undefined, what: string): string => `${count ?? 0} ${what}${count === 1 ? '' : 's'}`;
  return `${n(status.resources, 'resource type')}, ${n(status.roles, 'role')}, ${n(status.bindings, 'binding')} from the cluster`;
}
