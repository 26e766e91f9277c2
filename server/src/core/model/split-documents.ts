/** A document's span in a multi-document YAML file. */
export interface DocumentSpan {
  start: number;
  end: number;
}

// A line that starts with `---` or `...` followed by whitespace or the end of the line is a document
// marker wherever it appears (YAML 1.2 forbids such lines inside scalars), so splitting on them is exact.
const MARKER = /^(---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/** Splits a YAML stream into document spans without parsing it. `---` stays with the document it opens. */
export function splitDocuments(text: string): DocumentSpan[] {
  const spans: DocumentSpan[] = [];
  let start = 0;
  let sawContentEnd = false;
  MARKER.lastIndex = 0;
  for (let match = MARKER.exec(text); match; match = MARKER.exec(text)) {
    if (match[1] === '---') {
      if (match.index > start || sawContentEnd) pushIfContent(text, spans, start, match.index);
      start = match.index;
      sawContentEnd = false;
    } else {
      // `...` ends the document; what follows until the next `---` is a new (possibly empty) document.
      const lineEnd = text.indexOf('\n', match.index);
      const end = lineEnd === -1 ? text.length : lineEnd + 1;
      pushIfContent(text, spans, start, end);
      start = end;
      sawContentEnd = true;
    }
  }
  pushIfContent(text, spans, start, text.length);
  if (spans.length === 0) spans.push({ start: 0, end: text.length });
  return spans;
}

function pushIfContent(text: string, spans: DocumentSpan[], start: number, end: number): void {
  if (end <= start) return;
  const slice = text.slice(start, end);
  // Keep empty documents between markers so document indexes match the file, but drop a leading
  // span that holds only comments or directives before the first `---`.
  if (spans.length === 0 && start === 0 && !/^(?!\s*#|\s*%|\s*$).+/m.test(slice)) return;
  spans.push({ start, end });
}
