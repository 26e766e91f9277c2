import { asMap, str } from './read-kustomization';
import type { Json, JsonMap } from './types';

/** Applies RFC 6902 operations to `target` in place. Returns the first operation that failed, if any. */
export function applyJsonPatch(target: JsonMap, operations: Json[]): string | undefined {
  for (const raw of operations) {
    const operation = asMap(raw);
    const op = str(operation?.op);
    const path = str(operation?.path);
    if (!operation || !op || path === undefined) return 'an operation without op or path';
    const failed = applyOne(target, op, pointer(path), operation);
    if (failed) return `${op} ${path}: ${failed}`;
  }
  return undefined;
}

function applyOne(target: JsonMap, op: string, path: string[], operation: JsonMap): string | undefined {
  switch (op) {
    case 'add':
      return put(target, path, structuredClone(operation.value ?? null), 'add');
    case 'replace':
      return put(target, path, structuredClone(operation.value ?? null), 'replace');
    case 'remove':
      return remove(target, path);
    case 'copy':
    case 'move': {
      const from = pointer(str(operation.from) ?? '');
      const value = get(target, from);
      if (value === undefined) return 'nothing at from';
      if (op === 'move') remove(target, from);
      return put(target, path, structuredClone(value), 'add');
    }
    case 'test':
      return JSON.stringify(get(target, path)) === JSON.stringify(operation.value) ? undefined : 'test failed';
    default:
      return `unknown op ${op}`;
  }
}

function pointer(path: string): string[] {
  if (path === '') return [];
  return path.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function get(root: Json, path: string[]): Json | undefined {
  let node: Json | undefined = root;
  for (const part of path) {
    if (Array.isArray(node)) node = node[Number(part)];
    else node = asMap(node)?.[part];
    if (node === undefined) return undefined;
  }
  return node;
}

function put(root: JsonMap, path: string[], value: Json, mode: 'add' | 'replace'): string | undefined {
  if (path.length === 0) return 'cannot replace the whole object';
  const parent = get(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(index) || index < 0 || index > parent.length || (mode === 'replace' && index >= parent.length)) return 'index out of range';
    if (mode === 'add') parent.splice(index, 0, value);
    else parent[index] = value;
    return undefined;
  }
  const map = asMap(parent);
  if (!map) return 'no such path';
  if (mode === 'replace' && !(last in map)) return 'no such path';
  map[last] = value;
  return undefined;
}

function remove(root: JsonMap, path: string[]): string | undefined {
  const parent = get(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent)) {
    const index = Number(last);
    if (!Number.isInteger(index) || index < 0 || index >= parent.length) return 'index out of range';
    parent.splice(index, 1);
    return undefined;
  }
  const map = asMap(parent);
  if (!map || !(last in map)) return 'no such path';
  delete map[last];
  return undefined;
}
