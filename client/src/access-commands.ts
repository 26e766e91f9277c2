import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CanIRequest, EffectivePermissionsRequest, WhoCanRequest,
  type CanIResult, type ChainStep, type EffectivePermissionsResult, type WhoCanResult,
} from '../../server/src/protocol/custom-messages';

/** "Check Access…", "Who Can…" and "Show Effective Permissions": answered from the workspace's manifests. */
export function registerAccessCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('rbacDoctor.checkAccess', async () => {
      const user = await ask('Subject', 'system:serviceaccount:NAMESPACE:NAME, a user or a group member', 'system:serviceaccount:default:default');
      const verb = user && (await ask('Verb', 'get, list, create, …', 'get'));
      const resource = verb && (await ask('Resource', 'TYPE[.GROUP][/NAME], e.g. pods, deployments.apps, pods/log', 'pods'));
      if (!user || !verb || !resource) return;
      const namespace = await ask('Namespace', 'empty for cluster scope', 'default', true);
      const result = await client.sendRequest<CanIResult>(CanIRequest, { user, verb, resource, namespace: namespace || undefined });
      await showMarkdown(`# can-i ${verb} ${resource}\n\n**${result.allowed ? 'yes' : result.unknown ? 'no (unknown: a rule that may not render would grant it)' : 'no'}** for \`${user}\`${namespace ? ` in \`${namespace}\`` : ''}${result.cluster ? ' per these manifests' : ''}\n\n${chain(result.chain)}${clusterAnswer(result.cluster)}${warnings(result.warnings)}`);
    }),
    vscode.commands.registerCommand('rbacDoctor.whoCan', async () => {
      const verb = await ask('Verb', 'get, list, create, …', 'get');
      const resource = verb && (await ask('Resource', 'TYPE[.GROUP][/NAME]', 'secrets'));
      if (!verb || !resource) return;
      const namespace = await ask('Namespace', 'empty for cluster scope', 'default', true);
      const result = await client.sendRequest<WhoCanResult>(WhoCanRequest, { verb, resource, namespace: namespace || undefined });
      const row = (s: WhoCanResult['subjects'][number]) => `- **${s.kind}** \`${s.subject}\` — ${s.via.map(step).join(' → ')}${s.might ? ` — might: ${step(s.might)}` : ''}`;
      const rows = result.subjects.filter((s) => !s.might).map(row);
      const might = result.subjects.filter((s) => s.might).map(row);
      const apart = might.length ? `\n\n## Might (only if what a chart renders under an undecided condition renders)\n\n${might.join('\n')}` : '';
      await showMarkdown(`# Who can ${verb} ${resource}${namespace ? ` in ${namespace}` : ''}\n\n${rows.join('\n') || `Nobody for certain, per these manifests${result.cluster ? ` and the RBAC of cluster ${result.cluster}` : ''}.`}${apart}\n${warnings(result.warnings)}`);
    }),
    vscode.commands.registerCommand('rbacDoctor.showEffectivePermissions', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      const result = await client.sendRequest<EffectivePermissionsResult>(EffectivePermissionsRequest, {
        uri: editor.document.uri.toString(),
        position: { line: editor.selection.active.line, character: editor.selection.active.character },
      });
      if (!result.subject) {
        void vscode.window.showInformationMessage('Put the cursor on a subject, a ServiceAccount or a serviceAccountName.');
        return;
      }
      await showMarkdown(result.markdown);
    }),
  );
}

async function ask(title: string, prompt: string, value: string, optional = false): Promise<string | undefined> {
  return vscode.window.showInputBox({ title, prompt, value, ignoreFocusOut: true, validateInput: (v) => (!optional && !v.trim() ? `${title} is required` : undefined) });
}

function step(s: ChainStep): string {
  return s.file ? `[${s.text}](${vscode.Uri.file(s.file).with({ fragment: `L${(s.line ?? 0) + 1}` })})` : s.text;
}

function chain(steps: ChainStep[]): string {
  return steps.map((s) => `- ${step(s)}`).join('\n');
}

/** The connected cluster's own review, which may differ (manifests not applied yet, other authorizers). */
function clusterAnswer(answer: CanIResult['cluster']): string {
  if (!answer) return '';
  if (answer.error) return `\n\n**Cluster ${answer.context}:** could not ask (${answer.error})`;
  return `\n\n**Cluster ${answer.context}: ${answer.allowed ? 'yes' : 'no'}**${answer.reason ? ` — ${answer.reason}` : ''}`;
}

function warnings(list: string[]): string {
  return list.length ? `\n\n> ${list.join('\n> ')}` : '';
}

async function showMarkdown(markdown: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
}
