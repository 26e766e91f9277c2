import type { RE2 as Re2Type } from 're2-wasm';
import { UNKNOWN, type Value } from '../template-values';
import { goExpand } from './go-expand';

// Sprig's regular-expression functions, run as Go runs them: RE2 syntax and semantics (Google's RE2, a
// WASM build: linear in the input, no backtracking), with Go's loops over matches (an empty match right
// after a match is dropped) and Go's `$name` expansion. A pattern Go refuses, or text past the budget, is unknown.

const MAX_PATTERN = 4096;
const MAX_INPUT = 1 << 20;

type Re2Class = typeof Re2Type;
let re2Class: Re2Class | undefined;

/** Loaded when a chart first uses a regular expression (compiling the WASM module takes a moment). */
function re2(): Re2Class {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  re2Class ??= (require('re2-wasm') as { RE2: Re2Class }).RE2;
  return re2Class;
}

/** Escapes the wrapper would turn into JavaScript's meaning (`\u`, `\c`), and `\C`: Go refuses all three. */
function goRefuses(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] !== '\\') continue;
    const next = pattern[++i];
    if (next === 'u' || next === 'c' || next === 'C') return true;
  }
  return false;
}

const compiled = new Map<string, Re2Type | undefined>();

function compile(pattern: Value): Re2Type | undefined {
  if (typeof pattern !== 'string' || pattern.length > MAX_PATTERN) return undefined;
  if (compiled.has(pattern)) return compiled.get(pattern);
  let regex: Re2Type | undefined;
  try {
    regex = goRefuses(pattern) ? undefined : new (re2())(pattern, 'gu');
  } catch {
    regex = undefined; // Go's MustCompile panics: Helm refuses to render
  }
  if (compiled.size > 500) compiled.clear();
  compiled.set(pattern, regex);
  return regex;
}

interface Match { start: number; end: number; groups: (string | undefined)[]; named: Record<string, string> }

/**
 * The text in the units the RE2 build counts in: characters (code points), as Go counts runes. Text with
 * characters beyond the BMP is split into them; other text is indexed as it is.
 */
class Runes {
  readonly length: number;
  private readonly chars: string[] | undefined;
  constructor(readonly text: string) {
    this.chars = /[\uD800-\uDFFF]/.test(text) ? Array.from(text) : undefined;
    this.length = this.chars ? this.chars.length : text.length;
  }
  slice(start: number, end?: number): string {
    return this.chars ? this.chars.slice(start, end).join('') : this.text.slice(start, end);
  }
}

/** A lone surrogate has no UTF-8 form: Go would see other bytes. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The leftmost-first match at or after `from`, with the whole text as context (for `^` and `\b`). */
function matchFrom(regex: Re2Type, text: Runes, from: number): Match | undefined {
  regex.lastIndex = from;
  const m = regex.exec(text.text);
  if (!m) return undefined;
  const whole = m[0] ?? '';
  return { start: m.index, end: m.index + (text.length === text.text.length ? whole.length : Array.from(whole).length), groups: [...m], named: m.groups ?? {} };
}

/** Go's `allMatches`: at most `n` matches (all when n < 0), no empty match right after a match. */
function allMatches(regex: Re2Type, text: Runes, n: number): Match[] {
  const out: Match[] = [];
  const limit = n < 0 ? text.length + 1 : n;
  let prevEnd = -1;
  for (let pos = 0; out.length < limit && pos <= text.length;) {
    const m = matchFrom(regex, text, pos);
    if (!m) break;
    let accept = true;
    if (m.end === pos) {
      if (m.start === prevEnd) accept = false;
      pos++;
    } else {
      pos = m.end;
    }
    prevEnd = m.end;
    if (accept) out.push(m);
  }
  return out;
}

/** Go's `replaceAll`: every match replaced, except an empty match right after a match. */
function replaceAll(regex: Re2Type, text: Runes, replace: (m: Match) => string): string {
  let out = '';
  let lastEnd = 0;
  for (let pos = 0; pos <= text.length;) {
    const m = matchFrom(regex, text, pos);
    if (!m) break;
    out += text.slice(lastEnd, m.start);
    if (m.end > lastEnd || m.start === 0) out += replace(m);
    lastEnd = m.end;
    pos = Math.max(pos + 1, m.end);
  }
  return out + text.slice(lastEnd);
}

/** Go's `Split`. */
function split(regex: Re2Type, pattern: string, text: Runes, n: number): string[] {
  if (n === 0) return [];
  if (pattern.length > 0 && text.length === 0) return [''];
  const out: string[] = [];
  let begin = 0;
  let end = 0;
  for (const m of allMatches(regex, text, n)) {
    if (n > 0 && out.length === n - 1) break;
    end = m.start;
    if (m.end !== 0) out.push(text.slice(begin, end));
    begin = m.end;
  }
  if (end !== text.length) out.push(text.slice(begin));
  return out;
}

function withText(pattern: Value, text: Value, run: (regex: Re2Type, text: Runes) => Value): Value {
  const regex = compile(pattern);
  if (!regex || typeof text !== 'string' || text.length > MAX_INPUT || LONE_SURROGATE.test(text)) return UNKNOWN;
  return run(regex, new Runes(text));
}

const GO_SPECIAL = /[\\.+*?()|[\]{}^$]/g;

export const REGEX_FUNCTIONS: Record<string, (args: Value[]) => Value> = {
  regexMatch: ([pattern, text]) => withText(pattern, text ?? null, (regex, t) => matchFrom(regex, t, 0) !== undefined),
  regexFind: ([pattern, text]) => withText(pattern, text ?? null, (regex, t) => {
    const m = matchFrom(regex, t, 0);
    return m ? t.slice(m.start, m.end) : '';
  }),
  regexFindAll: ([pattern, text, n]) => typeof n !== 'number' ? UNKNOWN
    : withText(pattern, text ?? null, (regex, t) => allMatches(regex, t, n).map((m) => t.slice(m.start, m.end))),
  regexReplaceAllLiteral: ([pattern, text, replacement]) => typeof replacement !== 'string' ? UNKNOWN
    : withText(pattern, text ?? null, (regex, t) => replaceAll(regex, t, () => replacement)),
  regexReplaceAll: ([pattern, text, replacement]) => typeof replacement !== 'string' ? UNKNOWN
    : withText(pattern, text ?? null, (regex, t) => replaceAll(regex, t, (m) => goExpand(replacement, m.groups, m.named))),
  regexSplit: ([pattern, text, n]) => typeof n !== 'number' || typeof pattern !== 'string' ? UNKNOWN
    : withText(pattern, text ?? null, (regex, t) => split(regex, pattern, t, n)),
  regexQuoteMeta: ([text]) => typeof text === 'string' ? text.replace(GO_SPECIAL, '\\$&') : UNKNOWN,
};

for (const name of ['regexMatch', 'regexFind', 'regexFindAll', 'regexReplaceAll', 'regexReplaceAllLiteral', 'regexSplit']) {
  REGEX_FUNCTIONS[`must${name.charAt(0).toUpperCase()}${name.slice(1)}`] = REGEX_FUNCTIONS[name];
}
