import { parseAllDocuments, parseDocument } from 'yaml';
import { isRelevantKind } from '../model/relevant-kinds';
import type { SourceDocument, SourceFile } from '../model/types';
import { asMap, list } from './read-kustomization';
import { idOf } from './resource';
import type { Json, JsonMap, Resource } from './types';

/** Parsed data of documents the model only skimmed, kept while the document object lives (it is reused across edits). */
const parsedData = new WeakMap<SourceDocument, Json | null>();

/** The plain data of one document of a file, or null when it cannot be read. */
export function documentData(file: SourceFile, doc: SourceDocument): Json | null {
  const cached = parsedData.get(doc);
  if (cached !== undefined) return cached;
  let data: Json | null = null;
  const stripped = !doc.yaml && doc.objects.length === 1 && doc.objects[0].kind === 'CustomResourceDefinition';
  if (stripped) {
    // A CRD was parsed without its schemas; kustomize's transformers never look at them.
    data = doc.objects[0].node.toJSON() as Json;
  } else if (doc.skipped !== 'broken' && doc.skipped !== 'template' && doc.skipped !== 'empty') {
    const parsed = doc.yaml ?? parseDocument(file.text.slice(doc.start, doc.end), { uniqueKeys: false });
    data = parsed.errors.length > 0 ? null : ((parsed.toJS({ maxAliasCount: 1000 }) ?? null) as Json | null);
  }
  parsedData.set(doc, data);
  return data;
}

/** The resources a file contributes to a build: one per document, a List's items each on their own. */
export function resourcesOfFile(file: SourceFile): Resource[] {
  const out: Resource[] = [];
  for (const doc of file.documents) {
    const data = asMap(documentData(file, doc));
    if (!data || typeof data.kind !== 'string') continue;
    const isList = data.kind.endsWith('List') && Array.isArray(data.items);
    const items = isList ? list(data.items) : [data];
    const objects = new Map(doc.objects.map((o) => [o.listIndex, o]));
    items.forEach((item, index) => {
      const map = asMap(item);
      if (!map) return;
      const listIndex = isList ? index : undefined;
      const object = objects.get(listIndex);
      out.push(newResource(carried(map), { doc, object, listIndex }));
    });
  }
  return out;
}

/**
 * What a build carries of an object: all of it for the kinds RBAC reads, only its identity and metadata
 * for the others (ConfigMaps, Services, CRDs…): transformers rename and move them, and references follow
 * their names, but nothing else of them is read. Keeps copies between builds small.
 */
function carried(data: JsonMap): JsonMap {
  const kind = typeof data.kind === 'string' ? data.kind : '';
  if (kind !== 'CustomResourceDefinition' && isRelevantKind(kind)) return structuredClone(data);
  const metadata = asMap(data.metadata) ?? {};
  const identity: JsonMap = {};
  for (const key of ['name', 'namespace', 'labels', 'annotations']) if (metadata[key] !== undefined) identity[key] = metadata[key];
  return structuredClone({ apiVersion: data.apiVersion ?? null, kind, metadata: identity });
}

export function newResource(data: JsonMap, origin: Resource['origin']): Resource {
  return { data, origin, original: idOf(data), previous: [], prefixes: [], suffixes: [] };
}

/** Inline YAML text (an inline patch or transformer) as plain documents. */
export function inlineDocuments(text: string): Json[] {
  const out: Json[] = [];
  for (const doc of parseAllDocuments(text, { uniqueKeys: false }) as ReturnType<typeof parseDocument>[]) {
    if (doc.errors.length > 0) continue;
    const data = doc.toJS() as Json | undefined;
    if (data !== undefined && data !== null) out.push(data);
  }
  return out;
}

/** The plain documents of a whole file (patch and transformer files). */
export function fileDocuments(file: SourceFile): Json[] {
  return file.documents.map((doc) => documentData(file, doc)).filter((d): d is Json => d !== null);
}
