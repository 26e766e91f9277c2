import { isScalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { offsetToPosition, offsetsToRange } from '../model/positions';
import type { SourceDocument, SourceFile } from '../model/types';
import { quoted, scalar } from '../emit/yaml-scalar';
import type { TextEdit } from './types';

/**
 * Smallest-span edits on the user's YAML text. Each builder touches only the characters that must
 * change, so comments, formatting and the other documents stay byte-identical.
 */

/**
 * Replaces a scalar's text, keeping its quoting style where the new value allows it. An empty value
 * (`key:` with nothing after it) is filled in, spaced from the colon and from a comment that follows.
 */
export function replaceScalar(file: SourceFile, doc: SourceDocument, node: Node, value: string): TextEdit {
  const [start, end] = nodeOffsets(doc, node, file.text);
  const source = file.text.slice(start, end);
  const newText = source.startsWith('"') ? quoted(value)
    : source.startsWith("'") && /^[\x20-\x7e]*$/.test(value) ? `'${value.replace(/'/g, "''")}'`
      : scalar(value);
  const spaced = source === '' ? `${file.text[start - 1] === ':' ? ' ' : ''}${newText}${file.text[start] === '#' ? ' ' : ''}` : newText;
  return { file: file.path, range: offsetsToRange(file.lineStarts, start, end), newText: spaced };
}

/** Absolute [start, valueEnd) offsets of a node in its file (a block collection's trailing line break excluded). */
export function nodeOffsets(doc: SourceDocument, node: Node, text?: string): [number, number] {
  if (!node.range) throw new Error('node has no source range');
  let end = doc.start + node.range[1];
  if (text) while (end > doc.start + node.range[0] && /\s/.test(text[end - 1])) end--;
  return [doc.start + node.range[0], end];
}

const isBlank = (c: string | undefined) => c !== undefined && /\s/.test(c);

/** Where a flow separator (blanks, a comma, blanks) that starts at `at` ends; undefined when there is none. */
function separatorAfter(text: string, at: number): number | undefined {
  let i = at;
  while (isBlank(text[i])) i++;
  if (text[i] !== ',') return undefined;
  i++;
  while (isBlank(text[i])) i++;
  return i;
}

/** Where a flow separator that ends at `at` starts, scanning backwards; undefined when there is none. */
function separatorBefore(text: string, at: number): number | undefined {
  let i = at;
  while (isBlank(text[i - 1])) i--;
  if (text[i - 1] !== ',') return undefined;
  i--;
  while (isBlank(text[i - 1])) i--;
  return i;
}

/** Removes a sequence item (flow or block) including its separator or its whole line. */
export function removeSeqItem(file: SourceFile, doc: SourceDocument, seq: YAMLSeq, index: number): TextEdit {
  const item = seq.items[index] as Node;
  const [start, end] = nodeOffsets(doc, item, file.text);
  if (seq.flow) {
    const text = file.text;
    let from = start;
    let to = end;
    const after = separatorAfter(text, to);
    if (after !== undefined && index < seq.items.length - 1) to = after;
    else from = separatorBefore(text, from) ?? from;
    return { file: file.path, range: offsetsToRange(file.lineStarts, from, to), newText: '' };
  }
  const lineStart = file.text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = file.text.indexOf('\n', end);
  return {
    file: file.path,
    range: offsetsToRange(file.lineStarts, lineStart, lineEnd === -1 ? file.text.length : lineEnd + 1),
    newText: '',
  };
}

/** Appends scalars to a sequence, in its own style (flow `[a, b]` or block `- a`). */
export function appendToSeq(file: SourceFile, doc: SourceDocument, seq: YAMLSeq, values: string[]): TextEdit {
  const text = file.text;
  const rendered = values.map((v) => (preferQuotes(file, doc, seq) ? quoted(v) : scalar(v)));
  if (seq.flow || seq.items.length === 0) {
    const [start, end] = nodeOffsets(doc, seq, file.text);
    const close = text.lastIndexOf(']', end);
    const inner = text.slice(start + 1, close).trim();
    const insertion = (inner === '' ? '' : ', ') + rendered.join(', ');
    const at = inner === '' ? start + 1 : start + 1 + text.slice(start + 1, close).trimEnd().length;
    const position = offsetToPosition(file.lineStarts, at);
    return { file: file.path, range: { start: position, end: position }, newText: insertion };
  }
  const last = seq.items[seq.items.length - 1] as Node;
  const [, lastEnd] = nodeOffsets(doc, last, file.text);
  const firstStart = nodeOffsets(doc, seq.items[0] as Node, file.text)[0];
  const lineStart = text.lastIndexOf('\n', firstStart - 1) + 1;
  const prefix = text.slice(lineStart, firstStart); // e.g. "  - "
  const position = offsetToPosition(file.lineStarts, lastEnd);
  return {
    file: file.path,
    range: { start: position, end: position },
    newText: rendered.map((v) => `\n${prefix}${v}`).join(''),
  };
}

/** Removes a `key: value` pair of a block mapping (its whole lines) or of a flow mapping. */
export function removePair(file: SourceFile, doc: SourceDocument, map: YAMLMap, pair: Pair): TextEdit {
  const key = pair.key as Node;
  const value = (pair.value as Node | null) ?? key;
  const start = doc.start + (key.range?.[0] ?? 0);
  const end = doc.start + (value.range?.[2] ?? value.range?.[1] ?? 0);
  if (map.flow) {
    return { file: file.path, range: offsetsToRange(file.lineStarts, start, separatorAfter(file.text, end) ?? end), newText: '' };
  }
  const lineStart = file.text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = file.text.indexOf('\n', Math.max(end - 1, start));
  lineEnd = lineEnd === -1 ? file.text.length : lineEnd + 1;
  return { file: file.path, range: offsetsToRange(file.lineStarts, lineStart, lineEnd), newText: '' };
}

/** The indentation (spaces) of the line a node starts on, and the column where the node starts. */
export function indentationAt(file: SourceFile, doc: SourceDocument, node: Node): { lineIndent: string; column: number } {
  const [start] = nodeOffsets(doc, node, file.text);
  const lineStart = file.text.lastIndexOf('\n', start - 1) + 1;
  const line = file.text.slice(lineStart, start);
  return { lineIndent: /^[ \t]*/.exec(line)?.[0] ?? '', column: start - lineStart };
}

/** Keep the user's habit: if the list's existing items are quoted, quote new ones too. */
function preferQuotes(file: SourceFile, doc: SourceDocument, seq: YAMLSeq): boolean {
  const first = seq.items[0];
  if (!isScalar(first) || !first.range) return false;
  const ch = file.text[doc.start + first.range[0]];
  return ch === '"' || ch === "'";
}

/** Inserts whole lines after the line that holds `offset` (at the start of the next line). */
export function insertAfterLineOf(file: SourceFile, offset: number, lines: string): TextEdit {
  const lineEnd = file.text.indexOf('\n', Math.max(offset - 1, 0));
  if (lineEnd === -1) {
    const at = offsetToPosition(file.lineStarts, file.text.length);
    return { file: file.path, range: { start: at, end: at }, newText: `\n${lines}` };
  }
  const at = offsetToPosition(file.lineStarts, lineEnd + 1);
  return { file: file.path, range: { start: at, end: at }, newText: `${lines}\n` };
}

/** Spaces up to the column of `offset`: the indentation a sibling key at that offset needs. */
export function columnIndent(file: SourceFile, offset: number): string {
  const lineStart = file.text.lastIndexOf('\n', offset - 1) + 1;
  return ' '.repeat(offset - lineStart);
}
