import type { Position, Range } from './types';

export function buildLineStarts(text: string): number[] {
  const starts = [0];
  let index = text.indexOf('\n');
  while (index !== -1) {
    starts.push(index + 1);
    index = text.indexOf('\n', index + 1);
  }
  return starts;
}

export function offsetToPosition(lineStarts: number[], offset: number): Position {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - lineStarts[low] };
}

export function positionToOffset(lineStarts: number[], position: Position, textLength: number): number {
  if (position.line >= lineStarts.length) return textLength;
  return Math.min(lineStarts[position.line] + position.character, textLength);
}

export function offsetsToRange(lineStarts: number[], start: number, end: number): Range {
  return { start: offsetToPosition(lineStarts, start), end: offsetToPosition(lineStarts, end) };
}

export function containsPosition(range: Range, position: Position): boolean {
  const afterStart =
    position.line > range.start.line ||
    (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd =
    position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}
