import { isMap, isScalar, parse, visit, type Document, type Node, type Pair } from 'yaml';
import type { LoopIteration, LoopRuns } from '../../template/evaluate';
import type { LoopText, PrintedAction } from '../mask-template';
import type { RangeNode } from '../../template/parse-template';
import { isUnknown, UNKNOWN, type Value } from '../../template/template-values';
import { actionsWithin, substituteWithin, type LoopExpander, type Substitution, type TemplatedScalar } from '../templated-scalars';

/** What the expander needs of a masked template. */
export interface LoopSource {
  inline: PrintedAction[];
  hidden: PrintedAction[];
  loops: Map<RangeNode, LoopRuns>;
  loopText: LoopText[];
}

/**
 * Items a `range` body prints whole (`{{- range .Values.subjects }}\n- kind: {{ .kind }}\n  name: …`):
 * one copy of the item per iteration, each evaluated with that iteration's values and placed at the
 * template's own item (so a finding on any copy points at the template line). An iteration whose item
 * holds an unknown, or that did not run every line of the item, keeps the template's item, which then
 * reads as unknown exactly as before (not judged, and said so).
 */
export function loopExpander(doc: Document.Parsed, docStart: number, maskedDoc: string, original: string, source: LoopSource): LoopExpander {
  const ownLines = source.hidden.filter((h) => h.ranges);
  const printsOwnLines = (from = -Infinity, to = Infinity) => {
    const at = firstEndingAfter(ownLines, (h) => h.action.start, from);
    return at < ownLines.length && ownLines[at].action.start < to;
  };
  const expand = (item: Node, out: Substitution): Node[] | undefined => {
    if (!item.range) return undefined;
    const start = docStart + item.range[0];
    const end = docStart + item.range[1];
    const actions = actionsWithin(source.inline, start, end);
    // Output on lines of its own inside the item (`verbs:` then `{{- toYaml .verbs | nindent 4 }}`) becomes that key's value.
    const lineStart = maskedDoc.lastIndexOf('\n', start - docStart - 1) + 1;
    const dash = maskedDoc.lastIndexOf('-', start - docStart - 1);
    if (dash < lineStart) return undefined;
    const hidden: PrintedAction[] = [];
    const textEnd = ownLines.length > 0 ? itemTextEnd(maskedDoc, docStart, dash - lineStart, end) : end;
    for (let i = firstEndingAfter(source.hidden, (h) => h.action.start, start); i < source.hidden.length && source.hidden[i].action.start < textEnd; i++) hidden.push(source.hidden[i]);
    const first = actions[0] ?? hidden[0];
    if (!first) return undefined;
    const loop = enclosingLoop(first, start, end);
    if (!loop || !actions.every((a) => a.ranges?.includes(loop)) || !hidden.every((h) => h.ranges?.includes(loop))) return undefined;
    const runs = source.loops.get(loop);
    // A range run more than once (inside another range) mixes the iterations of every run: not expanded.
    if (!runs || runs.runs !== 1 || runs.iterations.some((i) => i.unknown)) return undefined;
    if (!onlyItemsAround(maskedDoc, docStart, loop, start, end)) return undefined;
    const texts: LoopText[] = [];
    for (let i = firstEndingAfter(source.loopText, (t) => t.node.end - 1, start); i < source.loopText.length && source.loopText[i].node.start < end; i++) {
      if (source.loopText[i].ranges.includes(loop)) texts.push(source.loopText[i]);
    }
    const copies: Node[] = [];
    const perScalar = new Map<string, TemplatedScalar & { iterations: unknown[] }>();
    let someUnknown = false;
    runs.iterations.forEach((iteration, k) => {
      const ran = actions.every((a) => iteration.executed.has(a.node)) && hidden.every((h) => iteration.executed.has(h.node)) && texts.every((t) => iteration.executed.has(t.node));
      const own: Substitution = { templated: [], unknown: [], expanded: out.expanded, consumed: out.consumed };
      let copy: Node | undefined;
      if (ran) {
        copy = item.clone() as Node;
        const values = actions.map((a): PrintedAction => ({ ...a, value: iteration.printed.has(a.node) ? iteration.printed.get(a.node)! : UNKNOWN, variants: knownVariants(iteration.variants.get(a.node)) }));
        copy = substituteWithin(doc, copy, docStart, original, values, own) ?? copy;
      }
      if (!copy || own.unknown.length > 0 || !placeOutput(doc, copy, hidden, iteration, docStart)) someUnknown = true;
      else {
        out.expanded.add(copy);
        copies.push(copy);
      }
      for (const scalar of own.templated) {
        const key = `${scalar.start}:${scalar.end}`;
        const merged = perScalar.get(key) ?? { start: scalar.start, end: scalar.end, actions: actionsWithin(source.inline, scalar.start, scalar.end), iterations: [] };
        merged.iterations[k] = scalar.value;
        perScalar.set(key, merged);
      }
    });
    for (const merged of perScalar.values()) {
      const values = merged.iterations;
      if (values.length === runs.iterations.length && values.every((v) => v !== undefined && JSON.stringify(v) === JSON.stringify(values[0]))) merged.value = values[0];
      out.templated.push(merged);
    }
    for (const printed of hidden) out.consumed.add(printed);
    if (!someUnknown) return copies;
    // The template's own item stands for the iterations that cannot be known: read as unknown, placed first
    // so that what settles unknowns by offset finds it rather than a copy.
    out.unknown.push(firstScalar(item));
    return [item, ...copies];
  };
  return { expand, printsOwnLines: (from, to) => ownLines.length > 0 && printsOwnLines(from, to) };
}

/**
 * Where an item's text ends: its node ends at its last key when that key's value is printed on the lines
 * after it, so the item runs on to the next line indented no deeper than the item's dash.
 */
function itemTextEnd(masked: string, docStart: number, column: number, end: number): number {
  let at = masked.indexOf('\n', end - docStart);
  while (at !== -1) {
    const next = masked.indexOf('\n', at + 1);
    const line = masked.slice(at + 1, next === -1 ? masked.length : next);
    const indent = line.length - line.trimStart().length;
    if (line.trim() !== '' && indent <= column) return docStart + at + 1;
    if (next === -1) break;
    at = next;
  }
  return docStart + masked.length;
}

/**
 * Puts what each line of output printed in this iteration under the key it follows (`verbs:` with no value
 * of its own), placed at the action. False when that cannot be done plainly: the item then stays unknown.
 */
function placeOutput(doc: Document.Parsed, copy: Node, hidden: PrintedAction[], iteration: LoopIteration, docStart: number): boolean {
  for (const printed of hidden) {
    const text = iteration.printed.get(printed.node);
    if (typeof text !== 'string' || !isMap(copy)) return false;
    const at = printed.action.start - docStart;
    let pair: Pair | undefined;
    for (const candidate of copy.items) {
      const key = candidate.key as Node | null;
      if (!key?.range || key.range[0] > at) break;
      pair = candidate;
    }
    const empty = pair && (pair.value === null || (isScalar(pair.value) && pair.value.value === null));
    if (!pair || !empty) return false;
    let value: unknown;
    try {
      value = parse(text, { prettyErrors: false, uniqueKeys: false, logLevel: 'silent' });
    } catch {
      return false;
    }
    if (value === null || value === undefined) return false;
    const range: [number, number, number] = [at, printed.action.end - docStart, printed.action.end - docStart];
    const node = doc.createNode(value) as Node;
    visit(node, { Node(_, inner) { inner.range = [...range]; } });
    node.range = [...range];
    pair.value = node;
  }
  return true;
}

/** The first index whose `at` is at or after `offset`, in a list sorted (and disjoint) by offset: binary search. */
function firstEndingAfter<T>(list: T[], at: (entry: T) => number, offset: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (at(list[mid]) < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The innermost `range` whose body holds the whole item. */
function enclosingLoop(action: PrintedAction, start: number, end: number): RangeNode | undefined {
  return action.ranges?.find((range) => range.action.end <= start && (range.bodyEnd ?? Infinity) >= end);
}

/**
 * Whether the range body prints list items only around this one: every line of it between the range's
 * action and its end, within this document, is blank, another item at the same column, or deeper. A range
 * that prints the list's key or a whole document (`{{- range $ns }}` around `kind: RoleBinding`) is not an item loop.
 */
function onlyItemsAround(masked: string, docStart: number, loop: RangeNode, start: number, end: number): boolean {
  const lineStart = masked.lastIndexOf('\n', start - docStart - 1) + 1;
  const dash = masked.lastIndexOf('-', start - docStart - 1);
  if (dash < lineStart) return false;
  const column = dash - lineStart;
  const from = Math.max(0, loop.action.end - docStart);
  const to = Math.min(masked.length, (loop.bodyEnd ?? masked.length + docStart) - docStart);
  const fits = (a: number, b: number) => {
    for (const line of masked.slice(a, b).split('\n')) {
      const indent = line.length - line.trimStart().length;
      if (line.trim() === '' || indent > column || (indent === column && line[indent] === '-')) continue;
      return false;
    }
    return true;
  };
  return fits(from, lineStart) && fits(end - docStart, to);
}

/** An inner range's values in one iteration, when all are known (then its `- {{ . }}` items expand). */
function knownVariants(values: Value[] | undefined): Value[] | undefined {
  return values && !values.some(isUnknown) ? values : undefined;
}

function firstScalar(item: Node): Node {
  if (isScalar(item)) return item;
  if (isMap(item)) {
    const key = item.items[0]?.key;
    if (isScalar(key)) return key;
  }
  return item;
}
