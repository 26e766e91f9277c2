import type { CodeLens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseForbiddenMessage } from '../core/forbidden/parse-forbidden-message';

const CANDIDATE = /forbidden|cannot \w+ (resource|path)|attempting to grant|attempt to grant/i;

/** "Fix this Forbidden error" above every log line that holds an RBAC denial. */
export function forbiddenLensesFor(document: TextDocument): CodeLens[] {
  const lenses: CodeLens[] = [];
  const lines = document.getText().split('\n');
  lines.forEach((line, index) => {
    if (!CANDIDATE.test(line) || line.length > 20000) return;
    const denials = parseForbiddenMessage(line);
    if (!denials.some((d) => d.rbac)) return;
    lenses.push({
      range: { start: { line: index, character: 0 }, end: { line: index, character: 0 } },
      command: { title: 'Fix this Forbidden error', command: 'rbacDoctor.fixForbiddenError', arguments: [line] },
    });
  });
  return lenses;
}
