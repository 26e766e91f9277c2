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
  if (value in WORDS) return WORDS[value];
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
