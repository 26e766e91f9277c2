import { asMap } from './read-kustomization';
import type { Json, JsonMap } from './types';

/**
 * Calls `visit(container, key)` for every place a kustomize field spec path (`a/b/c`, lists crossed
 * implicitly, `\/` for a slash inside a key) reaches. With `create`, missing maps on the way and the
 * last key are created (as kustomize's CreateIfNotPresent does).
 */
export function visitFieldPath(data: Json, path: string, visit: (container: JsonMap, key: string) => void, create = false): void {
  walk(data, splitPath(path), visit, create);
}

export function splitPath(path: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '\\' && path[i + 1] === '/') {
      current += '/';
      i++;
    } else if (path[i] === '/') {
      out.push(current);
      current = '';
    } else current += path[i];
  }
  out.push(current);
  return out.filter((part) => part !== '');
}

function walk(node: Json, parts: string[], visit: (container: JsonMap, key: string) => void, create: boolean): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, parts, visit, create);
    return;
  }
  const map = asMap(node);
  if (!map || parts.length === 0) return;
  const [head, ...rest] = parts;
  if (rest.length === 0) {
    if (head in map || create) visit(map, head);
    return;
  }
  if (!(head in map) || map[head] === null) {
    if (!create) return;
    map[head] = {};
  }
  walk(map[head], rest, visit, create);
}
