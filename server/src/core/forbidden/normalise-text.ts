import { markEmptyUid, markKeptCharacters, markSpacesAroundVerbs } from './exact-characters';

/** How line breaks of the paste are joined: with a space (lines broken between words) or not at all (cut mid-word). */
export type LineJoin = 'space' | 'none';

/**
 * Turns whatever was pasted into one line of plain message text: JSON/logfmt/Go escaping removed (any
 * depth), HTML entities decoded, markdown and box-drawing stripped, hard-wrapped lines re-joined.
 */
export function normaliseText(text: string, join: LineJoin = 'space'): string {
  let out = text
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#34;|&#x22;|&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/(?<!\\)\\+u0026/g, '&')
    .replace(/(?<!\\)\\+u003[cC]/g, '<')
    .replace(/(?<!\\)\\+u003[eE]/g, '>')
    .replace(/(?<!\\)\\+u0027/g, "'")
    .replace(/(?<!\\)\\+u0022/g, '"')
    // Go's %q escapes (any depth of escaping around them): a name's own characters, decoded exactly.
    .replace(GO_ESCAPE, decodeGoEscape)
    // Typographic quotes from chat tools and word processors.
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    // Markdown auto-links a renderer made of e-mails and hosts: [x](mailto:x) → x.
    // Neither part crosses a `[` or `(`: a run of them would otherwise be rescanned from each one.
    .replace(/\[([^[\]\s]+)\]\((?:mailto:|https?:\/\/)[^()[\s]*\)/g, '$1');
  // Escaped quotes at any depth (\" \\\" \\\\\\\") become plain quotes; escaped line breaks and tabs
  // become real ones, so that they are joined like the paste's own lines.
  out = out
    .replace(/(?<!\\)\\+"/g, '"')
    .replace(/(?<!\\)\\+r\\+n|(?<!\\)\\+n/g, '\n')
    .replace(/(?<!\\)\\+r/g, '\r')
    .replace(/(?<!\\)\\+t/g, '\t');
  out = markEmptyUid(markSpacesAroundVerbs(markKeptCharacters(out)));
  // Markdown emphasis and code marks, box drawing, and the line-continuation of wrapped terminals. A
  // backtick next to a double quote may be a name's own (Go's %q leaves it as it is): it stays, and the
  // name is refused rather than read without it.
  out = out
    .replace(/(?<!\*)\*\*(?!\*)|(?<![\w])__|__(?![\w])|(?<!")`(?!")/g, '')
    .replace(/(^|\s)_(?=\S)|(?<=\S)_(?=\s|$)/g, '$1')
    .replace(/[\u2500-\u257F]/g, ' ');
  if (join === 'none') out = out.replace(/[ \t]*\r?\n[ \t]*/g, '');
  return out.replace(/\s+/g, ' ');
}

/** `\u2028`, `\U0001F600`, `\x07`, `\a` `\b` `\f` `\v`: the escapes Go's strconv.Quote writes, behind any run of backslashes. */
const GO_ESCAPE = /(?<!\\)\\+(?:u([dD][89abAB][0-9a-fA-F]{2})\\+u([dD][c-fC-F][0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|x([0-9a-fA-F]{2})|([abfv]))/g;
const LETTER_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', v: '\v' };

function decodeGoEscape(whole: string, high?: string, low?: string, unit?: string, point?: string, byte?: string, letter?: string): string {
  if (high && low) return String.fromCharCode(parseInt(high, 16), parseInt(low, 16));
  if (unit) return String.fromCharCode(parseInt(unit, 16));
  if (point) {
    const code = parseInt(point, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  }
  if (byte) {
    const code = parseInt(byte, 16);
    // A byte that is not UTF-8 text: a lone surrogate, which no name may hold (refused as not Unicode text).
    return code < 0x80 ? String.fromCharCode(code) : String.fromCharCode(0xdc00 + code);
  }
  return letter ? LETTER_ESCAPES[letter] : whole;
}
