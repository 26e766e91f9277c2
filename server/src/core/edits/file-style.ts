import { DEFAULT_STYLE, type YamlStyle } from '../emit/yaml-document';
import type { SourceFile } from '../model/types';

/**
 * How a user's file lays out its YAML, read from its lines (one pass, no parse): the indentation of a
 * nested mapping, whether block sequences under a key are indented, and whether lists of names are flow
 * or block sequences. Each is the majority of what the file shows; the product's own layout where it
 * shows nothing. Text a quick-fix inserts is written in this style.
 */
export function styleOf(file: Pick<SourceFile, 'text'>): YamlStyle {
  const cached = styles.get(file);
  if (cached) return cached;
  const votes = { indentedSeq: 0, flatSeq: 0, flowList: 0, blockList: 0, widths: new Map<number, number>() };
  const lines = meaningfulLines(file.text);
  for (let i = 0; i < lines.length; i++) {
    const { indent, content } = lines[i];
    if (/^(- )?[\w./-]+:\s*\[/.test(content) && !/:\s*\[\s*\]/.test(content)) votes.flowList++;
    if (i + 1 === lines.length || !/^(- )?[\w./-]+:$/.test(content)) continue;
    // `- key:` opens a mapping whose keys sit two columns right of the dash.
    const keyColumn = indent + (content.startsWith('- ') ? 2 : 0);
    const next = lines[i + 1];
    if (next.content.startsWith('- ')) {
      if (next.indent > keyColumn) votes.indentedSeq++;
      else if (next.indent === keyColumn) votes.flatSeq++;
      if (!/^- [\w./-]+:(\s|$)/.test(next.content) && !next.content.startsWith('- {')) votes.blockList++;
    } else if (next.indent > keyColumn) {
      const width = next.indent - keyColumn;
      votes.widths.set(width, (votes.widths.get(width) ?? 0) + 1);
    }
  }
  const width = [...votes.widths].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
  const style: YamlStyle = {
    indent: width === 2 || width === 4 ? width : DEFAULT_STYLE.indent,
    indentSequences: votes.indentedSeq > votes.flatSeq,
    flowScalarLists: votes.blockList > votes.flowList ? false : DEFAULT_STYLE.flowScalarLists,
  };
  styles.set(file, style);
  return style;
}

const styles = new WeakMap<object, YamlStyle>();

/** Lines with content, without blank lines, comments, document markers and template actions. */
function meaningfulLines(text: string): { indent: number; content: string }[] {
  const out: { indent: number; content: string }[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const content = line.trimStart();
    if (content === '' || content.startsWith('#') || content.startsWith('{{') || content.startsWith('---') || content.startsWith('...')) continue;
    out.push({ indent: line.length - content.length, content: stripComment(content) });
  }
  return out;
}

/** `key: # note` → `key:`: a trailing comment after a space (not inside a quoted value) goes. */
function stripComment(content: string): string {
  let quote = '';
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && i > 0 && content[i - 1] === ' ') return content.slice(0, i).trimEnd();
  }
  return content.trimEnd();
}
