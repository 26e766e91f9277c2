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
  const trimLeft = text[bodyStart] === '-' && isSpace(text[bodyStart + 1]);
  if (trimLeft) bodyStart += 2;
  const trimRight = close - 2 >= bodyStart && text[close - 1] === '-' && isSpace(text[close - 2]);
  if (trimRight) bodyEnd -= 2;
  const body = text.slice(bodyStart, Math.max(bodyStart, bodyEnd));
  const trimmed = body.trim();
  return {
    start, end: close + 2, body, bodyStart, trimLeft, trimRight,
    comment: trimmed.startsWith('/*') && trimmed.endsWith('*/'),
  };
}

/** Offset of the `}}` that closes an action whose body starts at `from`, or -1. */
function findClose(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '}' && text[i + 1] === '}') return i;
    if (c === '"' || c === "'") i = skipQuoted(text, i, c);
    else if (c === '`') i = skipTo(text, i + 1, '`');
    else if (c === '/' && text[i + 1] === '*') i = skipTo(text, i + 2, '*/');
    else i++;
    if (i === -1) return -1;
  }
  return -1;
}

function skipQuoted(text: string, open: number, quote: string): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === quote) return i + 1;
    else if (c === '\n') return i; // Go rejects a newline in a string: stop here rather than swallow the file
  }
  return -1;
}

function skipTo(text: string, from: number, marker: string): number {
  const found = text.indexOf(marker, from);
  return found === -1 ? -1 : found + marker.length;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}
