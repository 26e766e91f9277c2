import { isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, type Node } from 'yaml';
import { POD_SPEC_PATH } from '../model/extract-objects';
import type { K8sObject, KustomizationObject, SourceDocument, SourceFile, WorkloadKind } from '../model/types';
import { mapAt, scalarString, valueNode } from '../model/yaml-nodes';
import { normalise } from './paths';
import { inlineDocument, parsedDocument } from './patch-origins';
import { isInlineYaml } from './read-patches';
import { allIds } from './resource';
import type { Resource } from './types';

/**
 * Where a patch wrote a field a build emits: the patch's document and a mapping holding the field's key
 * (the patch's own mapping, or one made around a JSON 6902 operation's value), so checks point at and
 * fix the patch's line instead of the base's.
 */
export interface PatchedField {
  doc: SourceDocument;
  /** For `serviceAccountName`: a mapping with that key (the pod spec, as written in the patch). For `roleRef`: the roleRef mapping. */
  map: YAMLMap;
}

export type PatchedFieldName = 'serviceAccountName' | 'roleRef';

const positions = new WeakMap<K8sObject, Map<PatchedFieldName, PatchedField>>();
/** Per built subject index, the subject's mapping in the patch that wrote it. */
const subjectPositions = new WeakMap<K8sObject, Map<number, PatchedField>>();

/** Where a patch wrote the object's built field, when a patch changed it; undefined when the object's own file says it. */
export function patchedField(object: K8sObject, field: PatchedFieldName): PatchedField | undefined {
  return positions.get(object)?.get(field);
}

/** Where patches wrote a binding's built subjects, by index; empty when none did. */
export function patchedSubjects(object: K8sObject): ReadonlyMap<number, PatchedField> {
  return subjectPositions.get(object) ?? NONE;
}

const NONE: ReadonlyMap<number, PatchedField> = new Map();

export function forgetPatchedFields(object: K8sObject): void {
  positions.delete(object);
  subjectPositions.delete(object);
}

interface Sources {
  files: Map<string, SourceFile>;
  kustomizations: Map<string, KustomizationObject>;
}

/**
 * Finds, for each field a patch changed (the built value differs from the written one), the last patch
 * that wrote it among those applied to the resource: a strategic merge document of the object, or a
 * JSON 6902 `add`/`replace` of that path, in a patch file or inline in a kustomization.
 */
export function positionPatchedFields(object: K8sObject, built: K8sObject, resource: Resource, sources: Sources): void {
  const changed: PatchedFieldName[] = [];
  const written = object as unknown as Partial<Record<string, unknown>>;
  const made = built as unknown as Partial<Record<string, unknown>>;
  if ('serviceAccountName' in made && made.serviceAccountName !== undefined && made.serviceAccountName !== written.serviceAccountName) changed.push('serviceAccountName');
  if ('roleRef' in made && JSON.stringify(made.roleRef) !== JSON.stringify(written.roleRef)) changed.push('roleRef');
  if ('subjects' in made && Array.isArray(made.subjects) && JSON.stringify(made.subjects) !== JSON.stringify(written.subjects) && resource.patchedIn) {
    positionSubjects(object, made.subjects as { kind?: string; name?: string }[], resource, sources);
  }
  if (changed.length === 0 || !resource.patchedIn) return;
  const found = new Map<PatchedFieldName, PatchedField>();
  for (const from of [...resource.patchedIn].reverse()) {
    if (from === '*') break;
    for (const doc of [...patchDocuments(from, resource, sources)].reverse()) {
      for (const field of changed) if (!found.has(field)) {
        const at = fieldIn(doc, field, object.kind, resource);
        if (at) found.set(field, at);
      }
    }
    if (found.size === changed.length) break;
  }
  if (found.size > 0) positions.set(object, found);
}

/** The documents a patch source holds: a patch file's, or the inline patches of a kustomization that target the resource. */
function patchDocuments(from: string, resource: Resource, sources: Sources): SourceDocument[] {
  const file = sources.files.get(from);
  if (!file) return [];
  const kustomization = sources.kustomizations.get(from);
  if (!kustomization) {
    return file.documents.map((doc) => (doc.yaml ? doc : parsedDocument(file, doc))).filter((d): d is SourceDocument => d !== undefined);
  }
  if (!kustomization.doc.yaml) return [];
  const out: SourceDocument[] = [];
  for (const key of ['patchesStrategicMerge', 'patches', 'patchesJson6902']) {
    const seq = kustomization.node.get(key, true);
    if (!isSeq(seq)) continue;
    for (const item of seq.items) {
      const text = isMap(item) ? item.get('patch', true) : key === 'patchesStrategicMerge' ? item : undefined;
      if (!isScalar(text) || typeof text.value !== 'string' || (key === 'patchesStrategicMerge' && !isInlineYaml(text.value))) continue;
      if (isMap(item) && !targets(item.get('target', true), resource)) continue;
      const doc = inlineDocument(file, kustomization.doc, text);
      if (doc) out.push(doc);
    }
  }
  return out;
}

/** A patch entry's target names the resource (by kind and plain name; a pattern is taken to match). */
function targets(target: unknown, resource: Resource): boolean {
  if (!isMap(target)) return true;
  const kind = target.get('kind');
  const name = target.get('name');
  const ids = allIds(resource);
  if (typeof kind === 'string' && !ids.some((id) => id.kind === kind)) return false;
  if (typeof name === 'string' && !/[\\^$.*+?()[\]{}|]/.test(name) && !ids.some((id) => id.name === name)) return false;
  return true;
}

function fieldIn(doc: SourceDocument, field: PatchedFieldName, kind: string, resource: Resource): PatchedField | undefined {
  const contents = doc.yaml?.contents;
  const podSpec = POD_SPEC_PATH[kind as WorkloadKind];
  if (isMap(contents)) {
    // A strategic merge document: of the object (by kind and any name it has had), holding the field.
    const ids = allIds(resource);
    const name = scalarString(valueNode(mapAt(contents, 'metadata'), 'name'));
    if (scalarString(valueNode(contents, 'kind')) !== kind || (typeof name === 'string' && !ids.some((id) => id.name === name))) return undefined;
    if (field === 'serviceAccountName' && podSpec) {
      const spec = mapAt(contents, ...podSpec);
      return spec && isScalar(valueNode(spec, 'serviceAccountName')) ? { doc, map: spec } : undefined;
    }
    const roleRef = mapAt(contents, 'roleRef');
    return roleRef && isScalar(valueNode(roleRef, 'name')) ? { doc, map: roleRef } : undefined;
  }
  if (!isSeq(contents)) return undefined;
  // JSON 6902 operations: the last add or replace of the field (or of the mapping holding it) wins.
  for (const operation of [...contents.items].reverse()) {
    if (!isMap(operation)) continue;
    const op = scalarString(valueNode(operation, 'op'));
    const path = scalarString(valueNode(operation, 'path'));
    const value = operation.get('value', true) as Node | undefined;
    if ((op !== 'add' && op !== 'replace') || typeof path !== 'string' || !value) continue;
    if (field === 'serviceAccountName' && podSpec) {
      const specPath = `/${podSpec.join('/')}`;
      if (path === `${specPath}/serviceAccountName` && isScalar(value)) return { doc, map: holding('serviceAccountName', value) };
      if (path === specPath && isMap(value) && isScalar(valueNode(value, 'serviceAccountName'))) return { doc, map: value };
    }
    if (field === 'roleRef') {
      if (path === '/roleRef/name' && isScalar(value)) return { doc, map: holding('name', value) };
      if (path === '/roleRef' && isMap(value) && isScalar(valueNode(value, 'name'))) return { doc, map: value };
    }
  }
  return undefined;
}

/**
 * The subjects patches wrote, from the last patch back: a whole list (a strategic merge document's
 * `subjects`, RBAC's atomic list, or a JSON 6902 value of `/subjects`) places every subject not placed
 * yet and ends the search; `/subjects/N` places one; `/subjects/-` the last built subject of that kind and name.
 */
function positionSubjects(object: K8sObject, built: { kind?: string; name?: string }[], resource: Resource, sources: Sources): void {
  const found = new Map<number, PatchedField>();
  const place = (index: number, doc: SourceDocument, node: unknown) => {
    if (!isMap(node) || found.has(index) || index < 0 || index >= built.length) return;
    if (scalarString(valueNode(node, 'kind')) !== built[index].kind) return;
    found.set(index, { doc, map: node });
  };
  search: for (const from of [...(resource.patchedIn ?? [])].reverse()) {
    if (from === '*') break;
    for (const doc of [...patchDocuments(from, resource, sources)].reverse()) {
      const contents = doc.yaml?.contents;
      if (isMap(contents)) {
        const ids = allIds(resource);
        const name = scalarString(valueNode(mapAt(contents, 'metadata'), 'name'));
        if (scalarString(valueNode(contents, 'kind')) !== object.kind || (name !== undefined && !ids.some((id) => id.name === name))) continue;
        const list = contents.get('subjects', true);
        if (!isSeq(list)) continue;
        list.items.forEach((item, i) => place(i, doc, item));
        break search;
      }
      if (!isSeq(contents)) continue;
      for (const operation of [...contents.items].reverse()) {
        if (!isMap(operation)) continue;
        const op = scalarString(valueNode(operation, 'op'));
        const path = scalarString(valueNode(operation, 'path'));
        const value = operation.get('value', true) as Node | undefined;
        if ((op !== 'add' && op !== 'replace') || !path || !value) continue;
        if (path === '/subjects' && isSeq(value)) {
          value.items.forEach((item, i) => place(i, doc, item));
          break search;
        }
        const index = /^\/subjects\/(\d+|-)$/.exec(path)?.[1];
        if (index === undefined || !isMap(value)) continue;
        if (index !== '-') place(Number(index), doc, value);
        else {
          const kind = scalarString(valueNode(value, 'kind'));
          const name = scalarString(valueNode(value, 'name'));
          for (let i = built.length - 1; i >= 0; i--) {
            if (found.has(i) || built[i].kind !== kind || (built[i].name !== name && !built[i].name?.endsWith(`${name}`))) continue;
            place(i, doc, value);
            break;
          }
        }
      }
    }
  }
  if (found.size > 0) subjectPositions.set(object, found);
}

/** A mapping made around an operation's value, so the value is found under its field's key. */
function holding(key: string, value: Node): YAMLMap {
  const map = new YAMLMap();
  map.items.push(new Pair(new Scalar(key), value));
  return map;
}

export function patchSourcesOf(files: Iterable<SourceFile>, kustomizations: KustomizationObject[]): Sources {
  return {
    files: new Map([...files].map((f) => [normalise(f.path), f])),
    kustomizations: new Map(kustomizations.map((k) => [normalise(k.doc.file), k])),
  };
}
