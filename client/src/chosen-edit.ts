import * as vscode from 'vscode';
import type { FileEdit } from '../../server/src/protocol/custom-messages';

/**
 * The change the user picked, as an ordinary undoable edit. It carries no change annotation asking for
 * confirmation: with one, VS Code opens a Refactor Preview whose change is unticked, and Apply writes nothing.
 */
export function chosenEdit(edits: FileEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) {
    const range = new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character);
    edit.replace(vscode.Uri.file(e.file), range, e.newText);
  }
  return edit;
}

/** Says what changed and where once the edit is in, with a way to look at it (Undo takes it back). */
export async function announceEdit(what: string, edits: FileEdit[]): Promise<void> {
  const [first] = edits;
  if (!first) return;
  const files = [...new Set(edits.map((e) => vscode.workspace.asRelativePath(e.file)))];
  const show = 'Show the Change';
  const answer = await vscode.window.showInformationMessage(`${what}: edited ${files.join(', ')} at line ${first.range.start.line + 1}. Undo takes it back.`, show);
  if (answer !== show) return;
  const start = new vscode.Position(first.range.start.line, first.range.start.character);
  await vscode.window.showTextDocument(vscode.Uri.file(first.file), { selection: new vscode.Range(start, start), preview: false });
}
