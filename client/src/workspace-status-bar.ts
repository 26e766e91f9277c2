import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WorkspaceStatusNotification, WorkspaceStatusRequest, type WorkspaceStatus } from '../../server/src/protocol/custom-messages';

/**
 * The language server's state in the status bar, as ESLint and YAML show theirs: a spinner while the
 * workspace is read, `RBAC ✓ 8 files` once it is, a warning shape when a chart or build was read only
 * in part. A click opens the output channel, where every file read in part is listed.
 */
export function createWorkspaceStatusBar(client: LanguageClient): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('rbacDoctor.workspace', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Kubernetes RBAC';
  item.command = { title: 'Show Language Server Log', command: 'rbacDoctor.showOutput' };
  const show = (status: WorkspaceStatus): void => {
    const files = (n: number) => `${n.toLocaleString('en-US')} file${n === 1 ? '' : 's'}`;
    if (status.state === 'reading') {
      item.text = `$(sync~spin) RBAC ${status.filesTotal ? `${status.filesRead.toLocaleString('en-US')}/${files(status.filesTotal)}` : 'starting'}`;
      item.backgroundColor = undefined;
    } else if (status.partial?.length) {
      item.text = `$(warning) RBAC ${files(status.filesTotal)}`;
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else {
      item.text = `$(check) RBAC ${files(status.filesTotal)}`;
      item.backgroundColor = undefined;
    }
    item.tooltip = tooltip(status);
    item.show();
  };
  show({ state: 'reading', filesRead: 0, filesTotal: 0, message: 'RBAC: starting' });
  const listener = client.onNotification(WorkspaceStatusNotification, show);
  // The first notifications may have come before this listener: ask once.
  client.sendRequest<WorkspaceStatus>(WorkspaceStatusRequest).then(show, () => undefined);
  return vscode.Disposable.from(listener, item);
}

function tooltip(status: WorkspaceStatus): vscode.MarkdownString {
  const lines = [`**Kubernetes RBAC Doctor** — ${status.message.replace(/^RBAC: /, '')}`];
  if (status.partial?.length) lines.push('Read in part (what was not read is not checked):', ...status.partial.map((p) => `- $(warning) ${p}`));
  if (status.assumptions?.length) lines.push(...status.assumptions.map((a) => `- ${a} ([Set release name…](command:workbench.action.openSettings?${encodeURIComponent(JSON.stringify('rbacDoctor.helm.release'))}))`));
  lines.push('', 'Click to open the log.');
  const markdown = new vscode.MarkdownString(lines.join('\n'), true);
  markdown.isTrusted = { enabledCommands: ['workbench.action.openSettings'] };
  return markdown;
}
