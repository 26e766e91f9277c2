import { isAlias, isMap, isPair, isSeq, type Alias, type Document, type Node } from 'yaml';
import { BUDGETS } from '../budgets';

/**
 * YAML aliases (`verbs: &read [get, list]` … `verbs: *read`) are valid Kubernetes YAML: kubectl reads
 * the anchored value in place of the alias. The model reads through them by reference, never by
 * copying, and within a budget: an alias whose reading would take the document past ALIAS_BUDGET
 * expanded nodes (an "alias bomb", which kubectl refuses too) reads as absent.
 */
export const ALIAS_BUDGET = BUDGETS.aliases.maxExpandedNodes;

/** Each registered alias's target node. Keyed by the parsed nodes themselves: no state of its own. */
const TARGETS = new WeakMap<Alias, Node>();

/** Resolves the aliases of a parsed document, in one pass in document order. */
export function registerAliases(doc: Document.Parsed): void {
  const anchors = new Map<string, { node: Node; size: number }>();
  let spent = 0;
  /** The expanded size of a node (capped), registering anchors after their content (no self-reference). */
  const walk = (node: unknown): number => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) return 1;
      spent += target.size;
      if (spent <= ALIAS_BUDGET) TARGETS.set(node, target.node);
      return target.size;
    }
    let size = 1;
    if (isMap(node)) {
      for (const pair of node.items) size += (isPair(pair) ? walk(pair.key) + walk(pair.value) : 0);
    } else if (isSeq(node)) {
      for (const item of node.items) size += walk(item);
    }
    size = Math.min(size, ALIAS_BUDGET + 1);
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor) anchors.set(anchor, { node: node as Node, size });
    return size;
  };
  walk(doc.contents);
}

/** The node an alias stands for (itself when not an alias; undefined for an unknown or over-budget alias). */
export function deref(node: unknown): unknown {
  return isAlias(node) ? TARGETS.get(node) : node;
}
