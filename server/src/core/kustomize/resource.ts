import builtinResources from '../data/api-resources.json';
import { asMap, str } from './read-kustomization';
import type { Json, JsonMap, ResId, Resource, Selector } from './types';

const CLUSTER_SCOPED = new Set(
  (builtinResources as { group: string; kind: string; namespaced: boolean }[])
    .filter((r) => !r.namespaced)
    .map((r) => `${r.group}/${r.kind}`),
);

export function groupOf(apiVersion: string | undefined): string {
  if (!apiVersion) return '';
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** kustomize asks the built-in API schema; kinds it does not know (custom resources) count as namespaced. */
export function isClusterScoped(group: string, kind: string): boolean {
  return CLUSTER_SCOPED.has(`${group}/${kind}`);
}

export function currentId(resource: Resource): ResId {
  return idOf(resource.data);
}

export function idOf(data: JsonMap): ResId {
  const metadata = asMap(data.metadata);
  return {
    group: groupOf(str(data.apiVersion)),
    kind: str(data.kind) ?? '',
    name: str(metadata?.name) ?? '',
    namespace: str(metadata?.namespace) ?? '',
  };
}

export function metadataOf(data: JsonMap): JsonMap {
  let metadata = asMap(data.metadata);
  if (!metadata) {
    metadata = {};
    data.metadata = metadata;
  }
  return metadata;
}

/** kustomize's StorePreviousId: remember the id before a transformer changes it. */
export function rememberId(resource: Resource): void {
  const id = currentId(resource);
  if (!resource.previous.some((p) => sameId(p, id))) resource.previous.push(id);
}

export function sameId(a: ResId, b: ResId): boolean {
  return a.group === b.group && a.kind === b.kind && a.name === b.name && effectiveNamespace(a) === effectiveNamespace(b);
}

/** kustomize treats no namespace and `default` as the same one. */
export function effectiveNamespace(id: ResId): string {
  return id.namespace === '' ? 'default' : id.namespace;
}

/** Every id a resource is known by: its current one and all previous ones. */
export function allIds(resource: Resource): ResId[] {
  return [currentId(resource), resource.original, ...resource.previous];
}

export function cloneResource(resource: Resource): Resource {
  return {
    data: cloneJson(resource.data) as JsonMap,
    origin: resource.origin,
    original: resource.original,
    previous: [...resource.previous],
    prefixes: [...resource.prefixes],
    suffixes: [...resource.suffixes],
    ...(resource.patchedIn ? { patchedIn: [...resource.patchedIn] } : {}),
  };
}

/** kustomize's ResMap.Select: the original or the current id must match each given part. */
export function selects(selector: Selector, resource: Resource): boolean {
  const ids = [resource.original, currentId(resource)];
  if (selector.kind !== undefined && !ids.some((id) => id.kind === selector.kind)) return false;
  if (selector.group !== undefined && !ids.some((id) => id.group === selector.group)) return false;
  if (selector.name !== undefined && !ids.some((id) => anchoredMatch(selector.name!, id.name))) return false;
  if (selector.namespace !== undefined && !ids.some((id) => anchoredMatch(selector.namespace!, effectiveNamespace(id)))) return false;
  if (selector.labelSelector !== undefined && !matchesLabels(selector.labelSelector, asMap(asMap(resource.data.metadata)?.labels))) return false;
  if (selector.annotationSelector !== undefined && !matchesLabels(selector.annotationSelector, asMap(asMap(resource.data.metadata)?.annotations))) return false;
  return true;
}

/** Selector names are regular expressions matched whole; a plain name is compared as text. */
function anchoredMatch(pattern: string, value: string): boolean {
  if (!/[\\^$.*+?()[\]{}|]/.test(pattern)) return pattern === value;
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return false;
  }
}

/** Equality-based label selectors (`a=b,c!=d,e`): the forms kustomize targets use. */
function matchesLabels(selector: string, labels: JsonMap | undefined): boolean {
  for (const term of selector.split(',').map((t) => t.trim()).filter(Boolean)) {
    const notEqual = term.indexOf('!=');
    const equal = term.indexOf('=');
    if (notEqual !== -1) {
      if (str(labels?.[term.slice(0, notEqual).trim()]) === term.slice(notEqual + 2).trim()) return false;
    } else if (equal !== -1) {
      const key = term.slice(0, equal).trim();
      const value = term.slice(term[equal + 1] === '=' ? equal + 2 : equal + 1).trim();
      if (str(labels?.[key]) !== value) return false;
    } else if (labels?.[term] === undefined) return false;
  }
  return true;
}

export function isJsonMap(value: Json | undefined): value is JsonMap {
  return asMap(value) !== undefined;
}

/** A deep copy of plain YAML data (several times faster than structuredClone, which builds copies between builds). */
export function cloneJson(value: Json): Json {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneJson);
  const out: JsonMap = {};
  for (const key of Object.keys(value)) {
    const copy = cloneJson(value[key]);
    // A key named __proto__ is data, never the copy's prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
    else out[key] = copy;
  }
  return out;
}
