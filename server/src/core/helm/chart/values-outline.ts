/**
 * The outline of a values file: where each block mapping's keys start, found from lines and indentation
 * alone, so that a section can be parsed when (and only if) a template reads it. Anything the outline
 * cannot vouch for (flow style at the top, a `- ` item, a quoted or odd key, a tab in an indentation,
 * `---`, a directive, a duplicate key) makes that mapping one section parsed whole. Linear: every line
 * is classified once; an outline looks at the lines of its own mapping only, and nesting is bounded.
 */

import { flowWithoutParser, scalarAt, type SimpleValue } from './values-scalars';

export { scalarWithoutParser } from './values-scalars';

export const CONTENT = 0;
export const BLANK = 1;
export const COMMENT = 2;
/** A tab in the indentation: the outline leaves such lines to the parser. */
export const TABBED = 3;

/** The lines of the file: where each starts, how far it is indented, and whether it is content, blank or a comment. */
export class ValuesLines {
  readonly starts: number[] = [];
  readonly indents: number[] = [];
  readonly kinds: number[] = [];

  constructor(readonly text: string) {
    let at = 0;
    while (at <= text.length) {
      this.starts.push(at);
      let i = at;
      while (text.charCodeAt(i) === 32) i++;
      this.indents.push(i - at);
      this.kinds.push(kindAt(text, i));
      const newline = text.indexOf('\n', i);
      if (newline === -1) break;
      at = newline + 1;
    }
  }

  get count(): number {
    return this.starts.length;
  }

  /** Offset where line `i` starts; the text's end past the last line. */
  startOf(i: number): number {
    return i < this.starts.length ? this.starts[i] : this.text.length;
  }
}

function kindAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 9) return TABBED;
  if (Number.isNaN(c) || c === 10 || (c === 13 && (i + 1 === text.length || text.charCodeAt(i + 1) === 10))) return BLANK;
  return c === 35 ? COMMENT : CONTENT; // '#'
}

/** A key of a mapping: the line it is on, and the line where the next key of that mapping starts. */
export interface OutlineEntry {
  key: string;
  line: number;
  end: number;
  /** Something follows the colon on the key's line (a scalar, a flow collection, an anchor, a block scalar indicator). */
  inline: boolean;
  /** `key:` followed by `- ` items at the key's own indentation. */
  compactList: boolean;
}

export interface MapOutline {
  indent: number;
  entries: OutlineEntry[];
}

const RESERVED_KEYS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL']);

/**
 * The keys of the block mapping on lines [from, to), or undefined when its lines are not the plain
 * `key: …` shape this outline understands (the caller then parses the lines whole).
 */
export function outlineMap(lines: ValuesLines, from: number, to: number): MapOutline | undefined {
  let indent = -1;
  const entries: OutlineEntry[] = [];
  const seen = new Set<string>();
  for (let i = from; i < to; i++) {
    const kind = lines.kinds[i];
    if (kind === BLANK || kind === COMMENT) continue;
    if (kind === TABBED) return undefined;
    const lineIndent = lines.indents[i];
    if (indent === -1) indent = lineIndent;
    if (lineIndent > indent) continue;
    if (lineIndent < indent) return undefined;
    const key = keyAt(lines.text, lines.starts[i] + indent);
    if (key) {
      if (seen.has(key.name)) return undefined;
      seen.add(key.name);
      if (entries.length) entries[entries.length - 1].end = i;
      entries.push({ key: key.name, line: i, end: to, inline: key.inline, compactList: false });
      continue;
    }
    const last = entries[entries.length - 1];
    // `key:` then `- item` lines at the key's own indentation: a list that belongs to that key.
    if (last && !last.inline && isListItem(lines.text, lines.starts[i] + indent)) {
      last.compactList = true;
      continue;
    }
    return undefined;
  }
  return entries.length ? { indent, entries } : undefined;
}

/** `name:` at `at` (a plain key of letters, digits, `_ . / -`, starting with a letter or `_`), and whether a value follows on the line. */
function keyAt(text: string, at: number): { name: string; inline: boolean } | undefined {
  const first = text.charCodeAt(at);
  if (!(isLetter(first) || first === 95)) return undefined;
  let i = at + 1;
  while (i < text.length && isKeyChar(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 58) return undefined; // ':'
  const after = text.charCodeAt(i + 1);
  if (!(Number.isNaN(after) || after === 32 || after === 9 || after === 10 || after === 13)) return undefined;
  const name = text.slice(at, i);
  if (RESERVED_KEYS.has(name)) return undefined;
  let j = i + 1;
  while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
  const rest = text.charCodeAt(j);
  const inline = !(Number.isNaN(rest) || rest === 10 || rest === 35 || (rest === 13 && (j + 1 === text.length || text.charCodeAt(j + 1) === 10)));
  return { name, inline };
}

function isListItem(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== 45) return false; // '-'
  const after = text.charCodeAt(at + 1);
  return Number.isNaN(after) || after === 32 || after === 10 || after === 13;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isKeyChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 47 || c === 45;
}

/** Whether the entry is its key's line alone (later lines, if any, are blank or comments). */
export function isOneLine(lines: ValuesLines, entry: OutlineEntry): boolean {
  for (let i = entry.line + 1; i < entry.end; i++) if (lines.kinds[i] === CONTENT || lines.kinds[i] === TABBED) return false;
  return true;
}

/**
 * Where an entry's text ends once the comments after it are left out (they document the next key).
 * Only comments no deeper than the key are left out: a deeper `#` line may be text of a block scalar.
 * Blank lines before them stay (a `|+` scalar keeps them).
 */
export function entryEnd(lines: ValuesLines, entry: OutlineEntry): number {
  const keyIndent = lines.indents[entry.line];
  let end = entry.end;
  for (let i = entry.end - 1; i > entry.line; i--) {
    const kind = lines.kinds[i];
    if (kind === COMMENT && lines.indents[i] <= keyIndent) end = i;
    else if (kind !== BLANK) break;
  }
  return end;
}

/**
 * The value of a one-line entry (`key: value`) when it is one of the forms values files are mostly
 * made of and reads the same under YAML 1.2's core schema without a parser (see values-scalars).
 * Undefined: the parser decides.
 */
export function oneLineValue(lines: ValuesLines, entry: OutlineEntry): SimpleValue | undefined {
  if (!entry.inline) return null;
  const { text } = lines;
  const at = text.indexOf(':', lines.starts[entry.line] + lines.indents[entry.line]) + 1;
  const end = lineEnd(text, at);
  const scalar = scalarAt(text, at, end);
  if (scalar !== undefined) return scalar;
  const value = text.slice(at, end).trim();
  return value.startsWith('{') || value.startsWith('[') ? flowWithoutParser(value) : undefined;
}

/**
 * The value of `key:` followed by `- item` lines, each item a one-line scalar of those forms (comments
 * and blank lines between them), or undefined: the parser decides.
 */
export function scalarListValue(lines: ValuesLines, entry: OutlineEntry): SimpleValue[] | undefined {
  if (entry.inline) return undefined;
  const { text } = lines;
  const keyIndent = lines.indents[entry.line];
  const items: SimpleValue[] = [];
  let indent = -1;
  for (let i = entry.line + 1; i < entry.end; i++) {
    const kind = lines.kinds[i];
    if (kind === TABBED) return undefined;
    if (kind !== CONTENT) continue;
    if (indent === -1) indent = lines.indents[i];
    const at = lines.starts[i] + indent;
    // Every item at one indentation, `- ` and a value: an empty item, a nested list or a mapping go to the parser.
    if (lines.indents[i] !== indent || text.charCodeAt(at) !== 45 || text.charCodeAt(at + 1) !== 32) return undefined;
    const item = scalarAt(text, at + 2, lineEnd(text, at));
    if (item === undefined || item === null) return undefined;
    items.push(item);
  }
  const placed = indent > keyIndent || (indent === keyIndent && entry.compactList);
  return placed ? items : undefined;
}

/** Where the line holding `at` ends (before its `\r\n` or `\n`). */
function lineEnd(text: string, at: number): number {
  let end = text.indexOf('\n', at);
  if (end === -1) end = text.length;
  return text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}
