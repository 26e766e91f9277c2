import { UNKNOWN, type Value } from '../template-values';

// Sprig's regular-expression functions for the patterns charts write to clean names and versions
// (`regexReplaceAllLiteral "@sha.*" .Values.image.tag ""`). Go uses RE2; only the part of the syntax where
// RE2 and JavaScript agree is run, on short ASCII text, and no pattern with a quantified group (no nested
// quantifiers, no backtracking blow-up). Anything else is unknown.

const MAX_PATTERN = 256;
const MAX_INPUT = 256;
const MAX_UNBOUNDED = 3;

/** `\s` is narrower in RE2 (no \v, no Unicode spaces): spelled out. */
const ESCAPES: Record<string, string> = { d: '\\d', D: '\\D', w: '\\w', W: '\\W', s: '[\\t\\n\\f\\r ]', S: '[^\\t\\n\\f\\r ]', b: '\\b', B: '\\B', n: '\\n', t: '\\t', r: '\\r', f: '\\f' };
const LITERAL_ESCAPES = new Set('.\\-/*+?()[]{}|^$#&~ '.split(''));

/** The pattern as a JavaScript source with RE2's meaning, or undefined when it leaves the safe subset. */
function translate(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN) return undefined;
  let out = '';
  let unbounded = 0;
  // Per open group: whether it holds a quantifier or an alternation (then it must not be quantified).
  const groups: boolean[] = [];
  let lastGroupRisky = false;
  let atomEnd = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const n = pattern[++i];
      if (n === undefined) return undefined;
      if (ESCAPES[n]) out += ESCAPES[n];
      else if (LITERAL_ESCAPES.has(n)) out += `\\${n}`;
      else return undefined; // \p, \A, \z, \Q, digits (a back-reference in JavaScript)…
      atomEnd = true; lastGroupRisky = false;
      continue;
    }
    if (c === '[') {
      const close = classEnd(pattern, i);
      if (close === undefined) return undefined;
      const body = pattern.slice(i + 1, close);
      if (body.includes('[:') || body.includes('\\p') || body.includes('\\s') || body.includes('\\S')) return undefined;
      out += pattern.slice(i, close + 1);
      i = close;
      atomEnd = true; lastGroupRisky = false;
      continue;
    }
    if (c === '(') {
      if (pattern[i + 1] === '?') {
        if (pattern[i + 2] !== ':') return undefined; // flags, named groups, look-arounds
        i += 2;
      }
      // Non-capturing always: nothing reads a group, and a captured group would join a JavaScript split.
      out += '(?:';
      groups.push(false);
      atomEnd = false;
      continue;
    }
    if (c === ')') {
      if (groups.length === 0) return undefined;
      lastGroupRisky = groups.pop()!;
      if (lastGroupRisky && groups.length) groups[groups.length - 1] = true;
      out += ')';
      atomEnd = true;
      continue;
    }
    if (c === '|') {
      if (groups.length) groups[groups.length - 1] = true;
      out += '|';
      atomEnd = false; lastGroupRisky = false;
      continue;
    }
    if (c === '*' || c === '+' || c === '?' || c === '{') {
      if (!atomEnd) return undefined;
      let quantifier = c;
      if (c === '{') {
        const close = pattern.indexOf('}', i);
        quantifier = close === -1 ? '' : pattern.slice(i, close + 1);
        if (!/^\{\d{1,3}(,\d{0,3})?\}$/.test(quantifier)) return undefined;
        i = close;
      }
      if (lastGroupRisky) return undefined; // a quantified group that holds a quantifier or `|`
      if (c === '*' || c === '+' || /,\}$/.test(quantifier)) unbounded++;
      if (unbounded > MAX_UNBOUNDED) return undefined;
      if (groups.length) groups[groups.length - 1] = true;
      if (pattern[i + 1] === '?') { quantifier += '?'; i++; }
      out += quantifier;
      atomEnd = false; lastGroupRisky = false;
      continue;
    }
    out += c;
    atomEnd = c !== '^' && c !== '$';
    lastGroupRisky = false;
  }
  return groups.length ? undefined : out;
}

/** Index of the `]` closing a class opened at `open` (a `]` first in the class is literal). */
function classEnd(pattern: string, open: number): number | undefined {
  let i = open + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') { i++; continue; }
    if (pattern[i] === ']') return i;
  }
  return undefined;
}

const ASCII = /^[\x20-\x7e\t\n\r]*$/;

function compile(pattern: Value, text: Value, global: boolean): { regex: RegExp; text: string } | undefined {
  if (typeof pattern !== 'string' || typeof text !== 'string' || text.length > MAX_INPUT || !ASCII.test(text) || !ASCII.test(pattern)) return undefined;
  const source = translate(pattern);
  if (source === undefined) return undefined;
  try {
    const regex = new RegExp(source, global ? 'g' : '');
    // Go drops an empty match right after a previous match; JavaScript does not: such patterns are unknown.
    if (global && new RegExp(`^(?:${source})`).test('')) return undefined;
    return { regex, text };
  } catch {
    return undefined;
  }
}

export const REGEX_FUNCTIONS: Record<string, (args: Value[]) => Value> = {
  regexMatch: ([pattern, text]) => {
    const compiled = compile(pattern, text ?? null, false);
    return compiled ? compiled.regex.test(compiled.text) : UNKNOWN;
  },
  regexFind: ([pattern, text]) => {
    const compiled = compile(pattern, text ?? null, false);
    return compiled ? (compiled.regex.exec(compiled.text)?.[0] ?? '') : UNKNOWN;
  },
  regexFindAll: ([pattern, text, n]) => {
    const compiled = compile(pattern, text ?? null, true);
    if (!compiled || typeof n !== 'number') return UNKNOWN;
    const all = compiled.text.match(compiled.regex) ?? [];
    return n < 0 ? all : all.slice(0, n);
  },
  regexReplaceAllLiteral: ([pattern, text, replacement]) => {
    const compiled = compile(pattern, text ?? null, true);
    if (!compiled || typeof replacement !== 'string') return UNKNOWN;
    return compiled.text.replace(compiled.regex, () => replacement);
  },
  regexReplaceAll: ([pattern, text, replacement]) => {
    const compiled = compile(pattern, text ?? null, true);
    // Go expands `$name` by the longest name (`$1x` is group "1x"), JavaScript does not: `$` is unknown.
    if (!compiled || typeof replacement !== 'string' || replacement.includes('$')) return UNKNOWN;
    return compiled.text.replace(compiled.regex, () => replacement);
  },
  regexSplit: ([pattern, text, n]) => {
    const compiled = compile(pattern, text ?? null, true);
    if (!compiled || n !== -1) return UNKNOWN;
    return compiled.text.split(compiled.regex);
  },
};

for (const name of ['regexMatch', 'regexFind', 'regexFindAll', 'regexReplaceAll', 'regexReplaceAllLiteral', 'regexSplit']) {
  REGEX_FUNCTIONS[`must${name.charAt(0).toUpperCase()}${name.slice(1)}`] = REGEX_FUNCTIONS[name];
}
