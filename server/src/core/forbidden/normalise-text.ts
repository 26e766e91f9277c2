/**
 * Turns whatever was pasted into one line of plain message text: JSON/logfmt escaping removed (any
 * depth), HTML entities decoded, markdown and box-drawing stripped, hard-wrapped lines re-joined.
 */
export function normaliseText(text: string): string {
  let out = text
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#34;|&quot;/g, '"')
    .replace(/\\u0026/g, '&')
    .replace(/\\u003c/g, '<')
    .replace(/\\u003e/g, '>');
  // Escaped quotes at any depth (\" \\\" \\\\\\\") become plain quotes; escaped new lines become spaces.
  out = out.replace(/\\+"/g, '"').replace(/\\+[nrt](?![a-z])/g, ' ').replace(/\\+[nrt](?=\{)/g, ' ');
  // Markdown emphasis and code marks, box drawing, and the line-continuation of wrapped terminals.
  out = out.replace(/(?<!\*)\*\*(?!\*)|__|`/g, '').replace(/(^|\s)_(?=\S)|(?<=\S)_(?=\s|$)/g, '$1').replace(/[\u2500-\u257F]/g, ' ');
  return out.replace(/\s+/g, ' ');
}
