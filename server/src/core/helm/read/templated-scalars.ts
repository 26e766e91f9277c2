import { Document, isCollection, isNode, isPair, isScalar, isSeq, parse, visit, type Node, type Scalar, type YAMLSeq } from 'yaml';
import { firstActionFrom, type PrintedAction } from './mask-template';
import { isUnknown } from '../template/template-values';
import { scalarWithoutParser } from '../chart/values-outline';

/** A scalar of a template that holds actions: its offsets in the file and what it renders to. */
export interface TemplatedScalar {
  start: number;
  end: number;
  actions: PrintedAction[];
  /** The rendered value; undefined when unknown (or when it differs per iteration of a range). */
  value?: unknown;
  /** Printed by a `range` whose items were expanded: the value in each iteration (undefined where unknown). */
  iterations?: unknown[];
}

/** What one pass of substitution collects. */
export interface Substitution {
  templated: TemplatedScalar[];
  unknown: Node[];
  /** Nodes already rendered (structured output, range copies): never read again. */
  expanded: Set<Node>;
  /** Lines of output already put into range copies: not settled again as generated text. */
  consumed: Set<PrintedAction>;
}

/**
 * Puts rendered values into a parsed masked document: every scalar whose text holds printing actions
 * gets the value its rendered text reads as (structured output becomes nodes at the scalar's place);
 * scalars whose value cannot be known are returned in `unknown`. `loop` expands an item a `range`
 * prints whole into one item per iteration.
 */
export function substituteScalars(doc: Document.Parsed, docStart: number, original: string, inline: PrintedAction[], loop?: LoopExpander): Substitution {
  const out: Substitution = { templated: [], unknown: [], expanded: new Set(), consumed: new Set() };
  if (inline.length === 0 && !loop?.printsOwnLines) return out;
  const root = substituteWithin(doc, doc.contents, docStart, original, inline, out, loop);
  if (root) doc.contents = root as typeof doc.contents;
  return out;
}

/** Expands one sequence item printed by a `range` body into its iterations' copies; undefined when it cannot. */
export interface LoopExpander {
  expand(item: Node, out: Substitution): Node[] | undefined;
  /** Whether output on lines of its own, inside a range, starts in [start, end) of the file. */
  printsOwnLines(start?: number, end?: number): boolean;
}

/** Substitutes every templated scalar under `top` (see substituteScalars); a replacement for `top` itself, if any. */
export function substituteWithin(doc: Document.Parsed, top: unknown, docStart: number, original: string, inline: PrintedAction[], out: Substitution, loop?: LoopExpander): Node | undefined {
  const { templated, unknown, expanded } = out;
  // `- {{ . }}` inside `range`: one item per value the loop printed, all at the item's place.
  const expandItems = (seq: YAMLSeq) => {
    seq.items = seq.items.flatMap((item) => {
      const values = isScalar(item) ? rangeValues(item, docStart, original, inline) : undefined;
      if (!values || !isScalar(item)) return (loop && isNode(item) && !expanded.has(item) && loop.expand(item, out)) || [item];
      templated.push({ start: docStart + item.range![0], end: docStart + item.range![1], actions: actionsWithin(inline, docStart + item.range![0], docStart + item.range![1]), value: values });
      return values.map((value) => {
        const copy = doc.createNode(value) as Scalar;
        copy.range = [item.range![0], item.range![1], item.range![2]];
        expanded.add(copy);
        return copy;
      });
    });
  };
  /** The scalar's rendered value put in place; a node to put instead of it for structured output. */
  const substitute = (node: Scalar): Node | undefined => {
    if (!node.range || expanded.has(node)) return undefined;
    const start = docStart + node.range[0];
    const end = docStart + node.range[1];
    const actions = actionsWithin(inline, start, end);
    if (actions.length === 0) return undefined;
    const entry: TemplatedScalar = { start, end, actions };
    templated.push(entry);
    const value = renderedValue(node, original, start, end, actions);
    if (value === undefined) {
      unknown.push(node);
      return undefined;
    }
    entry.value = value;
    if (value === null || typeof value !== 'object') {
      node.value = value;
      return undefined;
    }
    // The nodes of structured output are rendered already: they are not read again.
    return structured(doc, value, node.range, expanded);
  };
  // In document order, keys before values; collections holding no action are not entered.
  const walk = (node: unknown): Node | undefined => {
    if (isScalar(node)) return substitute(node);
    if (isPair(node)) {
      const key = walk(node.key);
      if (key) node.key = key;
      const value = walk(node.value);
      if (value) node.value = value;
      return undefined;
    }
    if (!isCollection(node) || expanded.has(node)) return undefined;
    if (node.range && !actionStartsIn(inline, docStart + node.range[0], docStart + node.range[2]) && !loop?.printsOwnLines(docStart + node.range[0], docStart + node.range[2])) return undefined;
    if (isSeq(node)) expandItems(node);
    node.items.forEach((item, i) => {
      const replacement = walk(item);
      if (replacement) node.items[i] = replacement;
    });
    return undefined;
  };
  return walk(top);
}

/** The values of a sequence item whose one varying action printed several values; undefined otherwise. */
function rangeValues(item: Scalar, docStart: number, original: string, inline: PrintedAction[]): unknown[] | undefined {
  if (!item.range) return undefined;
  const start = docStart + item.range[0];
  const end = docStart + item.range[1];
  const actions = actionsWithin(inline, start, end);
  const varying = actions.filter((a) => a.variants);
  if (varying.length !== 1) return undefined;
  const values: unknown[] = [];
  for (const variant of varying[0].variants!) {
    const value = renderedValue(item, original, start, end, actions.map((a) => (a === varying[0] ? { ...a, value: variant } : a)));
    if (value === undefined || (value !== null && typeof value === 'object')) return undefined;
    values.push(value);
  }
  return values;
}

function renderedValue(node: Scalar, original: string, start: number, end: number, actions: PrintedAction[]): unknown {
  if (node.type !== 'PLAIN' && node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE') return undefined;
  let text = '';
  let at = start;
  for (const printed of actions) {
    if (isUnknown(printed.value)) return undefined;
    text += original.slice(at, printed.action.start) + String(printed.value);
    at = printed.action.end;
  }
  text += original.slice(at, end);
  const simple = simpleScalar(node.type, text);
  if (simple !== undefined) return simple;
  try {
    return parse(text, { prettyErrors: false, uniqueKeys: false, logLevel: 'silent' }) as unknown;
  } catch {
    return undefined;
  }
}

const PLAIN_WORD = /^[A-Za-z_][A-Za-z0-9_.\/:@-]*$/;
const YAML_WORDS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL']);

/**
 * Most rendered values need no YAML parser: a plain word, a boolean, a small integer (as values files
 * mostly hold them), or a quoted string without escapes.
 */
function simpleScalar(type: Scalar['type'], text: string): unknown {
  if (type === 'PLAIN') {
    if (PLAIN_WORD.test(text) && !YAML_WORDS.has(text) && !text.endsWith(':')) return text;
    const read = text.trim() === text ? scalarWithoutParser(text) : undefined;
    return read !== null && typeof read === 'object' ? undefined : read;
  }
  const quote = type === 'QUOTE_DOUBLE' ? '"' : "'";
  if (text.length < 2 || text[0] !== quote || text[text.length - 1] !== quote) return undefined;
  const inner = text.slice(1, -1);
  return inner.includes(quote) || inner.includes('\\') || inner.includes('\n') ? undefined : inner;
}

/** A node tree for structured output (`toJson`, `toYaml` inline), every node placed at the scalar. */
function structured(doc: Document.Parsed, value: unknown, range: [number, number, number], rendered: Set<Node>): Node {
  const node = doc.createNode(value) as Node;
  visit(node, { Node(_, inner) { inner.range = [range[0], range[1], range[2]]; rendered.add(inner); } });
  node.range = [range[0], range[1], range[2]];
  return node;
}

/** Whether a printing action starts in [start, end) (binary search over the sorted list). */
function actionStartsIn(inline: PrintedAction[], start: number, end: number): boolean {
  const first = firstActionFrom(inline, start);
  return first < inline.length && inline[first].action.start < end;
}

/** The printing actions inside [start, end), found by binary search over the sorted list. */
export function actionsWithin(inline: PrintedAction[], start: number, end: number): PrintedAction[] {
  const out: PrintedAction[] = [];
  for (let i = firstActionFrom(inline, start); i < inline.length && inline[i].action.end <= end; i++) out.push(inline[i]);
  return out;
}

export { isScalar };
