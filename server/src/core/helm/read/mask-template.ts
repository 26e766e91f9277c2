import type { ActionSpan } from '../template/lex-actions';
import type { ParsedTemplate, RangeNode, TemplateNode, TextNode } from '../template/parse-template';
import type { LoopRuns, TraceRecorder } from '../template/evaluate';
import type { Value } from '../template/template-values';

/** A printing action that was executed, with what it printed and what it read (`values:a.b`, `define:x`…). */
export interface PrintedAction {
  action: ActionSpan;
  node: TemplateNode;
  value: Value;
  origins?: Set<string>;
  variants?: Value[];
  /** The `range`s the action sits in, innermost first. */
  ranges?: RangeNode[];
}

/** Text that rendered inside a `range` body (not blank), with the ranges around it, innermost first. */
export interface LoopText { node: TextNode; ranges: RangeNode[] }

export interface MaskedTemplate {
  /** The template with identical offsets: actions and text that did not render are blanked. */
  text: string;
  /** Actions inside a line of YAML (their span holds `_` placeholders): the scalar around them is templated. */
  inline: PrintedAction[];
  /** Actions alone on their lines that print something (or something unknown): blank in `text`. */
  hidden: PrintedAction[];
  /** What each iteration of each `range` ran and printed. */
  loops: Map<RangeNode, LoopRuns>;
  /** Rendered text inside `range` bodies, sorted by offset. */
  loopText: LoopText[];
}

const PLACEHOLDER = '_';

/**
 * Masks a traced template. Every action is blanked (newlines kept), text that did not render is
 * blanked, and a printing action that shares its line with YAML text gets placeholders so that the
 * scalar around it still parses. Built from slices of the text; each line is looked at once: linear.
 */
export function maskTemplate(template: ParsedTemplate, trace: TraceRecorder): MaskedTemplate {
  const { text } = template;
  const blanks: [number, number][] = template.actions.map((action) => [action.start, action.end]);
  const printing: PrintedAction[] = [];
  const loopText: LoopText[] = [];
  const visit = (nodes: TemplateNode[], ranges: RangeNode[] | undefined) => {
    for (const node of nodes) {
      if (node.kind === 'text') {
        if (!trace.executed.has(node)) blanks.push([node.start, node.end]);
        else if (ranges && text.slice(node.start, node.end).trim() !== '') loopText.push({ node, ranges });
      } else if (node.kind === 'output' || node.kind === 'template') {
        if (trace.executed.has(node) && trace.printed.has(node)) printing.push({ action: node.action, node, value: trace.printed.get(node)!, origins: trace.origins.get(node), variants: trace.variants?.get(node), ranges });
      } else if (node.kind === 'if' || node.kind === 'with') {
        for (const branch of node.branches) visit(branch.body, ranges);
        if (node.elseBody) visit(node.elseBody, ranges);
      } else if (node.kind === 'range') {
        visit(node.body, ranges ? [node, ...ranges] : [node]);
        if (node.elseBody) visit(node.elseBody, ranges);
      }
    }
  };
  visit(template.nodes, undefined);
  // A define renders only where it is included: its text is never part of this file's YAML.
  for (const define of template.defines) visit(define.body, undefined);
  blanks.sort((a, b) => a[0] - b[0]);
  const blanked = paint(text, blanks, ' ');
  const hasContent = lineContent(blanked);
  const inline: PrintedAction[] = [];
  const hidden: PrintedAction[] = [];
  let blocks: ((printed: PrintedAction) => boolean) | undefined;
  const pasted: PrintedAction[] = [];
  for (const printed of printing) {
    const alone = !hasContent(printed.action.start) && !hasContent(printed.action.end);
    const startsLine = !alone && (typeof printed.value === 'string' ? printed.value.startsWith('\n') : endsInNindent(printed));
    if (alone && pastesLine(text, printed)) {
      pasted.push(printed);
      continue;
    }
    if (alone || (startsLine && (blocks ??= opensBlock(blanked))(printed))) {
      if (printed.value !== '') hidden.push(printed);
      continue;
    }
    inline.push(printed);
  }
  inline.sort((a, b) => a.action.start - b.action.start);
  hidden.sort((a, b) => a.action.start - b.action.start);
  // An inline action that prints nothing stays blank: the blank already says so.
  const placeholders = inline.filter((p) => p.value !== '').map((p): [number, number] => [p.action.start, p.action.end]);
  loopText.sort((a, b) => a.node.start - b.node.start);
  return { text: paste(paint(blanked, placeholders, PLACEHOLDER), pasted), inline, hidden, loops: trace.loops ?? new Map(), loopText };
}

/** `… | nindent N`: whatever the value, the output starts on a new line. */
function endsInNindent(printed: PrintedAction): boolean {
  const pipe = printed.node.kind === 'output' ? printed.node.pipe : undefined;
  const last = pipe?.commands[pipe.commands.length - 1]?.args[0];
  return pipe !== undefined && pipe.variables.length === 0 && last?.type === 'function' && last.name === 'nindent';
}

/** One `key: value` line, after its indentation (`namespace: monitoring`). */
const KEY_LINE = /^ *[A-Za-z0-9_.\/-]+:(?: [^\n\r]*)?$/;

/**
 * `{{ include "x.namespace" . | indent 4 }}` alone on its line, printing `    namespace: monitoring`: a known
 * line of YAML that fits in the action's own span is read in its place, as Helm renders it (offsets stay
 * put; an edit inside the action is still never offered). No trim marker may move it to another line.
 */
function pastesLine(text: string, printed: PrintedAction): boolean {
  const { value, action } = printed;
  if (typeof value !== 'string' || value.length > action.end - action.start || value.trim() === '') return false;
  if (text.startsWith('{{-', action.start) || text.startsWith('-}}', action.end - 3)) return false;
  return KEY_LINE.test(value);
}

/** The printed lines of `pastesLine` actions written over their (blanked) spans, padded with spaces. */
function paste(text: string, pasted: PrintedAction[]): string {
  if (pasted.length === 0) return text;
  pasted.sort((a, b) => a.action.start - b.action.start);
  const parts: string[] = [];
  let at = 0;
  for (const { action, value } of pasted) {
    const line = value as string;
    parts.push(text.slice(at, action.start), line, ' '.repeat(action.end - action.start - line.length));
    at = action.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

const NOT_LINE_BREAK = /[^\n\r]/g;

/** The text with each span (sorted, disjoint) filled with `fill`, line breaks kept. */
function paint(text: string, spans: [number, number][], fill: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    const span = text.slice(from, end);
    const oneLine = span.indexOf('\n') === -1 && span.indexOf('\r') === -1;
    parts.push(text.slice(at, from), oneLine ? fill.repeat(span.length) : span.replace(NOT_LINE_BREAK, fill));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * `labels: {{- include "x.labels" . | nindent 4 }}` followed by literal lines of the same mapping: the action
 * prints on lines of its own, after its key, and the text below it continues the key's value. Such an action
 * is true when nothing follows it on its line and the next line with text is indented deeper than its own
 * line: read as a placeholder scalar, that block could never parse. Lines are measured once, on first use.
 */
function opensBlock(text: string): (printed: PrintedAction) => boolean {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  const indents = new Int32Array(starts.length); // spaces before the first text; -1 for a blank line
  for (let line = 0; line < starts.length; line++) {
    const end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
    let i = starts[line];
    while (i < end && text.charCodeAt(i) === 32) i++;
    indents[line] = text.slice(i, end).trim() === '' ? -1 : i - starts[line];
  }
  const nextText = new Int32Array(starts.length + 1).fill(-1); // indentation of the next line with text, from each line on
  for (let line = starts.length - 1; line >= 0; line--) nextText[line] = indents[line] >= 0 ? indents[line] : nextText[line + 1];
  return (printed) => {
    let line = 0;
    for (let high = starts.length - 1; line < high;) {
      const mid = (line + high + 1) >> 1;
      if (starts[mid] <= printed.action.start) line = mid;
      else high = mid - 1;
    }
    const end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
    if (text.slice(printed.action.end, end).trim() !== '') return false;
    return nextText[line + 1] > indents[line];
  };
}

/** Whether the line holding an offset has text other than blanks; each line is scanned at most once. */
function lineContent(text: string): (offset: number) => boolean {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  const known = new Uint8Array(starts.length); // 0 not yet scanned, 1 blank, 2 content
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    if (known[low] === 0) {
      const end = low + 1 < starts.length ? starts[low + 1] - 1 : text.length;
      let content = false;
      for (let i = starts[low]; i < end && !content; i++) {
        const c = text.charCodeAt(i);
        content = c !== 32 && c !== 9 && c !== 13;
      }
      known[low] = content ? 2 : 1;
    }
    return known[low] === 2;
  };
}

/** Index of the first action of `list` (sorted by offset) that starts at or after `start`: a binary search. */
export function firstActionFrom(list: PrintedAction[], start: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid].action.start < start) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The actions of `list` (sorted by offset) that start in [start, end). */
export function actionsStartingWithin(list: PrintedAction[], start: number, end: number): PrintedAction[] {
  const first = firstActionFrom(list, start);
  let stop = first;
  while (stop < list.length && list[stop].action.start < end) stop++;
  return list.slice(first, stop);
}
