/**
 * A tab between a line's indentation (and any `- ` indicators) and its content is accepted by the
 * `yaml` library but rejected by kubectl's reader ("found character that cannot start any token").
 * `skip` says whether an offset is inside a scalar or flow collection, where tabs are content or allowed.
 * Returns the offsets of such tabs, one per line; blank and comment-only lines are left alone.
 */
export function tabsInIndentation(text: string, start: number, end: number, skip: (offset: number) => boolean): number[] {
  const out: number[] = [];
  let lineStart = start;
  while (lineStart < end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > end) lineEnd = end;
    const tab = leadingTab(text, lineStart, lineEnd);
    if (tab !== undefined && !skip(tab)) out.push(tab);
    lineStart = lineEnd + 1;
  }
  return out;
}

function leadingTab(text: string, from: number, to: number): number | undefined {
  let tab: number | undefined;
  let i = from;
  for (; i < to; i++) {
    const ch = text[i];
    if (ch === '\t') tab ??= i;
    else if (ch === '-' && (i + 1 === to || text[i + 1] === ' ' || text[i + 1] === '\t')) continue;
    else if (ch !== ' ') break;
  }
  if (tab === undefined || i === to || text[i] === '#' || text[i] === '\r') return undefined;
  return tab;
}
