import type { ActionSpan } from './lex-actions';
import type { ParsedTemplate, TemplateNode } from './parse-template';
import type { TraceRecorder } from './evaluate';
import type { Value } from './template-values';

/** A printing action that was executed, with what it printed and what it read (`values:a.b`, `define:x`…). */
export interface PrintedAction { action: ActionSpan; node: TemplateNode; value: Value; origins?: Set<string>; variants?: Value[] }

export interface MaskedTemplate {
  /** The template with identical offsets: actions and text that did not render are blanked. */
  text: string;
  /** Actions inside a line of YAML (their span holds `_` placeholders): the scalar around them is templated. */
  inline: PrintedAction[];
  /** Actions alone on their lines that print something (or something unknown): blank in `text`. */
  hidden: PrintedAction[];
}

const PLACEHOLDER = '_';

/**
 * Masks a traced template. Every action is blanked (newlines kept), text that did not render is
 * blanked, and a printing action that shares its line with YAML text gets placeholders so that the
 * scalar around it still parses. One pass over the text plus one per action line: linear.
 */
export function maskTemplate(template: ParsedTemplate, trace: TraceRecorder): MaskedTemplate {
  const { text } = template;
  const chars = text.split('');
  const blank = (start: number, end: number) => {
    for (let i = start; i < end; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  };
  for (const action of template.actions) blank(action.start, action.end);
  const printing: PrintedAction[] = [];
  const visit = (nodes: TemplateNode[]) => {
    for (const node of nodes) {
      if (node.kind === 'text') {
        if (!trace.executed.has(node)) blank(node.start, node.end);
      } else if (node.kind === 'output' || node.kind === 'template') {
        if (trace.executed.has(node) && trace.printed.has(node)) printing.push({ action: node.action, node, value: trace.printed.get(node)!, origins: trace.origins.get(node), variants: trace.variants?.get(node) });
      } else if (node.kind === 'if' || node.kind === 'with') {
        for (const branch of node.branches) visit(branch.body);
        if (node.elseBody) visit(node.elseBody);
      } else if (node.kind === 'range') {
        visit(node.body);
        if (node.elseBody) visit(node.elseBody);
      }
    }
  };
  visit(template.nodes);
  // A define renders only where it is included: its text is never part of this file's YAML.
  for (const define of template.defines) visit(define.body);
  const lines = lineContent(chars);
  const inline: PrintedAction[] = [];
  const hidden: PrintedAction[] = [];
  for (const printed of printing) {
    const alone = !lines.hasContent[lines.lineOf(printed.action.start)] && !lines.hasContent[lines.lineOf(printed.action.end)];
    if (alone) {
      if (printed.value !== '') hidden.push(printed);
      continue;
    }
    inline.push(printed);
    if (printed.value === '') continue; // prints nothing: the blank already says so
    for (let i = printed.action.start; i < printed.action.end; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = PLACEHOLDER;
  }
  inline.sort((a, b) => a.action.start - b.action.start);
  return { text: chars.join(''), inline, hidden };
}

/** Which lines hold text other than blanks once every action is blanked; and the line of an offset. */
function lineContent(chars: string[]): { hasContent: boolean[]; lineOf: (offset: number) => number } {
  const starts = [0];
  const hasContent = [false];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '\n') { starts.push(i + 1); hasContent.push(false); } else if (c !== ' ' && c !== '\t' && c !== '\r') hasContent[hasContent.length - 1] = true;
  }
  const lineOf = (offset: number) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  return { hasContent, lineOf };
}
