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

/** What applying a chosen change did: whether it went in, and whether every file it edited is saved. */
export interface AppliedEdit { applied: boolean; saved: boolean }

/**
 * Applies the chosen change and saves the files it edited, as VS Code saves a refactoring's files
 * (`files.refactoring.autoSave`, on by default) — also when it edits one file, which VS Code's own
 * refactoring save leaves unsaved. A file that had unsaved changes before stays unsaved: saving would
 * write the user's other changes too.
 */
export async function applyChosenEdit(edits: FileEdit[]): Promise<AppliedEdit> {
  const uris = [...new Set(edits.map((e) => e.file))].map((file) => vscode.Uri.file(file));
  const dirtyBefore = new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.toString()));
  if (!(await vscode.workspace.applyEdit(chosenEdit(edits)))) return { applied: false, saved: false };
  if (!vscode.workspace.getConfiguration('files').get<boolean>('refactoring.autoSave', true)) return { applied: true, saved: false };
  let saved = true;
  for (const uri of uris) {
    if (dirtyBefore.has(uri.toString())) saved = false;
    else saved = (await (await vscode.workspace.openTextDocument(uri)).save()) && saved;
  }
  return { applied: true, saved };
}

/**
 * Says what changed and where once the edit is in, with a way to look at it (Undo takes it back) and,
 * when known, [Copy verify command]: the `kubectl auth can-i … --as …` that proves the fix on a cluster.
 */
export async function announceEdit(what: string, edits: FileEdit[], outcome: AppliedEdit, verify?: string): Promise<void> {
  const [first] = edits;
  if (!first) return;
  const files = [...new Set(edits.map((e) => vscode.workspace.asRelativePath(e.file)))];
  const show = 'Show the Change';
  const copy = 'Copy verify command';
  const how = outcome.saved ? 'edited and saved' : 'edited (not saved yet)';
  const answer = await vscode.window.showInformationMessage(`${what}: ${how} ${files.join(', ')} at line ${first.range.start.line + 1}. Undo takes it back.`,
    show, ...(verify ? [copy] : []));
  if (answer === copy && verify) {
    await vscode.env.clipboard.writeText(verify);
    vscode.window.setStatusBarMessage(`$(clippy) Copied: ${verify}`, 10000);
    return;
  }
  if (answer !== show) return;
  const start = new vscode.Position(first.range.start.line, first.range.start.character);
  await vscode.window.showTextDocument(vscode.Uri.file(first.file), { selection: new vscode.Range(start, start), preview: false });
}
