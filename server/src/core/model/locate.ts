import type { Node } from 'yaml';
import { offsetsToRange } from './positions';
import type { K8sObject, Location, Range, SourceDocument, SourceFile } from './types';
import { positioned, releasedAnchors } from './syntax-trees';

/** The source range of a node of a document (nodes hold document-relative offsets). */
export function nodeRange(file: SourceFile, doc: SourceDocument, node: Node | null | undefined): Range {
  if (!node?.range || !positioned(doc)) return offsetsToRange(file.lineStarts, doc.start, doc.start);
  const [start, valueEnd] = node.range;
  let end = doc.start + valueEnd;
  while (end > doc.start + start && /\s/.test(file.text[end - 1])) end--;
  return offsetsToRange(file.lineStarts, doc.start + start, end);
}

/** Where an object starts: its first key, which is what a user recognises as "the object". */
export function objectRange(file: SourceFile, object: K8sObject): Range {
  const anchors = releasedAnchors(object);
  if (anchors) return offsetsToRange(file.lineStarts, object.doc.start + anchors.first[0], object.doc.start + anchors.first[1]);
  const first = object.node.items[0]?.key as Node | undefined;
  const range = nodeRange(file, object.doc, first ?? object.node);
  return positioned(object.doc) ? range : offsetsToRange(file.lineStarts, object.doc.start, object.doc.start);
}

export function objectLocation(file: SourceFile, object: K8sObject): Location {
  return { file: file.path, range: objectRange(file, object) };
}

/** `metadata.name`'s value, the natural anchor for findings about a whole object. */
export function nameRange(file: SourceFile, object: K8sObject): Range {
  const metadata = object.node.get('metadata', true) as { get?: (k: string, keep: boolean) => unknown } | undefined;
  const name = metadata?.get?.('name', true) as Node | undefined;
  return name ? nodeRange(file, object.doc, name) : objectRange(file, object);
}
