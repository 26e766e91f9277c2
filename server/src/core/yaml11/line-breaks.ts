/** Characters YAML 1.1 readers (kubectl, libyaml, PyYAML) take as line breaks and YAML 1.2 readers do not. */
export const YAML11_BREAKS: Record<string, string> = {
  '\u0085': 'U+0085 (NEL)',
  '\u2028': 'U+2028 (LINE SEPARATOR)',
  '\u2029': 'U+2029 (PARAGRAPH SEPARATOR)',
};

export interface Yaml11Break {
  /** Offset of the character in the text. */
  offset: number;
  name: string;
  /** What kubectl reads as the start of the next line (up to the next line break of either kind). */
  nextLine: string;
}

/** One character class, scanned natively: no quantifier at all. */
const BREAK = /[\u0085\u2028\u2029]/g;

/** The first `limit` YAML 1.1-only line breaks in text[start, end), in order: one pass over the text. */
export function yaml11Breaks(text: string, start = 0, end = text.length, limit = Infinity): Yaml11Break[] {
  const out: Yaml11Break[] = [];
  // The document's own text only: a search from `start` alone would run to the end of the file each time.
  const part = text.slice(start, end);
  const pattern = new RegExp(BREAK);
  for (let match = pattern.exec(part); match && out.length < limit; match = pattern.exec(part)) {
    const i = start + match.index;
    let stop = i + 1;
    while (stop < end && stop - i <= 80 && text[stop] !== '\n' && text[stop] !== '\r' && !YAML11_BREAKS[text[stop]]) stop++;
    out.push({ offset: i, name: YAML11_BREAKS[text[i]], nextLine: text.slice(i + 1, stop) });
  }
  return out;
}
