/**
 * Characters a name may carry that the reader would otherwise take for blanks (U+2028, a BOM, a no-break
 * space, a tab or carriage return inside a word): while the paste is read they stand in as private-use
 * characters, which no pattern takes for a blank, and the fields read get them back. A name is thus read
 * exactly as it was written, and the validation refuses it, instead of a trimmed or re-spaced name.
 */
const KEPT = [' ', '\t', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];
for (let code = 0x2000; code <= 0x200a; code++) KEPT.push(String.fromCharCode(code));

const FIRST_STAND_IN = 0xe000;
const STAND_IN = new Map(KEPT.map((char, i) => [char, String.fromCharCode(FIRST_STAND_IN + i)]));
const ORIGINAL = new Map(KEPT.map((char, i) => [String.fromCharCode(FIRST_STAND_IN + i), char]));
const SPACE = STAND_IN.get(' ')!;
const STAND_INS = new RegExp(`[\\u${FIRST_STAND_IN.toString(16)}-\\u${(FIRST_STAND_IN + KEPT.length - 1).toString(16)}]`, 'g');

/**
 * Marks where a field was cut by the end of its line (`in the namespace "sh`): the reader sees a closed
 * value and the field reads as cut, never as a name.
 */
export const CUT = '\ue0ff';

/**
 * Replaces the kept characters by their stand-ins. A tab or carriage return between two non-blank
 * characters is part of a word (`"a\tb"`); elsewhere it is layout, and stays a blank.
 */
export function markKeptCharacters(text: string): string {
  return text.replace(/[\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]|(?<=\S)[\t\r](?=\S)/g, (char) => STAND_IN.get(char)!);
}

/**
 * Spaces around the verb (`cannot  list resource "pods"`): a Go message has exactly one on each side, so
 * any more belong to the verb, which is then refused rather than trimmed.
 */
export function markSpacesAroundVerbs(text: string): string {
  if (!text.includes('cannot  ') && !text.includes('  resource "')) return text;
  return text.replace(/\bcannot ( *)([^\s"]+)( +)(?=resource ")/g, (_, before: string, verb: string, after: string) =>
    `cannot ${SPACE.repeat(before.length)}${verb}${SPACE.repeat(after.length - 1)} `);
}

/** Stands for a field Go printed empty inside a struct dump (`&{name  [groups] map[]}`: no UID). */
export const EMPTY_FIELD = '\ue0fe';

/**
 * A Go struct dump of a user (`user=&{Kubernetes admin  [system:authenticated] map[]}`) prints an empty
 * UID as a second space: it is marked before blanks are joined, so a name with a space stays whole.
 */
export function markEmptyUid(text: string): string {
  if (!text.includes('user=&{')) return text;
  return text.replace(/(user=&\{[^{}[\]\n]{0,300}?) {2}\[/g, `$1 ${EMPTY_FIELD} [`);
}

/** The text with every stand-in given back. */
export function restoreKeptCharacters(text: string): string {
  return text.replace(STAND_INS, (char) => ORIGINAL.get(char)!);
}
