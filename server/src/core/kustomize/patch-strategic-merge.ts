import { asMap } from './read-kustomization';
import type { Json, JsonMap } from './types';

/**
 * Lists Kubernetes merges item by item (patchMergeKey), by the key that identifies an item. Every other
 * list, RBAC's `rules` and `subjects` among them, is replaced whole by the patch's list.
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  imagePullSecrets: 'name',
  ports: 'containerPort',
  webhooks: 'name',
};

/** Merges a strategic merge patch into `target` in place (`null` deletes, `$patch: replace|delete` honoured). */
export function strategicMerge(target: JsonMap, patch: JsonMap): void {
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    if (value === null) {
      delete target[key];
      continue;
    }
    const patchMap = asMap(value);
    const current = target[key];
    if (patchMap) {
      if (patchMap.$patch === 'delete') delete target[key];
      else if (patchMap.$patch === 'replace' || !asMap(current)) target[key] = withoutDirectives(patchMap);
      else strategicMerge(current as JsonMap, patchMap);
    } else if (Array.isArray(value) && Array.isArray(current) && MERGE_KEYS[key]) {
      target[key] = mergeList(current, value, MERGE_KEYS[key]);
    } else {
      target[key] = withoutDirectives(value);
    }
  }
}

function mergeList(current: Json[], patch: Json[], mergeKey: string): Json[] {
  const out = [...current];
  for (const item of patch) {
    const map = asMap(item);
    const key = map?.[mergeKey];
    const index = map && key !== undefined ? out.findIndex((c) => asMap(c)?.[mergeKey] === key) : -1;
    if (map?.$patch === 'delete') {
      if (index !== -1) out.splice(index, 1);
    } else if (index !== -1) {
      const merged = structuredClone(out[index]) as JsonMap;
      strategicMerge(merged, map!);
      out[index] = merged;
    } else out.push(withoutDirectives(item));
  }
  return out;
}

function withoutDirectives(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutDirectives);
  const map = asMap(value);
  if (!map) return value;
  const out: JsonMap = {};
  for (const [key, v] of Object.entries(map)) if (!key.startsWith('$')) out[key] = withoutDirectives(v);
  return out;
}
