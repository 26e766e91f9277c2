/** One `{{ … }}` action of a template, with the offsets of its delimiters and of its body. */
export interface ActionSpan {
  /** Offset of `{{`. */
  start: number;
  /** Offset just after `}}`. */
  end: number;
  /** The action's body, without delimiters and trim markers. */
  body: string;
  bodyStart: number;
  /** `{{-`: trims the white space before the action. */
  trimLeft: boolean;
  /** `-}}`: trims the white space after the action. */
  trimRight: boolean;
  comment: boolean;
}

export interface LexResult {
  actions: ActionSpan[];
  /** An action that never closes: its offset. The text after it is read as plain text. */
  unclosedAt?: number;
}

/**
 * Finds every action in one pass. Quotes and comments inside an action are skipped so that a `}}` in a
 * string does not close it (as in Go's text/template lexer). Linear: each character is visited once.
 */
export function lexActions(text: string): LexResult {
  const actions: ActionSpan[] = [];
  let at = text.indexOf('{{');
  while (at !== -1) {
    const close = findClose(text, at + 2);
    if (close === -1) return { actions, unclosedAt: at };
    actions.push(spanOf(text, at, close));
    at = text.indexOf('{{', close + 2);
  }
  return { actions };
}

function spanOf(text: string, start: number, close: number): ActionSpan {
  let bodyStart = start + 2;
  let bodyEnd = close;
  const trimLeft = text.charCodeAt(bodyStart) === 45 && isSpace(text.charCodeAt(bodyStart + 1)); // `-`
  if (trimLeft) bodyStart += 2;
  const trimRight = close - 2 >= bodyStart && text.charCodeAt(close - 1) === 45 && isSpace(text.charCodeAt(close - 2));
  if (trimRight) bodyEnd -= 2;
  bodyEnd = Math.max(bodyStart, bodyEnd);
  return {
    start, end: close + 2, body: text.slice(bodyStart, bodyEnd), bodyStart, trimLeft, trimRight,
    comment: isComment(text, bodyStart, bodyEnd),
  };
}

/** Whether text[from, to), white space aside, starts with `/*` and ends with `*\/`. */
function isComment(text: string, from: number, to: number): boolean {
  let first = from;
  let last = to;
  while (first < last && isTrimmed(text.charCodeAt(first))) first++;
  while (last > first && isTrimmed(text.charCodeAt(last - 1))) last--;
  return last - first >= 2 && text.startsWith('/*', first) && text.startsWith('*/', last - 2);
}

/** Offset of the `}}` that closes an action whose body starts at `from`, or -1. */
function findClose(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 125 && text.charCodeAt(i + 1) === 125) return i; // `}}`
    if (c === 34 || c === 39) i = skipQuoted(text, i, c); // " '
    else if (c === 96) i = skipTo(text, i + 1, '`');
    else if (c === 47 && text.charCodeAt(i + 1) === 42) i = skipTo(text, i + 2, '*/');
    else i++;
    if (i === -1) return -1;
  }
  return -1;
}

function skipQuoted(text: string, open: number, quote: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++; // backslash
    else if (c === quote) return i + 1;
    else if (c === 10) return i; // Go rejects a newline in a string: stop here rather than swallow the file
  }
  return -1;
}

function skipTo(text: string, from: number, marker: string): number {
  const found = text.indexOf(marker, from);
  return found === -1 ? -1 : found + marker.length;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** What String.prototype.trim removes: white space and line terminators. */
function isTrimmed(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The index of the first action (sorted, disjoint) that ends after `offset`: binary search. */
export function firstActionEndingAfter(actions: readonly { end: number }[], offset: number): number {
  let low = 0;
  let high = actions.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (actions[mid].end <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
