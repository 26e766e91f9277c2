import { offsetToPosition } from '../model/positions';
import type { SourceDocument, SourceFile } from '../model/types';

interface Kept {
  line: number;
  column: number;
  inputs: readonly unknown[];
  value: unknown;
}

const memos = new WeakMap<SourceDocument, Map<string, Kept>>();

/**
 * What a check computed from one document alone, kept while the document's text (a document object is
 * reused only while that is the same), the line and column it starts at (findings hold positions, not
 * offsets) and the given inputs (compared by identity) are the same: after a keystroke only the edited
 * document is read again, not the workspace.
 */
export function perDocument<T>(slot: string, file: SourceFile, doc: SourceDocument, inputs: readonly unknown[], compute: () => T): T {
  const { line, character: column } = offsetToPosition(file.lineStarts, doc.start);
  let slots = memos.get(doc);
  const kept = slots?.get(slot);
  if (kept && kept.line === line && kept.column === column && sameInputs(kept.inputs, inputs)) return kept.value as T;
  const value = compute();
  if (!slots) {
    slots = new Map();
    memos.set(doc, slots);
  }
  slots.set(slot, { line, column, inputs, value });
  return value;
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
