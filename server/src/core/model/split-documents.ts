/** A document's span in a multi-document YAML file. */
export interface DocumentSpan {
  start: number;
  end: number;
}

/** Whether a document marker (`---` or `...` followed by a blank or the line end) starts at `at`. */
function markerAt(text: string, at: number): '---' | '...' | undefined {
  const c = text.charCodeAt(at);
  if (c !== 45 && c !== 46) return undefined; // '-' or '.'
  if (text.charCodeAt(at + 1) !== c || text.charCodeAt(at + 2) !== c) return undefined;
  const next = text.charCodeAt(at + 3);
  if (!(Number.isNaN(next) || next === 32 || next === 9 || next === 10 || next === 13)) return undefined;
  return c === 45 ? '---' : '...';
}

/**
 * Splits a YAML stream into document spans without parsing it. A line that starts with `---` or `...`
 * followed by a blank is a document marker wherever it appears (YAML 1.2 forbids such lines inside
 * scalars), so this is exact. `---` stays with the document it opens. Scans line starts with indexOf.
 */
export function splitDocuments(text: string): DocumentSpan[] {
  const spans: DocumentSpan[] = [];
  let start = 0;
  let sawContentEnd = false;
  for (let lineStart = 0; lineStart !== -1 && lineStart <= text.length; ) {
    const marker = markerAt(text, lineStart);
    if (marker === '---') {
      if (lineStart > start || sawContentEnd) pushIfContent(text, spans, start, lineStart);
      start = lineStart;
      sawContentEnd = false;
    } else if (marker === '...') {
      const lineEnd = text.indexOf('\n', lineStart);
      const end = lineEnd === -1 ? text.length : lineEnd + 1;
      pushIfContent(text, spans, start, end);
      start = end;
      sawContentEnd = true;
    }
    const next = text.indexOf('\n', lineStart);
    lineStart = next === -1 ? -1 : next + 1;
  }
  pushIfContent(text, spans, start, text.length);
  if (spans.length === 0) spans.push({ start: 0, end: text.length });
  return spans;
}

function pushIfContent(text: string, spans: DocumentSpan[], start: number, end: number): void {
  if (end <= start) return;
  // Keep empty documents between markers so document indexes match the file, but drop a leading
  // span that holds only comments or directives before the first `---`.
  // `[ \t]*`, not `\s*`: a class that crosses newlines made this quadratic on many blank lines.
  if (spans.length === 0 && start === 0 && !/^(?![ \t]*#|[ \t]*%|[ \t]*\r?$).+/m.test(text.slice(start, end))) return;
  spans.push({ start, end });
}
