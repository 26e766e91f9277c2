import type { CodeLens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckContext } from '../core/checks/check';
import { consolidationPlan } from '../core/consolidate/consolidate';
import { describeTally, fixTitle, tallyDenials, type DenialTally } from '../core/consolidate/tally';
import { parseForbiddenMessage } from '../core/forbidden/parse-forbidden-message';
import { readLogText } from '../core/logs/log-reader';

const CANDIDATE = /forbidden|cannot \w+ (resource|path)|attempting to grant|attempt to grant/i;
/** Above this size the whole-file lens does not count denials on every refresh: it reads the file on demand. */
const COUNT_LIMIT = 10_000_000;

/**
 * "Fix this Forbidden error" above every log line that holds an RBAC denial, and above the first one a
 * lens for the whole file: "Fix all N denials (K subjects)", or for an audit log "Fix the N denials in
 * this file" on its first line; when some are already allowed or left out, the lens counts them as the
 * command does ("Fix 4 of 5 denials (1 subject): 5 denials, 1 already allowed by your manifests"). A paste
 * editor (an untitled log) always has "Fix the denials in this text" on its first line. The whole-file
 * lenses name the document; the server reads it.
 */
export function forbiddenLensesFor(document: TextDocument, context: CheckContext): CodeLens[] {
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
  const whole = wholeFileLens(document, text, first, context);
  return whole ? [whole, ...lenses] : lenses;
}

function wholeFileLens(document: TextDocument, text: string, firstDenialLine: number, context: CheckContext): CodeLens | undefined {
  const argument = { uri: document.uri };
  const paste = isPasteEditor(document);
  if (text.length > COUNT_LIMIT) return lens(0, `Fix the denials in this ${paste ? 'text' : 'file'} (large: read on demand)`, [argument]);
  const reading = readLogText(text);
  const tally = tallyOf(context, reading.denials);
  if (paste) return lens(0, `Fix the denials in this text (${tally.denials ? describeTally(tally) : 'none yet: paste a log or 403 messages here'})`, [argument]);
  const complete = tally.toFix === tally.denials;
  if (reading.auditEvents > 0 && tally.denials > 0) {
    return lens(0, complete ? `Fix the ${tally.toFix} denial${tally.toFix === 1 ? '' : 's'} in this file` : `Fix the denials in this file (${describeTally(tally)})`, [argument]);
  }
  // One RBAC denial has its line's lens; the whole-file lens is for two or more.
  if (tally.denials - tally.notRbac < 2 || firstDenialLine === -1) return undefined;
  return lens(firstDenialLine, complete ? fixTitle(tally) : `${fixTitle(tally)}: ${describeTally(tally)}`, [argument]);
}

/** What the command will make of these denials, counted the same way. */
function tallyOf(context: CheckContext, denials: Parameters<typeof consolidationPlan>[1]): DenialTally {
  return tallyDenials(denials, consolidationPlan(context, denials));
}

/** An untitled log: the paste editor that Fix Forbidden Error opens, or any new log not saved yet. */
function isPasteEditor(document: TextDocument): boolean {
  return document.uri.startsWith('untitled:');
}

function isAuditLine(line: string): boolean {
  return line.trimStart().startsWith('{') && line.includes('"audit.k8s.io/');
}

function lens(line: number, title: string, args: unknown[]): CodeLens {
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, command: { title, command: 'rbacDoctor.fixForbiddenError', arguments: args } };
}
