import { buildLineStarts, positionToOffset } from '../model/positions';
import type { TextEdit } from './types';

/** Applies non-overlapping edits of one file to its text (later edits first, so offsets stay valid). */
export function applyEdits(text: string, edits: Omit<TextEdit, 'file'>[]): string {
  const lineStarts = buildLineStarts(text);
  const withOffsets = edits
    .map((edit) => ({
      start: positionToOffset(lineStarts, edit.range.start, text.length),
      end: positionToOffset(lineStarts, edit.range.end, text.length),
      newText: edit.newText,
    }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let previousStart = Number.POSITIVE_INFINITY;
  for (const edit of withOffsets) {
    if (edit.end > previousStart) throw new Error('overlapping edits');
    out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
    previousStart = edit.start;
  }
  return out;
}
