import { isMap, isSeq, type Node } from 'yaml';

/** A step into a YAML tree: a key of a mapping or an index of a sequence. */
export type PathStep = string | number;

/**
 * The path of keys and indexes that leads to a document-relative offset: in a mapping, the last pair
 * whose key starts at or before the offset (so text after `labels:` belongs to `labels`); in a
 * sequence, the item whose range holds it. Stops where the offset is not inside a known item.
 */
export function pathAt(root: Node, offset: number): { path: PathStep[]; inItem: boolean } {
  const path: PathStep[] = [];
  let node: unknown = root;
  let inItem = true;
  for (let depth = 0; depth < 100; depth++) {
    if (isMap(node)) {
      let chosen: { key: unknown; value: unknown } | undefined;
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const start = key && typeof key === 'object' && key.range ? key.range[0] : undefined;
        if (start === undefined || start > offset) break;
        chosen = pair;
      }
      if (!chosen) return { path, inItem };
      const key = chosen.key as { value?: unknown } | null;
      path.push(String(key && typeof key === 'object' ? key.value : key));
      node = chosen.value;
      inItem = true;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => {
        const range = (item as Node | null)?.range;
        return range !== undefined && range !== null && range[0] <= offset && offset < range[1];
      });
      if (index === -1) return { path, inItem: false };
      path.push(index);
      node = node.items[index];
    } else {
      return { path, inItem };
    }
  }
  return { path, inItem };
}
