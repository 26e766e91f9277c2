import type { Value } from '../template-values';

/**
 * `toYaml` of the values charts print most (labels, annotations, resources, selectors: maps and lists
 * of plain words, integers, booleans and nulls) without building a YAML document: the same text the
 * `yaml` library writes (block style, two-space indentation, lists indented under their key). Undefined
 * when any key or scalar is not of those forms; the library then writes it. Linear in the value.
 */
export function plainYamlText(value: Value): string | undefined {
  const lines: string[] = [];
  if (!emit(value, 0, lines, 0)) return undefined;
  return lines.join('\n');
}

const MAX_DEPTH = 64;
const QUOTED_WORDS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL']);

/** Appends the block lines of a value at `indent`; false when some part needs the library. */
function emit(value: Value, indent: number, lines: string[], depth: number): boolean {
  if (depth > MAX_DEPTH || typeof value === 'symbol') return false;
  const inline = inlineText(value);
  if (inline !== undefined) {
    lines.push(' '.repeat(indent) + inline);
    return inline !== NOT_PLAIN;
  }
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    for (const item of value) {
      const start = lines.length;
      if (!emit(item, indent + 2, lines, depth + 1)) return false;
      // The item's first line starts at the dash: `- a: 1` then `  b: 2`.
      lines[start] = `${pad}- ${lines[start].slice(indent + 2)}`;
    }
    return true;
  }
  for (const key of Object.keys(value as { [key: string]: Value })) {
    if (!isPlainWord(key)) return false;
    const entry = (value as { [key: string]: Value })[key];
    const text = inlineText(entry);
    if (text === NOT_PLAIN) return false;
    if (text !== undefined) {
      lines.push(`${pad}${key}: ${text}`);
      continue;
    }
    lines.push(`${pad}${key}:`);
    if (!emit(entry, indent + 2, lines, depth + 1)) return false;
  }
  return true;
}

const NOT_PLAIN = '\u0000';

/** A scalar or an empty collection as it is written on its key's line; undefined for a non-empty collection. */
function inlineText(value: Value): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : NOT_PLAIN;
  if (typeof value === 'string') return isPlainWord(value) ? value : NOT_PLAIN;
  if (typeof value === 'symbol') return NOT_PLAIN;
  if (Array.isArray(value)) return value.length === 0 ? '[]' : undefined;
  for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) return undefined;
  return '{}';
}

/**
 * A word the library writes plain and reads back as the same string: letters, digits and
 * `_ . / - , % = @` inside; first a letter, `_` or `/`, a `-` before a letter or `-` (`-v`, `--flag`),
 * or a digit when a letter other than `e` follows (`100m`, `128Mi`: never a number) and it is not
 * `0x…`/`0o…`.
 */
function isPlainWord(text: string): boolean {
  const first = text.charCodeAt(0);
  const digitFirst = first >= 48 && first <= 57;
  const dashFirst = first === 45 && (isLetter(text.charCodeAt(1)) || text.charCodeAt(1) === 45);
  if (!(isLetter(first) || first === 95 || first === 47 || digitFirst || dashFirst) || QUOTED_WORDS.has(text)) return false;
  let letterNotExponent = false;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(isLetter(c) || (c >= 48 && c <= 57) || WORD_PUNCTUATION.has(c))) return false;
    if (isLetter(c) && c !== 101 && c !== 69) letterNotExponent = true;
  }
  if (!digitFirst) return true;
  const second = text[1];
  return letterNotExponent && second !== 'x' && second !== 'X' && second !== 'o' && second !== 'O';
}

/** `_ . / - , % = @` */
const WORD_PUNCTUATION = new Set([95, 46, 47, 45, 44, 37, 61, 64]);

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
