import * as vscode from 'vscode';
import { basename, dirname, extname, join } from 'path';

/** A new YAML document for one subject: its text, `<subject>-access.yaml`, and where it would best be saved. */
export interface Generated { yaml: string; fileName?: string; suggestedPath?: string }

/**
 * Opens each generated YAML as an untitled document named `<subject>-access.yaml` (saving asks where,
 * starting beside the role bound to the subject), and returns them for the offer to save.
 */
export async function openGenerated(generated: Generated[]): Promise<{ document: vscode.TextDocument; target: vscode.Uri }[]> {
  const opened: { document: vscode.TextDocument; target: vscode.Uri }[] = [];
  for (const g of generated) {
    const target = await freeFile(targetOf(g), opened.map((o) => o.target.fsPath));
    const document = await vscode.workspace.openTextDocument(target.with({ scheme: 'untitled' }));
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    await editor.edit((builder) => builder.replace(new vscode.Range(0, 0, document.lineCount, 0), g.yaml));
    opened.push({ document, target });
  }
  return opened;
}

/** Writes the documents to their files (never over an existing file), closes the untitled ones and opens the saved ones. */
export async function saveGenerated(opened: { document: vscode.TextDocument; target: vscode.Uri }[]): Promise<vscode.Uri[]> {
  const saved: vscode.Uri[] = [];
  for (const { document, target } of opened) {
    const file = await freeFile(target, saved.map((s) => s.fsPath), false);
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(document.getText()));
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.window.showTextDocument(file, { preview: false });
    saved.push(file);
  }
  return saved;
}

/** "Save as ctrl/manager-access.yaml" for one document (beside the role bound to its subject), "Save 2 Files" for more. */
export function saveLabel(opened: { target: vscode.Uri }[]): string {
  return opened.length === 1 ? `Save as ${vscode.workspace.asRelativePath(opened[0].target)}` : `Save ${opened.length} Files Beside Their Roles`;
}

function targetOf(g: Generated): vscode.Uri {
  if (g.suggestedPath) return vscode.Uri.file(g.suggestedPath);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = g.fileName ?? 'access.yaml';
  return folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.file(join(process.cwd(), name));
}

/**
 * `name.yaml`, else `name-2.yaml`, … : a path no file and no other generated document has, nor (when
 * `untitledToo`) an open untitled document.
 */
async function freeFile(wanted: vscode.Uri, taken: string[], untitledToo = true): Promise<vscode.Uri> {
  const ext = extname(wanted.fsPath);
  const stem = join(dirname(wanted.fsPath), basename(wanted.fsPath, ext));
  for (let n = 1; ; n++) {
    const candidate = vscode.Uri.file(n === 1 ? `${stem}${ext}` : `${stem}-${n}${ext}`);
    const inUse = taken.includes(candidate.fsPath) || vscode.workspace.textDocuments.some((d) => d.uri.path === candidate.path && (untitledToo || d.uri.scheme !== 'untitled'));
    const exists = await vscode.workspace.fs.stat(candidate).then(() => true, () => false);
    if (!inUse && !exists) return candidate;
  }
}
