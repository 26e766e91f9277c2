import { BUDGETS } from '../../budgets';

/**
 * One-line scalars read without the YAML parser, in the forms values files are mostly made of and that
 * read the same under YAML 1.2's core schema (the parser's): null, booleans, small integers, `{}`, `[]`,
 * quoted strings without escapes, and plain strings. Anything else is left to the parser (undefined).
 */
export type SimpleValue = string | number | boolean | null | object;

const NO_VALUE = Symbol('parse');
const WORDS: Record<string, null | boolean> = { '~': null, null: null, Null: null, NULL: null, true: true, True: true, TRUE: true, false: false, False: false, FALSE: false };

/** The scalar written in text[from, to) (after a key's colon or an item's dash), its comment and spaces aside. */
export function scalarAt(text: string, from: number, to: number): SimpleValue | undefined {
  let value = text.slice(from, to).trim();
  const first = value.charCodeAt(0);
  if (first === 34 || first === 39) {
    // Quoted: a `#` may be inside the quotes; only a value without other quotes has its comment cut here.
    const hash = value.indexOf('#');
    if (hash !== -1) {
      if (value.includes('"') || value.includes("'") || !isBlank(value.charCodeAt(hash - 1))) return undefined;
      value = value.slice(0, hash).trim();
    }
    return scalarWithoutParser(value);
  }
  // Plain: a comment starts at the first `#` after white space (a `#` inside a word is text).
  for (let i = value.indexOf('#'); i !== -1; i = value.indexOf('#', i + 1)) {
    if (i === 0) return undefined;
    if (isBlank(value.charCodeAt(i - 1))) {
      value = value.slice(0, i).trim();
      break;
    }
  }
  return scalarWithoutParser(value);
}

/** The value of a one-line scalar's text (no comment, no surrounding spaces) when it is one of the forms above; undefined otherwise. */
export function scalarWithoutParser(value: string): SimpleValue | undefined {
  const read = readScalar(value);
  return read === NO_VALUE ? undefined : read;
}

function readScalar(value: string): SimpleValue | typeof NO_VALUE {
  if (value === '') return null;
  // Own keys only: `__proto__` is a word of Object.prototype, not of YAML.
  if (Object.prototype.hasOwnProperty.call(WORDS, value)) return WORDS[value];
  if (value === '{}') return {};
  if (value === '[]') return [];
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  if (value.length >= 2 && (first === 34 || first === 39) && last === first) {
    const inner = value.slice(1, -1);
    return inner.includes(value[0]) || inner.includes('\\') ? NO_VALUE : inner;
  }
  if (isSmallInteger(value)) return Number(value);
  return isPlainString(value) ? value : NO_VALUE;
}

/** `0`, `42`, `-7`: at most 15 digits, no leading zero, no `+` (every other number goes to the parser). */
function isSmallInteger(value: string): boolean {
  const digits = value.charCodeAt(0) === 45 ? value.slice(1) : value;
  if (digits.length === 0 || digits.length > 15 || (digits.charCodeAt(0) === 48 && (digits.length > 1 || digits !== value))) return false;
  for (let i = 0; i < digits.length; i++) if (digits.charCodeAt(i) < 48 || digits.charCodeAt(i) > 57) return false;
  return true;
}

/** What the core schema reads as something other than a string: nulls, booleans, integers, floats. */
const NOT_STRING = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];

/**
 * A plain scalar that reads as this very string, on a key's line as in a document of its own:
 * printable ASCII, starting with a letter, a digit, `_`, `/`, a `.` before a letter or digit, or a
 * `-`/`+` before one of those (`-v`, `100m`, `/healthz`, `1.21.1`, `40%`); no `: ` or final `:` (a
 * mapping), no ` #` (a comment), and not a null, boolean or number of the core schema.
 */
function isPlainString(value: string): boolean {
  const signed = value.charCodeAt(0) === 45 || value.charCodeAt(0) === 43;
  if (!startsWord(value, signed ? 1 : 0)) return false;
  for (let i = 1; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 32 || c > 126) return false;
    if (c === 58 && (i + 1 === value.length || value.charCodeAt(i + 1) === 32)) return false; // `: `
    if (c === 35 && value.charCodeAt(i - 1) === 32) return false; // ` #`
  }
  for (const pattern of NOT_STRING) if (pattern.test(value)) return false;
  return true;
}

/** A letter, digit, `_` or `/` at `at`, or a `.` followed by one of those. */
function startsWord(value: string, at: number): boolean {
  const c = value.charCodeAt(at);
  if (c === 46) return isWordChar(value.charCodeAt(at + 1));
  return isWordChar(c) || c === 47;
}

function isWordChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** Nesting a one-line flow collection may have here; deeper ones go to the parser. */
const MAX_FLOW_NESTING = BUDGETS.values.maxFlowNesting;

/**
 * A one-line flow collection (`{name: web, port: 80, tags: [a, b]}`, then an optional comment) of plain
 * keys and the scalars above, read without the parser and as the parser reads it; undefined for
 * anything else (quotes, anchors, tags, empty entries, a trailing comma, a duplicate key): the parser
 * decides. Linear in the text, so a values file of a great many such entries costs no parse.
 */
export function flowWithoutParser(value: string): SimpleValue | undefined {
  const reader = { text: value, at: 0 };
  const read = readFlow(reader, 0);
  if (read === NO_VALUE) return undefined;
  skipSpaces(reader);
  if (reader.at < value.length && !(value.charCodeAt(reader.at) === 35 && isBlank(value.charCodeAt(reader.at - 1)))) return undefined;
  return read;
}

interface FlowReader {
  text: string;
  at: number;
}

function readFlow(reader: FlowReader, depth: number): SimpleValue | typeof NO_VALUE {
  const open = reader.text.charCodeAt(reader.at);
  if ((open !== 123 && open !== 91) || depth > MAX_FLOW_NESTING) return NO_VALUE; // '{' '['
  const close = open === 123 ? 125 : 93;
  reader.at++;
  skipSpaces(reader);
  const map: { [key: string]: SimpleValue } | undefined = open === 123 ? {} : undefined;
  const list: SimpleValue[] = [];
  if (reader.text.charCodeAt(reader.at) === close) {
    reader.at++;
    return map ?? list;
  }
  for (;;) {
    if (map) {
      const key = flowToken(reader);
      // A plain key that reads as a string; `__proto__` and repeats go to the parser.
      if (typeof key !== 'string' || key === '__proto__' || Object.prototype.hasOwnProperty.call(map, key)) return NO_VALUE;
      if (reader.text.charCodeAt(reader.at) !== 58 || reader.text.charCodeAt(reader.at + 1) !== 32) return NO_VALUE; // ': '
      reader.at += 2;
      skipSpaces(reader);
      const item = flowItem(reader, depth);
      if (item === NO_VALUE) return NO_VALUE;
      map[key] = item;
    } else {
      const item = flowItem(reader, depth);
      if (item === NO_VALUE) return NO_VALUE;
      list.push(item);
    }
    skipSpaces(reader);
    const next = reader.text.charCodeAt(reader.at);
    reader.at++;
    if (next === close) return map ?? list;
    if (next !== 44) return NO_VALUE; // ','
    skipSpaces(reader);
  }
}

function flowItem(reader: FlowReader, depth: number): SimpleValue | typeof NO_VALUE {
  const c = reader.text.charCodeAt(reader.at);
  if (c === 123 || c === 91) return readFlow(reader, depth + 1);
  return flowToken(reader);
}

/** A plain scalar up to the next `,`, `:`, bracket or brace: one of the forms above, never empty. */
function flowToken(reader: FlowReader): SimpleValue | typeof NO_VALUE {
  const start = reader.at;
  const { text } = reader;
  while (reader.at < text.length) {
    const c = text.charCodeAt(reader.at);
    if (c === 44 || c === 58 || c === 91 || c === 93 || c === 123 || c === 125) break;
    // Quotes, comments, anchors, aliases, tags and the like: the parser's business.
    if (c === 34 || c === 39 || c === 35 || c === 38 || c === 42 || c === 33 || c === 124 || c === 62 || c === 37 || c === 64 || c === 96 || c === 63 || c === 9) return NO_VALUE;
    reader.at++;
  }
  const token = text.slice(start, reader.at).trimEnd();
  if (token === '' || token === '{}' || token === '[]') return NO_VALUE;
  return readScalar(token);
}

function skipSpaces(reader: FlowReader): void {
  while (reader.text.charCodeAt(reader.at) === 32) reader.at++;
}
