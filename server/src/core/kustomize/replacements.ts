import { isRelevantKind } from '../model/relevant-kinds';
import { asMap, list, str } from './read-kustomization';
import { allIds, groupOf, selects } from './resource';
import type { Json, JsonMap, ResId, Resource } from './types';

/**
 * kustomize's `replacements`: a value read from one resource (by default its name) written into fields
 * of others, with kustomize's own rules: the source must select exactly one resource ("nothing selected
 * by …" otherwise), a target field must exist unless `create` ("unable to find field … in replacement
 * target"), `delimiter`/`index` take or put one part of a delimited value, `reject` drops targets.
 * Resources are selected by their current or any previous id, as kustomize does. Returns kubectl's
 * error when the build fails.
 */
export function applyReplacement(resources: Resource[], replacement: JsonMap): { refused?: string; unknown?: string } {
  const source = asMap(replacement.source);
  if (!source) return { refused: 'a replacement without source' };
  const matches = resources.filter((r) => selectedBy(r, source));
  if (matches.length === 0) return { refused: `nothing selected by ${describeSelector(source)}` };
  if (matches.length > 1) return { refused: `multiple matches for selector ${describeSelector(source)}` };
  const fieldPath = str(source.fieldPath) ?? 'metadata.name';
  let value = lookup(matches[0].data, fieldPath);
  if (value === undefined) {
    if (carriedWhole(matches[0]) || fieldPath.startsWith('metadata.')) return { refused: `fieldPath \`${fieldPath}\` is missing for replacement source ${describeSelector(source)}` };
    // A kind RBAC does not read is carried without its content: the value is not known here.
    const reachesRbac = list(replacement.targets).some((t) => resources.some((r) => carriedWhole(r) && selectedBy(r, asMap(asMap(t)?.select) ?? {})));
    return reachesRbac ? { unknown: `the value at ${fieldPath} of ${describeSelector(source)} is not read here, and it is written into an object RBAC reads` } : {};
  }
  const sourceOptions = asMap(source.options);
  if (sourceOptions?.delimiter !== undefined && typeof value === 'string') {
    const parts = value.split(str(sourceOptions.delimiter) ?? '');
    const index = Number(sourceOptions.index ?? 0);
    if (index < 0 || index >= parts.length) return { refused: `options.index ${index} is out of bounds for value ${value}` };
    value = parts[index];
  }
  for (const rawTarget of list(replacement.targets)) {
    const target = asMap(rawTarget);
    const select = asMap(target?.select);
    if (!target || !select) return { refused: 'a replacement target without select' };
    const rejects = list(target.reject).map(asMap).filter((m): m is JsonMap => m !== undefined);
    const options = asMap(target.options) ?? {};
    for (const resource of resources) {
      if (!selectedBy(resource, select) || rejects.some((reject) => selectedBy(resource, reject))) continue;
      for (const fieldPath of list(target.fieldPaths).map(str).filter((p): p is string => p !== undefined)) {
        const failed = put(resource.data, fieldPath, value, options);
        // Of a kind RBAC does not read, only the identity is carried: a field of the rest is not there to write.
        if (failed && (carriedWhole(resource) || fieldPath.startsWith('metadata.'))) return { refused: failed };
      }
    }
  }
  return {};
}

/** Whether the build carries all of the resource (kinds RBAC reads) or only its identity. */
function carriedWhole(resource: Resource): boolean {
  const kind = str(resource.data.kind) ?? '';
  return kind !== 'CustomResourceDefinition' && isRelevantKind(kind);
}

/** A resource some of whose ids (current and previous) has every field the selector names. */
function selectedBy(resource: Resource, selector: JsonMap): boolean {
  const labelSelector = str(selector.labelSelector);
  const annotationSelector = str(selector.annotationSelector);
  if ((labelSelector !== undefined || annotationSelector !== undefined) && !selects({ labelSelector, annotationSelector }, resource)) return false;
  return allIds(resource).some((id) => idMatches(id, selector, resource));
}

function idMatches(id: ResId, selector: JsonMap, resource: Resource): boolean {
  const group = str(selector.group);
  const version = str(selector.version);
  const kind = str(selector.kind);
  const name = str(selector.name);
  const namespace = str(selector.namespace);
  if (kind !== undefined && kind !== id.kind) return false;
  if (group !== undefined && group !== id.group) return false;
  if (version !== undefined && version !== versionOf(str(resource.data.apiVersion))) return false;
  if (name !== undefined && name !== id.name) return false;
  if (namespace !== undefined && namespace !== id.namespace) return false;
  return true;
}

function versionOf(apiVersion: string | undefined): string {
  if (!apiVersion) return '';
  return apiVersion.slice(groupOf(apiVersion).length).replace(/^\//, '');
}

function describeSelector(selector: JsonMap): string {
  const kind = str(selector.kind) ?? '[noKind]';
  const version = str(selector.version) ?? '[noVer]';
  const group = str(selector.group) ?? '[noGrp]';
  return `${kind}.${version}.${group}/${str(selector.name) ?? '[noName]'}.${str(selector.namespace) ?? '[noNs]'}`;
}

/** kustomize's field path: `a.b.c`, `list.[key=value].x`, `list.0.x`; `[a.b]` brackets may hold dots. */
function splitFieldPath(path: string): string[] {
  const out: string[] = [];
  let current = '';
  let depth = 0;
  for (const char of path) {
    if (char === '[') depth++;
    if (char === ']') depth = Math.max(0, depth - 1);
    if (char === '.' && depth === 0) {
      out.push(current);
      current = '';
    } else current += char;
  }
  out.push(current);
  return out.filter((p) => p !== '');
}

function lookup(data: Json, path: string): Json | undefined {
  let node: Json | undefined = data;
  for (const part of splitFieldPath(path)) {
    node = child(node, part);
    if (node === undefined) return undefined;
  }
  return node;
}

function child(node: Json | undefined, part: string): Json | undefined {
  if (Array.isArray(node)) {
    const match = /^\[([^=\]]*)=(.*)\]$/.exec(part);
    if (match) return node.find((item) => str(asMap(item)?.[match[1]]) === match[2]);
    return /^\d+$/.test(part) ? node[Number(part)] : undefined;
  }
  return asMap(node)?.[part];
}

function put(data: JsonMap, fieldPath: string, value: Json, options: JsonMap): string | undefined {
  const parts = splitFieldPath(fieldPath);
  const create = options.create === true;
  let node: Json | undefined = data;
  for (let i = 0; i < parts.length - 1; i++) {
    let next = child(node, parts[i]);
    if ((next === undefined || next === null) && create && asMap(node)) {
      next = /^\[/.test(parts[i + 1]) || /^\d+$/.test(parts[i + 1]) ? [] : {};
      asMap(node)![parts[i]] = next;
    }
    if (next === undefined || next === null) return `unable to find field "${fieldPath}" in replacement target`;
    node = next;
  }
  const last = parts[parts.length - 1];
  const container = node;
  const current = child(container, last);
  if (current === undefined && !create) return `unable to find field "${fieldPath}" in replacement target`;
  let written = value;
  if (options.delimiter !== undefined) {
    const delimiter = str(options.delimiter) ?? '';
    const parts = typeof current === 'string' ? current.split(delimiter) : [];
    const index = Number(options.index ?? 0);
    if (index < 0) return `options.index ${index} cannot be negative`;
    if (index >= parts.length) parts.push(String(value));
    else parts[index] = String(value);
    written = parts.join(delimiter);
  }
  if (Array.isArray(container)) {
    const match = /^\[([^=\]]*)=(.*)\]$/.exec(last);
    const index = match ? container.findIndex((item) => str(asMap(item)?.[match[1]]) === match[2]) : Number(last);
    if (index < 0 || !Number.isInteger(index)) return `unable to find field "${fieldPath}" in replacement target`;
    container[index] = structuredClone(written);
    return undefined;
  }
  const map = asMap(container);
  if (!map) return `unable to find field "${fieldPath}" in replacement target`;
  map[last] = structuredClone(written);
  return undefined;
}
