/**
 * Scalars that every YAML reader reads the same way. YAML 1.1 readers (kubectl's Go parser, libyaml,
 * PyYAML) treat U+0085, U+2028 and U+2029 as line breaks and read `yes`, `on`, `1:30` as booleans and
 * numbers; YAML 1.2 readers do not. A double-quoted scalar with only printable ASCII inside, and every
 * other character written as an escape both versions define (`\xNN`, `\uNNNN`, `\UNNNNNNNN`), is read
 * identically by both.
 */

/** `value` as a double-quoted YAML scalar whose text is printable ASCII only. */
export function quoted(value: string): string {
  if (PLAIN_ASCII.test(value)) return `"${value}"`;
  let out = '"';
  for (const char of codePoints(value)) {
    const code = char.codePointAt(0)!;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (code >= 0x20 && code <= 0x7e) out += char;
    else out += escapeCode(code);
  }
  return `${out}"`;
}

/** Text that needs no escape at all: the common case, answered without walking code points. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const PLAIN_ASCII = /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/;

/** A plain scalar is only safe when both YAML versions read it as this very string. */
const SAFE_PLAIN = /^[A-Za-z][A-Za-z0-9./-]*$/;
/** Words YAML 1.1 reads as booleans or null (case-insensitive match covers every spelling it accepts). */
const YAML11_WORDS = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null']);

/** Whether `value` can be written unquoted and still read as the same string by YAML 1.1 and 1.2. */
export function isSafePlain(value: string): boolean {
  return SAFE_PLAIN.test(value) && !YAML11_WORDS.has(value.toLowerCase());
}

/**
 * For echoing a value the user's own file already holds (quick-fixes): plain when it is safe plain,
 * so edits keep the file's usual look; double-quoted otherwise.
 */
export function scalar(value: string): string {
  return isSafePlain(value) ? value : quoted(value);
}

/** A flow list of double-quoted scalars, in the style most manifests use: `["get", "list"]`. */
export function flowList(values: readonly string[]): string {
  return `[${values.map(quoted).join(', ')}]`;
}

/**
 * Text safe on one line of a comment or a terminal: printable ASCII stays, everything else becomes a
 * visible escape (`\u2028`), so no outside character can end the comment line or move the cursor.
 */
export function printable(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text;
  let out = '';
  for (const char of codePoints(text)) {
    const code = char.codePointAt(0)!;
    out += code >= 0x20 && code <= 0x7e ? char : escapeCode(code);
  }
  return out;
}

/** Whether the string has a UTF-16 surrogate without its pair: such text has no UTF-8 form at all. */
export function hasLoneSurrogate(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (code >= 0xdc00 && code <= 0xdfff) return true;
  }
  return false;
}

function escapeCode(code: number): string {
  if (code === 0x09) return '\\t';
  if (code === 0x0a) return '\\n';
  // A lone surrogate cannot be written in UTF-8: the replacement character is what any reader would see.
  if (code >= 0xd800 && code <= 0xdfff) return '\\uFFFD';
  if (code <= 0xff) return `\\x${hex(code, 2)}`;
  if (code <= 0xffff) return `\\u${hex(code, 4)}`;
  return `\\U${hex(code, 8)}`;
}

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, '0');
}

function* codePoints(value: string): Iterable<string> {
  yield* value;
}
