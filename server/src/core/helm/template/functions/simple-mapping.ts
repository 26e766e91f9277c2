import type { Value } from '../template-values';
import { isOneLine, oneLineValue, outlineMap, scalarListValue, ValuesLines, type MapOutline } from '../../chart/values-outline';

/** Nesting deeper than this goes to the parser: reading stays linear in the text. */
const MAX_DEPTH = 12;

/**
 * A YAML text made only of plain keys and the one-line values (or lists of them) values files are mostly
 * made of, read without the parser: what `fromYaml` gets from label helpers (`app: web\ntier: db`). Undefined
 * when any part is of another form; the parser then reads the text. Reads as the parser would: the outline
 * vouches for the keys (no duplicates, no quoted or odd keys) and values-scalars for every value.
 */
export function simpleMapping(text: string): { [key: string]: Value } | undefined {
  // `toYaml` of an empty map, passed on to fromYaml (kyverno's labels.merge of empty custom labels).
  if (text === '{}' || text === '{}\n') return {};
  const lines = new ValuesLines(text);
  const outline = outlineMap(lines, 0, lines.count);
  return outline && outline.indent === 0 ? mappingOf(lines, outline, 0) : undefined;
}

function mappingOf(lines: ValuesLines, outline: MapOutline, depth: number): { [key: string]: Value } | undefined {
  const out: { [key: string]: Value } = {};
  for (const entry of outline.entries) {
    // `__proto__` is an own key to the parser, a prototype to an assignment: the parser reads it.
    if (entry.key === '__proto__') return undefined;
    let value: Value | undefined;
    if (isOneLine(lines, entry)) value = oneLineValue(lines, entry) as Value | undefined;
    else if (!entry.inline && !entry.compactList && depth + 1 < MAX_DEPTH) {
      const inner = outlineMap(lines, entry.line + 1, entry.end);
      value = inner && inner.indent > lines.indents[entry.line] ? mappingOf(lines, inner, depth + 1) : (scalarListValue(lines, entry) as Value[] | undefined);
    } else value = scalarListValue(lines, entry) as Value[] | undefined;
    if (value === undefined) return undefined;
    out[entry.key] = value;
  }
  return out;
}
