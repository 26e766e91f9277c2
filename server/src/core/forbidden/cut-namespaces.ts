import { CUT } from './exact-characters';

const TOKEN = /^[A-Za-z0-9._:@/-]+$/;
/** The values that end a denial: a quote lost after them is a lost quote, not a message cut short. */
const LAST_VALUE = /(?:in the namespace|in project)\s$/;

/**
 * Marks a namespace cut at the end of a line, `… in the namespace "sh` (a paste or a log viewer cut the
 * line, or a copy lost the closing quote: nobody can tell which): the value is closed with a cut mark, so
 * the text after it is not read as the namespace, and the denial reads as one without a scope. Only when
 * the line has an odd number of quotes, ends with a quote-opened namespace (the value that ends a
 * denial; a resource cut short stays partial), and the next line does not go on with the rest of that
 * value (a terminal that wrapped `"sh` / `op"` keeps its reading).
 */
export function markCutNamespaces(text: string): string {
  if (!text.includes('"')) return text;
  const lines = text.split('\n');
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trimEnd();
    const open = line.lastIndexOf('"');
    if (open === -1 || !TOKEN.test(line.slice(open + 1)) || !LAST_VALUE.test(line.slice(Math.max(0, open - 20), open))) continue;
    if (countQuotes(line) % 2 === 0) continue;
    const next = (lines[i + 1] ?? '').trimStart();
    const firstSpace = next.search(/\s|$/);
    if (next.slice(0, firstSpace).includes('"')) continue;
    lines[i] = `${line}${CUT}"${lines[i].slice(line.length)}`;
    changed = true;
  }
  return changed ? lines.join('\n') : text;
}

function countQuotes(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) if (line.charCodeAt(i) === 34) n++;
  return n;
}
