import type { CodeLens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseForbiddenMessage } from '../core/forbidden/parse-forbidden-message';
import { readLogText } from '../core/logs/log-reader';

const CANDIDATE = /forbidden|cannot \w+ (resource|path)|attempting to grant|attempt to grant/i;
/** Above this size the whole-file lens does not count denials on every refresh: it reads the file on demand. */
const COUNT_LIMIT = 10_000_000;

/**
 * "Fix this Forbidden error" above every log line that holds an RBAC denial, and above the first one a
 * lens for the whole file: "Fix all N denials (K subjects)", or for an audit log "Fix the N denials in
 * this file" on its first line. The whole-file lenses name the document; the server reads it.
 */
export function forbiddenLensesFor(document: TextDocument): CodeLens[] {
  const lenses: CodeLens[] = [];
  const text = document.getText();
  const lines = text.split('\n');
  let first = -1;
  lines.forEach((line, index) => {
    if (!CANDIDATE.test(line) || line.length > 20000 || isAuditLine(line)) return;
    const denials = parseForbiddenMessage(line);
    if (!denials.some((d) => d.rbac)) return;
    if (first === -1) first = index;
    lenses.push(lens(index, 'Fix this Forbidden error', [line]));
  });
  const whole = wholeFileLens(document, text, first);
  return whole ? [whole, ...lenses] : lenses;
}

function wholeFileLens(document: TextDocument, text: string, firstDenialLine: number): CodeLens | undefined {
  const argument = { uri: document.uri };
  if (text.length > COUNT_LIMIT) return lens(0, 'Fix the denials in this file (large: read on demand)', [argument]);
  const reading = readLogText(text);
  const rbac = reading.denials.filter((d) => d.rbac && d.subject?.name);
  const subjects = new Set(rbac.map((d) => `${d.subject!.kind}/${d.subject!.namespace ?? ''}/${d.subject!.name}`)).size;
  if (reading.auditEvents > 0 && rbac.length > 0) return lens(0, `Fix the ${rbac.length} denial${rbac.length === 1 ? '' : 's'} in this file`, [argument]);
  if (rbac.length < 2 || firstDenialLine === -1) return undefined;
  return lens(firstDenialLine, `Fix all ${rbac.length} denials (${subjects} subject${subjects === 1 ? '' : 's'})`, [argument]);
}

function isAuditLine(line: string): boolean {
  return line.trimStart().startsWith('{') && line.includes('"audit.k8s.io/');
}

function lens(line: number, title: string, args: unknown[]): CodeLens {
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, command: { title, command: 'rbacDoctor.fixForbiddenError', arguments: args } };
}
