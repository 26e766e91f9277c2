import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ForbiddenRequest, type ForbiddenParams, type ForbiddenResult, type ForbiddenSuggestion,
} from '../../server/src/protocol/custom-messages';

const LOOKS_LIKE_403 = /forbidden|cannot \w+ (resource|path)|attempting to grant|\b403\b/i;

/** "Fix Forbidden Error": a pasted 403 becomes a previewed workspace edit or a new YAML document. */
export function registerFixForbidden(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('rbacDoctor.fixForbiddenError', async (prefilled?: string) => {
      const text = prefilled ?? (await askForMessage());
      if (!text) return;
      const result = await client.sendRequest<ForbiddenResult>(ForbiddenRequest, { text } satisfies ForbiddenParams);
      await present(result);
    }),
  );
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

async function present(result: ForbiddenResult): Promise<void> {
  if (result.denials.length === 0) {
    void vscode.window.showWarningMessage('No Kubernetes "forbidden" message was found in that text.');
    return;
  }
  const notRbac = result.denials.filter((d) => !d.rbac);
  for (const denial of notRbac) {
    void vscode.window.showInformationMessage(`${denial.summary}${denial.explanation ? ` — ${denial.explanation}` : ''}`);
  }
  if (result.suggestions.length === 0) {
    const explained = result.denials.find((d) => d.explanation);
    if (notRbac.length === 0) {
      void vscode.window.showInformationMessage(explained?.explanation ?? 'Nothing to grant for this denial.');
    }
    return;
  }
  const choice = result.suggestions.length === 1 ? result.suggestions[0] : await pick(result.suggestions);
  if (!choice) return;
  if (choice.kind === 'new' && choice.yaml) {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: choice.yaml });
    await vscode.window.showTextDocument(doc, { preview: false });
  } else if (choice.edits) {
    const edit = new vscode.WorkspaceEdit();
    for (const e of choice.edits) {
      const range = new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character);
      edit.replace(vscode.Uri.file(e.file), range, e.newText, { label: choice.title, needsConfirmation: true });
    }
    await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  }
}

async function pick(suggestions: ForbiddenSuggestion[]): Promise<ForbiddenSuggestion | undefined> {
  const items = suggestions.map((s) => ({ label: s.title, detail: s.detail, suggestion: s }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Fix Forbidden Error', placeHolder: 'How should the permission be granted?' });
  return picked?.suggestion;
}
