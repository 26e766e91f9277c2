import type { SourceDocument, SourceFile } from './types';

/** Index of the first document ending at or after `offset` (strictly after with `strict`): documents are in file order. */
function firstEnding(documents: SourceDocument[], offset: number, strict: boolean): number {
  let low = 0;
  let high = documents.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const end = documents[mid].end;
    if (strict ? end > offset : end >= offset) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * The first document that holds `offset` (its end included with `endInclusive`), found by binary
 * search: a file of many documents is not scanned once per finding or per hover.
 */
export function documentAt(file: SourceFile, offset: number, endInclusive: boolean): SourceDocument | undefined {
  const doc = file.documents[firstEnding(file.documents, offset, !endInclusive)];
  return doc && doc.start <= offset ? doc : undefined;
}

/** The document under the cursor: the one it is inside, else the one it just ends. */
export function documentUnder(file: SourceFile, offset: number): SourceDocument | undefined {
  const inside = documentAt(file, offset, false);
  if (inside) return inside;
  const ending = file.documents[firstEnding(file.documents, offset, false)];
  return ending && ending.end === offset ? ending : undefined;
}
