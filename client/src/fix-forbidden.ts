import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ForbiddenRequest, type ForbiddenParams, type ForbiddenResult, type ForbiddenSuggestion,
} from '../../server/src/protocol/custom-messages';
import { applyToCluster } from './apply-to-cluster';
import type { ClusterDiff } from './cluster-diff';
import type { ClusterSession } from './cluster-session';
import { showVerdicts, verifyOnCluster } from './cluster-verify';

const LOOKS_LIKE_403 = /forbidden|cannot \w+ (resource|path)|attempting to grant|\b403\b/i;

/**
 * "Fix Forbidden Error": a pasted 403 becomes a previewed workspace edit or a new YAML document.
 * While connected to a cluster, the denial is first checked there, and the fix can then be applied to it.
 */
export function registerFixForbidden(context: vscode.ExtensionContext, client: LanguageClient, session: ClusterSession, diff: ClusterDiff): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('rbacDoctor.fixForbiddenError', async (prefilled?: string) => {
      const text = prefilled ?? (await askForMessage());
      if (!text) return;
      const result = await askUntilPlaced(client, text);
      if (!result) return;
      const connectedTo = session.context;
      if (connectedTo && result.denials.length > 0) {
        const verdicts = await verifyOnCluster(client, text);
        if (verdicts) showVerdicts(connectedTo, verdicts);
      }
      const used = await present(result);
      // Not awaited: the command is done once the fix is in the workspace.
      if (used?.manifest) void offerApply(client, session, diff, used, text);
    }),
  );
}

/**
 * A denial whose message does not say where it happened is never granted cluster-wide: ask for the
 * namespace and ask the server again. Undefined when the user cancels.
 */
async function askUntilPlaced(client: LanguageClient, text: string): Promise<ForbiddenResult | undefined> {
  const result = await client.sendRequest<ForbiddenResult>(ForbiddenRequest, { text } satisfies ForbiddenParams);
  const unplaced = result.refusals?.find((r) => r.needsNamespace);
  if (!unplaced || result.suggestions.length > 0) return result;
  const namespace = await vscode.window.showInputBox({
    title: 'Fix Forbidden Error: which namespace?',
    prompt: `${unplaced.summary}. ${unplaced.reason.replace(/ \(-n NS\)/, '')}`,
    ignoreFocusOut: true,
    validateInput: (value) => (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value) && value.length <= 63 ? undefined : 'A namespace name: lower-case letters, digits and -'),
  });
  if (!namespace) return undefined;
  return client.sendRequest<ForbiddenResult>(ForbiddenRequest, { text, options: { namespace } } satisfies ForbiddenParams);
}

async function offerApply(client: LanguageClient, session: ClusterSession, diff: ClusterDiff, suggestion: ForbiddenSuggestion, text: string): Promise<void> {
  if (!session.context || !suggestion.manifest) return;
  const apply = 'Apply to Cluster…';
  const answer = await vscode.window.showInformationMessage(`Apply "${suggestion.title}" to ${session.context} as well?`, apply);
  // The connection may have changed while the message was up.
  if (answer === apply && session.context) await applyToCluster(client, diff, session.context, suggestion.manifest, text);
}

async function askForMessage(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
  const clipboard = selection ? '' : await vscode.env.clipboard.readText();
  const initial = selection || (LOOKS_LIKE_403.test(clipboard) ? clipboard : '');
  // An input box keeps a multi-line paste as one value (new lines become spaces, which the parser accepts).
  return vscode.window.showInputBox({
    title: 'Fix Forbidden Error',
    prompt: 'Paste the 403 Forbidden message (from kubectl, a controller log, CI output…)',
    value: initial,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? 'Paste the error message' : undefined),
  });
}

/** Shows what was found; returns the suggestion once it is opened or applied in the workspace. */
async function present(result: ForbiddenResult): Promise<ForbiddenSuggestion | undefined> {
  if (result.denials.length === 0) {
    void vscode.window.showWarningMessage('No Kubernetes "forbidden" message was found in that text.');
    return undefined;
  }
  const notRbac = result.denials.filter((d) => !d.rbac);
  for (const denial of notRbac) {
    void vscode.window.showInformationMessage(`${denial.summary}${denial.explanation ? ` — ${denial.explanation}` : ''}`);
  }
  for (const refusal of result.refusals ?? []) void vscode.window.showWarningMessage(`${refusal.summary}: not granted. ${refusal.reason}`);
  if (result.suggestions.length === 0) {
    if (result.refusals?.length) return undefined;
    const explained = result.denials.find((d) => d.explanation);
    if (notRbac.length === 0) {
      void vscode.window.showInformationMessage(explained?.explanation ?? 'Nothing to grant for this denial.');
    }
    return undefined;
  }
  const choice = result.suggestions.length === 1 ? result.suggestions[0] : await pick(result.suggestions);
  if (!choice) return undefined;
  if (choice.kind === 'new' && choice.yaml) {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: choice.yaml });
    await vscode.window.showTextDocument(doc, { preview: false });
    return choice;
  }
  if (choice.edits) {
    const edit = new vscode.WorkspaceEdit();
    for (const e of choice.edits) {
      const range = new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character);
      edit.replace(vscode.Uri.file(e.file), range, e.newText, { label: choice.title, needsConfirmation: true });
    }
    return (await vscode.workspace.applyEdit(edit, { isRefactoring: true })) ? choice : undefined;
  }
  return undefined;
}

async function pick(suggestions: ForbiddenSuggestion[]): Promise<ForbiddenSuggestion | undefined> {
  const items = suggestions.map((s) => ({ label: s.title, detail: s.detail, suggestion: s }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Fix Forbidden Error', placeHolder: 'How should the permission be granted?' });
  return picked?.suggestion;
}
