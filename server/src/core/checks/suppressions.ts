import { documentAt } from '../model/document-at';
import { positionToOffset } from '../model/positions';
import type { SourceDocument, SourceFile } from '../model/types';
import type { Finding } from './types';

/** `# rbac-doctor-disable-next-line RBAC101,RBAC102` (no codes: every check) */
const NEXT_LINE = /#\s*rbac-doctor-disable-next-line\b([^\n]*)/;
/** `# rbac-doctor-disable RBAC101` anywhere in a document silences the codes for that document. */
const DOCUMENT = /#\s*rbac-doctor-disable(?!-)\b([^\n]*)/g;
export const IGNORE_ANNOTATION = 'rbac-doctor.io/ignore';

function codesIn(text: string): Set<string> | 'all' {
  const codes = text.match(/RBAC\d{3}/g);
  return codes ? new Set(codes) : 'all';
}

function covers(codes: Set<string> | 'all', code: string): boolean {
  return codes === 'all' || codes.has(code);
}

/** Drops findings the user silenced with a comment or an annotation. */
export function isSuppressed(finding: Finding, file: SourceFile): boolean {
  const offset = positionToOffset(file.lineStarts, finding.range.start, file.text.length);
  const doc = documentAt(file, offset, true);
  const line = finding.range.start.line;
  if (line > 0) {
    const previous = file.text.slice(file.lineStarts[line - 1], file.lineStarts[line]);
    const match = NEXT_LINE.exec(previous);
    if (match && covers(codesIn(match[1]), finding.code)) return true;
  }
  if (!doc) return false;
  for (const codes of documentDirectives(file, doc)) {
    if (covers(codes, finding.code)) return true;
  }
  for (const object of doc.objects) {
    const ignore = object.annotations[IGNORE_ANNOTATION];
    if (ignore === undefined) continue;
    const range = object.node.range;
    const inside = !range || object.listIndex === undefined || (offset >= doc.start + range[0] && offset <= doc.start + range[2]);
    if (inside && covers(codesIn(ignore), finding.code)) return true;
  }
  return false;
}

const directives = new WeakMap<SourceDocument, (Set<string> | 'all')[]>();

/** The document-wide `rbac-doctor-disable` comments, read once per (unchanged) document. */
function documentDirectives(file: SourceFile, doc: SourceDocument): (Set<string> | 'all')[] {
  let found = directives.get(doc);
  if (!found) {
    const text = file.text.slice(doc.start, doc.end);
    found = text.includes('rbac-doctor-disable') ? [...text.matchAll(DOCUMENT)].map((m) => codesIn(m[1])) : [];
    directives.set(doc, found);
  }
  return found;
}

/** Whether a `# rbac-doctor-disable` comment anywhere in a text covers `code` (for a file without documents, such as a template Helm never loads). */
export function textDisables(text: string, code: string): boolean {
  return text.includes('rbac-doctor-disable') && [...text.matchAll(DOCUMENT)].some((m) => covers(codesIn(m[1]), code));
}
