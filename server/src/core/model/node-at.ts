import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { documentUnder } from './document-at';
import { positionToOffset } from './positions';
import type { K8sObject, Position, SourceDocument, SourceFile } from './types';

/** What the cursor is on: the object, the key path inside it, and the innermost node. */
export interface NodeAt {
  doc: SourceDocument;
  object?: K8sObject;
  /** e.g. ['rules', 0, 'verbs', 1] or ['roleRef', 'name']. A key itself ends with its name and `isKey`. */
  path: (string | number)[];
  node?: Node;
  isKey: boolean;
}

export function nodeAt(file: SourceFile, position: Position): NodeAt | undefined {
  const offset = positionToOffset(file.lineStarts, position, file.text.length);
  const doc = documentUnder(file, offset);
  if (!doc?.yaml) return undefined;
  const relative = offset - doc.start;
  const object = doc.objects.find((o) => contains(o.node, relative)) ?? doc.objects[0];
  const root = object?.node ?? (doc.yaml.contents as Node | null);
  if (!root) return { doc, object, path: [], isKey: false };
  const result: NodeAt = { doc, object, path: [], node: root, isKey: false };
  descend(root, relative, result);
  return result;
}

function contains(node: Node | null | undefined, offset: number): boolean {
  return !!node?.range && offset >= node.range[0] && offset <= node.range[1];
}

function descend(node: Node, offset: number, out: NodeAt): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      const keyName = isScalar(key) ? String(key.value) : undefined;
      if (keyName === undefined) continue;
      if (contains(key, offset)) {
        out.path.push(keyName);
        out.node = key ?? undefined;
        out.isKey = true;
        return;
      }
      if (contains(value, offset)) {
        out.path.push(keyName);
        out.node = value ?? undefined;
        descend(value!, offset, out);
        return;
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      if (contains(item as Node, offset)) {
        out.path.push(index);
        out.node = item as Node;
        descend(item as Node, offset, out);
      }
    });
  }
}
