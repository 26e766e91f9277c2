import { Document, isSeq, parse, visit, YAMLSeq, type Node, type YAMLMap } from 'yaml';
import type { SourceDocument } from '../../model/types';
import { dropUnreadableSelectors, markSelectorUnreadable, settleLabelsOutput, settleSelectorOutput } from './aggregation-selectors';
import type { PrintedAction } from './mask-template';
import { notePrintedList } from './printed-lists';
import { classify, emptyUnknowns, noteUnknown, type Unknowns } from './settle-unknowns';
import { isUnknown } from '../template/template-values';
import type { TemplatedScalar } from './templated-scalars';

// What a template's generated parts cost its object: printed lists join it, unknown values leave out what they touch.

/**
 * Rules or subjects printed on lines of their own from known values (`{{- toYaml .Values.rbac.rules | nindent 2 }}`)
 * join the list as nodes placed at the action, so that they are judged there. Undefined output is not guessed.
 */
function spliceList(root: YAMLMap, key: 'rules' | 'subjects', printed: PrintedAction, doc: SourceDocument): boolean {
  const docStart = doc.start;
  if (typeof printed.value !== 'string') return false;
  let items: unknown;
  try {
    items = parse(printed.value, { prettyErrors: false, uniqueKeys: false, logLevel: 'silent' });
  } catch {
    return false;
  }
  if (!Array.isArray(items) || !items.every((i) => i !== null && typeof i === 'object' && !Array.isArray(i))) return false;
  const range: [number, number, number] = [printed.action.start - docStart, printed.action.end - docStart, printed.action.end - docStart];
  const target = root.get(key, true);
  const list = isSeq(target) ? target : new YAMLSeq();
  // In text order, so that edits computed from neighbouring items stay where they belong.
  let at = list.items.findIndex((item) => ((item as Node | null)?.range?.[0] ?? 0) > range[0]);
  if (at === -1) at = list.items.length;
  const nodes = items.map((item) => {
    const node = new Document().createNode(item) as Node;
    visit(node, { Node(_, inner) { inner.range = [...range]; } });
    node.range = [...range];
    return node;
  });
  list.items.splice(at, 0, ...nodes);
  notePrintedList(doc, key, printed, nodes, items);
  if (!isSeq(target)) {
    list.range = [...range];
    root.set(key, list);
  }
  return true;
}

/** Decides, for every unknown scalar and every line of generated text, what part of the object it costs. */
export function settle(root: YAMLMap, kind: string, unknown: Node[], hidden: PrintedAction[], doc: SourceDocument, causeOf?: (start: number, end: number) => string | undefined): Unknowns {
  const docStart = doc.start;
  const unknowns = emptyUnknowns();
  const unreadableSelectors = new Set<Node>();
  for (const node of unknown) {
    const { path, inItem } = classify(root, node.range![0]);
    if (path[0] === 'aggregationRule') markSelectorUnreadable(root, node.range![0], unreadableSelectors);
    const identity = path[0] === 'metadata' || path[0] === 'roleRef' || path[0] === 'kind' || path[0] === 'apiVersion';
    noteUnknown(unknowns, kind, path, inItem, identity ? causeOf?.(docStart + node.range![0], docStart + node.range![1]) : undefined);
    (node as { value?: unknown }).value = null;
  }
  for (const printed of hidden) {
    const { path, inItem } = classify(root, printed.action.start - docStart);
    if (path[0] === 'aggregationRule') {
      settleSelectorOutput(root, [printed.action.start - docStart, printed.action.end - docStart], printed.value, unreadableSelectors);
      continue;
    }
    // Generated text in metadata (labels, annotations) does not change what RBAC means here; a name or
    // namespace printed straight into metadata where it cannot be read does.
    // Known labels printed under `labels:` are read as labels (an aggregationRule selects by them).
    if (path[0] === 'metadata' && path[1] === 'labels' && path.length === 2 && !isUnknown(printed.value)) {
      if (!settleLabelsOutput(root, [printed.action.start - docStart, printed.action.end - docStart], printed.value)) noteUnknown(unknowns, kind, path, false);
      continue;
    }
    if (path[0] === 'metadata' && !isUnknown(printed.value)) {
      // The path is that of the last key before the action: text after `name:` or `namespace:` lands in metadata itself.
      const inMetadata = path.length === 1 || (path.length === 2 && (path[1] === 'name' || path[1] === 'namespace'));
      const placed = inMetadata ? printedPlacement(printed.value) : undefined;
      if (placed) noteUnknown(unknowns, kind, ['metadata', placed], false);
      continue;
    }
    if ((path[0] === 'rules' || path[0] === 'subjects') && (path.length === 1 || !inItem) && spliceList(root, path[0], printed, doc)) continue;
    const identity = path[0] === 'metadata' || path[0] === 'roleRef' || path[0] === 'kind' || path[0] === 'apiVersion';
    noteUnknown(unknowns, kind, path, inItem, identity ? causeOf?.(printed.action.start, printed.action.end) : undefined);
  }
  unknowns.selectorsDropped = dropUnreadableSelectors(root, unreadableSelectors);
  return unknowns;
}

/** `rules: {{ toYaml .Values.rules | nindent 2 }}`: a list that one inline action printed whole. */
export function notePrintedInline(doc: SourceDocument, root: YAMLMap, templated: TemplatedScalar[]): void {
  for (const key of ['rules', 'subjects'] as const) {
    const list = root.get(key, true);
    if (!isSeq(list) || !list.range || templated.length === 0) continue;
    const at = doc.start + list.range[0];
    const scalar = templated.find((t) => t.start === at);
    if (scalar?.actions.length === 1 && Array.isArray(scalar.value)) notePrintedList(doc, key, scalar.actions[0], list.items as Node[], scalar.value);
  }
}

/** `name` or `namespace`, when printed text sets one of them (a line `namespace: x` of its own). */
function printedPlacement(value: unknown): 'name' | 'namespace' | undefined {
  if (typeof value !== 'string') return undefined;
  for (const line of value.split('\n')) {
    const key = line.trimStart().split(':', 1)[0];
    if (key === 'name' || key === 'namespace') return key;
  }
  return undefined;
}
