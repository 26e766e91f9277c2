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
    // Typographic quotes from chat tools and word processors.
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    // Markdown auto-links a renderer made of e-mails and hosts: [x](mailto:x) → x.
    // Neither part crosses a `[` or `(`: a run of them would otherwise be rescanned from each one.
    .replace(/\[([^[\]\s]+)\]\((?:mailto:|https?:\/\/)[^()[\s]*\)/g, '$1');
  // Escaped quotes at any depth (\" \\\" \\\\\\\") become plain quotes; escaped line breaks and tabs
  // become real ones, so that they are joined like the paste's own lines.
  out = out.replace(/(?<!\\)\\+"/g, '"').replace(/(?<!\\)\\+r\\+n|(?<!\\)\\+[nr]/g, '\n').replace(/(?<!\\)\\+t/g, '\t');
  // Markdown emphasis and code marks, box drawing, and the line-continuation of wrapped terminals.
  out = out
    .replace(/(?<!\*)\*\*(?!\*)|__|`/g, '')
    .replace(/(^|\s)_(?=\S)|(?<=\S)_(?=\s|$)/g, '$1')
    .replace(/[\u2500-\u257F]/g, ' ');
  if (join === 'none') out = out.replace(/[ \t]*\r?\n[ \t]*/g, '');
  return out.replace(/\s+/g, ' ');
}
