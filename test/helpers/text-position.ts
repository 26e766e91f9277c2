/** Positions come from text, never hand-counted: the 0-based line/character of the n-th `needle`. */
export function positionOf(text: string, needle: string, occurrence = 0): { line: number; character: number } {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`"${needle}" (occurrence ${occurrence}) not found in text`);
  }
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  return { line, character: index - (before.lastIndexOf('\n') + 1) };
}

export function lineOf(text: string, needle: string, occurrence = 0): number {
  return positionOf(text, needle, occurrence).line;
}
