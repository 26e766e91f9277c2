import { isMap, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import { registerAliases } from './yaml-aliases';
import { mapAt, mapItems, seqAt } from './yaml-nodes';
import type { K8sObject, SourceDocument, WorkloadObject } from './types';
import { POD_SPEC_PATH } from './extract-objects';

/**
 * A parsed YAML tree costs about thirty times its text. Files nobody has open need their objects'
 * data (kept) and positions only when a finding, hover or edit points into them: their trees are
 * released and parsed again, from the same text, on first use. `doc.yaml`, `object.node` and a
 * workload's `podSpecNode` read the same either way.
 */

/** The text a plain document was parsed from (the whole file's; the document is `start`..`end`). */
const sources = new WeakMap<SourceDocument, string>();
/** The tree of a document whose tree can be released, while it is held. */
const trees = new WeakMap<SourceDocument, Document.Parsed>();
const releasable = new WeakSet<SourceDocument>();

export const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false } as const;

/** Notes the text a document's tree comes from (its file's, as it is now). */
export function noteSource(doc: SourceDocument, fileText: string): void {
  sources.set(doc, fileText);
}

/**
 * Releases a document's tree when it can be parsed again to the same nodes: a plain document of a
 * plain file whose objects no kustomize build rewrites. True when released (or already released).
 */
export function releaseTree(doc: SourceDocument, onParsedAgain: (doc: SourceDocument) => void): boolean {
  if (releasable.has(doc)) {
    trees.delete(doc);
    return true;
  }
  if (!sources.has(doc) || !doc.yaml || !isMap(doc.yaml.contents)) return false;
  if (doc.objects.some((object) => object.kustomize || object.kind === 'Kustomization' || object.kind === 'CustomResourceDefinition')) return false;
  const text = sources.get(doc)!;
  for (const object of doc.objects) anchors.set(object, anchorsOf(object, text));
  releasable.add(doc);
  Object.defineProperty(doc, 'yaml', {
    configurable: true,
    enumerable: true,
    get: () => {
      let tree = trees.get(doc);
      if (!tree) {
        tree = parseDocument(sources.get(doc)!.slice(doc.start, doc.end), PARSE_OPTIONS);
        registerAliases(tree);
        trees.set(doc, tree);
        onParsedAgain(doc);
      }
      return tree;
    },
    set: (tree: Document.Parsed | undefined) => {
      if (tree) trees.set(doc, tree);
      else trees.delete(doc);
    },
  });
  for (const object of doc.objects) {
    derived(object, 'node', () => objectNode(object));
    if (isWorkload(object)) derived(object, 'podSpecNode', () => podSpecNode(object));
  }
  return true;
}

/**
 * Where a released object starts (its first key, as objectRange says) and where its rules start,
 * relative to its document: what the policy's origins need, without parsing the document again.
 */
const anchors = new WeakMap<K8sObject, { first: [number, number]; rules?: number[] }>();

export function releasedAnchors(object: K8sObject): { first: [number, number]; rules?: number[] } | undefined {
  return anchors.get(object);
}

function anchorsOf(object: K8sObject, text: string): { first: [number, number]; rules?: number[] } {
  const node = object.node;
  const first = (node.items[0]?.key as Node | undefined) ?? node;
  const { start } = object.doc;
  let anchor: [number, number] = [0, 0];
  if (first?.range) {
    let end = first.range[1];
    while (end > first.range[0] && /\s/.test(text.charAt(start + end - 1))) end--;
    anchor = [first.range[0], end];
  }
  const rules = object.kind === 'Role' || object.kind === 'ClusterRole' ? mapItems(seqAt(node, 'rules')).map((rule) => rule.range?.[0] ?? 0) : undefined;
  return { first: anchor, rules };
}

/** A property read from the tree on each use; a value assigned to it stays as written. */
function derived(object: K8sObject, key: 'node' | 'podSpecNode', read: () => unknown): void {
  Object.defineProperty(object, key, {
    configurable: true,
    enumerable: true,
    get: read,
    set: (value: unknown) => Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true }),
  });
}

/** Whether a document was parsed with positions (its tree held, or released): parses nothing again. */
export function positioned(doc: SourceDocument): boolean {
  return releasable.has(doc) || doc.yaml !== undefined;
}

/** Whether a document's tree is a mapping (every released one's is): parses nothing again. */
export function mappingDocument(doc: SourceDocument): boolean {
  return releasable.has(doc) || (doc.yaml !== undefined && isMap(doc.yaml.contents));
}

/** Whether a document's tree is held (not released). */
export function treeHeld(doc: SourceDocument): boolean {
  return !releasable.has(doc) || trees.has(doc);
}

/** The object's mapping in its document's tree, as extractObjects found it. */
function objectNode(object: K8sObject): YAMLMap {
  const root = object.doc.yaml!.contents as YAMLMap;
  return object.listIndex === undefined ? root : mapItems(seqAt(root, 'items'))[object.listIndex];
}

function podSpecNode(workload: WorkloadObject): YAMLMap | undefined {
  const spec = mapAt(objectNode(workload), ...POD_SPEC_PATH[workload.kind]);
  return isMap(spec) ? spec : undefined;
}

function isWorkload(object: K8sObject): object is WorkloadObject {
  return Object.prototype.hasOwnProperty.call(object, 'podSpecNode');
}
