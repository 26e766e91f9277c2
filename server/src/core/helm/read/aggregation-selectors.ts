import { Document, isMap, isScalar, isSeq, parse, visit, type Node, type YAMLMap } from 'yaml';
import { isUnknown, type Value } from '../template/template-values';

/**
 * An aggregationRule selector that a template prints in part (`matchLabels:` then
 * `{{- include "x.matchLabels" . | nindent 8 }}`) reads, once its actions are blanked, as an empty
 * selector: one that selects every ClusterRole. Known output joins the selector's matchLabels; a
 * selector with output that cannot be read is left out, so the role never gains rules it may not have.
 */

/** The selector of `aggregationRule.clusterRoleSelectors` that holds a document-relative offset: the last one starting before it. */
function selectorAt(root: YAMLMap, offset: number): { list: Node[]; index: number } | undefined {
  const aggregation = root.get('aggregationRule', true);
  const selectors = isMap(aggregation) ? aggregation.get('clusterRoleSelectors', true) : undefined;
  if (!isSeq(selectors)) return undefined;
  let index = -1;
  selectors.items.forEach((item, i) => {
    const start = (item as Node | null)?.range?.[0];
    if (start !== undefined && start <= offset) index = i;
  });
  return index === -1 ? undefined : { list: selectors.items as Node[], index };
}

/** Labels printed as YAML text (`key: value` lines), or undefined when the output is not a map of strings. */
function printedLabels(value: Value): Record<string, string> | undefined {
  if (isUnknown(value) || typeof value !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = parse(value, { prettyErrors: false, uniqueKeys: false, logLevel: 'silent' });
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const entries = Object.entries(parsed as Record<string, unknown>);
  return entries.every(([, v]) => typeof v === 'string') ? Object.fromEntries(entries) as Record<string, string> : undefined;
}

/**
 * Generated text inside a selector (`range`: the action's document-relative offsets): known labels join
 * its matchLabels, placed at the action; otherwise the selector is marked for removal.
 */
export function settleSelectorOutput(root: YAMLMap, range: [number, number], value: Value, unreadable: Set<Node>): void {
  const found = selectorAt(root, range[0]);
  if (!found) return;
  const selector = found.list[found.index];
  const labels = printedLabels(value);
  const written = isMap(selector) ? selector.get('matchLabels', true) : undefined;
  // `matchLabels:` with nothing after it (the output came on the next lines) reads as null.
  const existing = isScalar(written) && written.value === null ? undefined : written;
  if (!labels || !isMap(selector) || (existing !== undefined && !isMap(existing))) {
    unreadable.add(selector);
    return;
  }
  const node = new Document().createNode(labels) as YAMLMap;
  visit(node, { Node(_, inner) { inner.range = [range[0], range[1], range[1]]; } });
  if (isMap(existing)) existing.items.push(...node.items);
  else selector.set('matchLabels', node);
}

/** An unknown scalar inside a selector: the selector cannot be read. */
export function markSelectorUnreadable(root: YAMLMap, offset: number, unreadable: Set<Node>): void {
  const found = selectorAt(root, offset);
  if (found) unreadable.add(found.list[found.index]);
}

/** Removes the unreadable selectors; the document-relative offset of each one removed. */
export function dropUnreadableSelectors(root: YAMLMap, unreadable: Set<Node>): number[] {
  if (unreadable.size === 0) return [];
  const aggregation = root.get('aggregationRule', true);
  const selectors = isMap(aggregation) ? aggregation.get('clusterRoleSelectors', true) : undefined;
  if (!isSeq(selectors)) return [];
  const removed = selectors.items.filter((item) => unreadable.has(item as Node)).map((item) => (item as Node).range?.[0] ?? 0);
  selectors.items = selectors.items.filter((item) => !unreadable.has(item as Node));
  return removed;
}

/**
 * Labels printed on lines of their own under `labels:` (`labels:` then `{{- include "x.labels" . | nindent 4 }}`,
 * kyverno's and many charts' pattern): known output joins metadata.labels, placed at the action, so that
 * aggregationRules select the role by them. False when the output is not a map of strings (its labels are then not known).
 */
export function settleLabelsOutput(root: YAMLMap, range: [number, number], value: Value): boolean {
  const labels = printedLabels(value);
  const metadata = root.get('metadata', true);
  if (!labels || !isMap(metadata)) return false;
  const written = metadata.get('labels', true);
  const existing = isScalar(written) && written.value === null ? undefined : written;
  if (existing !== undefined && !isMap(existing)) return false;
  const node = new Document().createNode(labels) as YAMLMap;
  visit(node, { Node(_, inner) { inner.range = [range[0], range[1], range[1]]; } });
  if (isMap(existing)) existing.items.push(...node.items);
  else metadata.set('labels', node);
  return true;
}
