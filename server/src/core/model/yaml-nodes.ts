import { isMap, isScalar, isSeq, type Node, type YAMLMap, type YAMLSeq, type Pair } from 'yaml';
import { deref } from './yaml-aliases';

/**
 * Small, tolerant readers over `yaml` nodes: a wrong shape reads as "absent", never throws. Aliases
 * read as the node they stand for (see yaml-aliases).
 */

export function pairOf(map: YAMLMap | undefined, key: string): Pair | undefined {
  if (!map) return undefined;
  for (const item of map.items) {
    const itemKey = item.key;
    if (isScalar(itemKey) ? itemKey.value === key : itemKey === key) return item as Pair;
  }
  return undefined;
}

export function valueNode(map: YAMLMap | undefined, key: string): Node | undefined {
  const value = deref(pairOf(map, key)?.value);
  return value && typeof value === 'object' ? (value as Node) : undefined;
}

export function mapAt(map: YAMLMap | undefined, ...path: string[]): YAMLMap | undefined {
  let current: YAMLMap | undefined = map;
  for (const key of path) {
    const next = valueNode(current, key);
    current = isMap(next) ? next : undefined;
  }
  return current;
}

export function seqAt(map: YAMLMap | undefined, key: string): YAMLSeq | undefined {
  const node = valueNode(map, key);
  return isSeq(node) ? node : undefined;
}

/** A scalar read as a string (numbers and booleans keep their source text). */
export function stringAt(map: YAMLMap | undefined, key: string): string | undefined {
  const node = valueNode(map, key);
  return scalarString(node);
}

export function scalarString(aliased: unknown): string | undefined {
  const node = deref(aliased);
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return node.source ?? String(value);
  return undefined;
}

export function booleanAt(map: YAMLMap | undefined, key: string): boolean | undefined {
  const node = valueNode(map, key);
  return isScalar(node) && typeof node.value === 'boolean' ? node.value : undefined;
}

/** A sequence of scalars as strings; non-scalar items are dropped. Undefined when absent or not a list. */
export function stringListAt(map: YAMLMap | undefined, key: string): string[] | undefined {
  const seq = seqAt(map, key);
  if (!seq) return undefined;
  const out: string[] = [];
  for (const item of seq.items) {
    const text = scalarString(item);
    if (text !== undefined) out.push(text);
  }
  return out;
}

export function stringMapAt(map: YAMLMap | undefined, key: string): Record<string, string> {
  const out: Record<string, string> = {};
  const target = mapAt(map, key);
  if (!target) return out;
  for (const item of target.items) {
    const k = scalarString(item.key);
    const v = scalarString(item.value);
    if (k !== undefined) out[k] = v ?? '';
  }
  return out;
}

export function mapItems(seq: YAMLSeq | undefined): YAMLMap[] {
  return seq ? seq.items.map(deref).filter((item): item is YAMLMap => isMap(item)) : [];
}
