import * as vscode from 'vscode';

/** The untitled document a whole log is pasted into; its first line carries "Fix the denials in this text". */
const PASTE_EDITOR = vscode.Uri.from({ scheme: 'untitled', path: 'Kubernetes log' });

/** Opens (or shows again) the "Kubernetes log" paste editor: a multi-line log keeps its lines there. */
export async function openPasteEditor(): Promise<vscode.TextEditor> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === PASTE_EDITOR.toString());
  const document = open ?? await vscode.workspace.openTextDocument(PASTE_EDITOR);
  const log = document.languageId === 'kubernetes-log' ? document : await vscode.languages.setTextDocumentLanguage(document, 'kubernetes-log');
  return vscode.window.showTextDocument(log, { preview: false });
}

/**
 * The clipboard, unless reading it could get in the way: in VS Code for the Web, code-server and
 * Codespaces the browser may refuse and the workbench then shows an error before anything else, so
 * there it is read only when the user asks (the input box's clipboard button).
 */
export async function clipboardIfQuiet(): Promise<string> {
  if (vscode.env.uiKind === vscode.UIKind.Web) return '';
  return readClipboard();
}

export async function readClipboard(): Promise<string> {
  try {
    return await vscode.env.clipboard.readText();
  } catch {
    return '';
  }
}

/**
 * One 403 message in an input box; Enter on an empty box, or its note button, opens the paste editor
 * for a whole log instead (an input box would squash its lines into one). On the Web, a button reads
 * the clipboard when asked. Undefined when cancelled.
 */
export function askForOneMessage(initial: string): Promise<{ text: string } | 'paste-editor' | undefined> {
  const box = vscode.window.createInputBox();
  const pasteButton = { iconPath: new vscode.ThemeIcon('note'), tooltip: 'Paste a whole log in an editor' };
  const clipboardButton = { iconPath: new vscode.ThemeIcon('clippy'), tooltip: 'Read the clipboard' };
  box.title = 'Fix Forbidden Error';
  box.prompt = 'Paste the 403 Forbidden message and press Enter (for a whole log, press Enter on an empty box: a paste editor opens)';
  box.placeholder = 'Error from server (Forbidden): … is forbidden: User "…" cannot …';
  box.value = initial;
  box.ignoreFocusOut = true;
  box.buttons = vscode.env.uiKind === vscode.UIKind.Web ? [pasteButton, clipboardButton] : [pasteButton];
  return new Promise((resolve) => {
    let done = false;
    const finish = (answer: { text: string } | 'paste-editor' | undefined) => {
      if (done) return;
      done = true;
      resolve(answer);
      box.dispose();
    };
    box.onDidAccept(() => finish(box.value.trim() ? { text: box.value } : 'paste-editor'));
    box.onDidHide(() => finish(undefined));
    box.onDidTriggerButton(async (button) => {
      if (button === pasteButton) return finish('paste-editor');
      const text = await readClipboard();
      if (text.includes('\n')) return finish({ text });
      box.value = text;
    });
    box.show();
  });
}
