/**
 * Go's `path/filepath.Match` (with `/` as the separator), which `.helmignore` rules use: `*` is any run
 * of characters but `/`, `?` one character but `/`, `[a-z]` / `[^a-z]` a class (as in Go,
 * it may match a `/`), `\c` the character c.
 * No regular expression: the pattern is cut at its stars into fixed-length chunks, and each chunk is
 * tried at the leftmost place it fits, as Go does (fixed-length chunks make that choice safe), so one
 * match costs at most (pattern length × path length) steps.
 */

/** Why Go refuses the pattern (it then refuses the whole `.helmignore`), or undefined. */
export function globSyntaxError(pattern: string): string | undefined {
  const p = Array.from(pattern);
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\') {
      if (i + 1 >= p.length) return 'syntax error in pattern (a trailing \\)';
      i++;
    } else if (p[i] === '[') {
      const end = classEnd(p, i);
      if (end === -1) return 'syntax error in pattern (a bad [ ] class)';
      i = end;
    }
  }
  return undefined;
}

export function globMatches(pattern: string, name: string): boolean {
  // Go logs a malformed pattern and reports no match.
  if (globSyntaxError(pattern)) return false;
  const p = Array.from(pattern);
  const n = Array.from(name);
  let pi = 0;
  let ni = 0;
  while (pi < p.length) {
    let star = false;
    while (p[pi] === '*') {
      star = true;
      pi++;
    }
    const chunkStart = pi;
    while (pi < p.length && p[pi] !== '*') pi = p[pi] === '[' ? classEnd(p, pi) + 1 : pi + (p[pi] === '\\' ? 2 : 1);
    const last = pi >= p.length;
    if (star && chunkStart === pi) return !n.slice(ni).includes('/');
    const here = matchChunk(p, chunkStart, pi, n, ni);
    if (here !== -1 && (here === n.length || !last)) {
      ni = here;
      continue;
    }
    if (!star) return false;
    let found = -1;
    // The star stands for n[ni..i]: it cannot cross a `/`.
    for (let i = ni; i < n.length && n[i] !== '/'; i++) {
      const end = matchChunk(p, chunkStart, pi, n, i + 1);
      if (end !== -1 && !(last && end < n.length)) {
        found = end;
        break;
      }
    }
    if (found === -1) return false;
    ni = found;
  }
  return ni === n.length;
}

/** Where a chunk (no stars) matched at n[from] ends, or -1. */
function matchChunk(p: string[], start: number, end: number, n: string[], from: number): number {
  let ni = from;
  for (let pi = start; pi < end;) {
    if (ni >= n.length) return -1;
    const c = n[ni];
    if (p[pi] === '[') {
      const close = classEnd(p, pi);
      if (close === -1 || !inClass(p, pi + 1, close, c)) return -1;
      pi = close + 1;
    } else if (p[pi] === '?') {
      if (c === '/') return -1;
      pi++;
    } else {
      const literal = p[pi] === '\\' ? p[pi + 1] : p[pi];
      if (literal !== c) return -1;
      pi += p[pi] === '\\' ? 2 : 1;
    }
    ni++;
  }
  return ni;
}

/** The index of the `]` closing the class opened at p[open], or -1 when Go calls the class malformed. */
function classEnd(p: string[], open: number): number {
  let i = open + 1;
  if (p[i] === '^') i++;
  let ranges = 0;
  for (;;) {
    if (i >= p.length) return -1;
    if (p[i] === ']' && ranges > 0) return i;
    const lo = escaped(p, i);
    if (!lo) return -1;
    i = lo.next;
    if (p[i] === '-') {
      const hi = escaped(p, i + 1);
      if (!hi) return -1;
      i = hi.next;
    }
    ranges++;
  }
}

/** One character of a class (`\` escapes); `-`, `]` and the end are not characters there. */
function escaped(p: string[], i: number): { char: string; next: number } | undefined {
  if (i >= p.length || p[i] === '-' || p[i] === ']') return undefined;
  if (p[i] === '\\') return i + 1 < p.length ? { char: p[i + 1], next: i + 2 } : undefined;
  return { char: p[i], next: i + 1 };
}

function inClass(p: string[], from: number, close: number, c: string): boolean {
  let i = from;
  const negated = p[i] === '^';
  if (negated) i++;
  let matched = false;
  const code = c.codePointAt(0)!;
  while (i < close) {
    const lo = escaped(p, i)!;
    i = lo.next;
    let hi = lo;
    if (p[i] === '-') {
      hi = escaped(p, i + 1)!;
      i = hi.next;
    }
    if (lo.char.codePointAt(0)! <= code && code <= hi.char.codePointAt(0)!) matched = true;
  }
  return matched !== negated;
}
