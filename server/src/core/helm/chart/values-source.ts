import { isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node, type YAMLSeq } from 'yaml';
import { buildLineStarts } from '../../model/positions';
import type { SourceFile } from '../../model/types';
import type { ChartContext } from './chart-context';
import type { PrintedList } from '../read/printed-lists';
import { isMapValue, type Value } from '../template/template-values';

/** A values file parsed with its source positions (only read when a template prints RBAC lists from values). */
interface PositionedValues {
  text: string;
  doc?: Document.Parsed;
  /** The file as a source file of one document, for the positions of findings told there. */
  file?: SourceFile;
  /** Lists read inside literal blocks, by the block's offset. */
  literals: Map<number, YAMLSeq | undefined>;
}

/**
 * Positioned readings of values files, one per path, kept while the text is the same. Separate from
 * the chart context's reading of values (which wants plain data, fast): this one is parsed only when a
 * template prints rules or subjects from values, to point findings at the values file's own lines.
 */
export class PositionedValuesCache {
  private readonly readings = new Map<string, PositionedValues>();

  document(path: string, text: string): Document.Parsed | undefined {
    return this.reading(path, text).doc;
  }

  /** The values file as a source file whose one document is the positioned reading. */
  sourceFile(path: string, text: string): SourceFile | undefined {
    const reading = this.reading(path, text);
    if (!reading.doc) return undefined;
    reading.file ??= { path, text, lineStarts: buildLineStarts(text), documents: [{ file: path, index: 0, start: 0, end: text.length, yaml: reading.doc, objects: [] }] };
    return reading.file;
  }

  /** The list written in the literal block at `range`, read once per text. */
  literal(path: string, text: string, range: [number, number, number] | undefined): YAMLSeq | undefined {
    const reading = this.reading(path, text);
    const at = range?.[0] ?? -1;
    if (!reading.literals.has(at)) reading.literals.set(at, listInLiteral(text, range));
    return reading.literals.get(at);
  }

  private reading(path: string, text: string): PositionedValues {
    const cached = this.readings.get(path);
    if (cached && cached.text === text) return cached;
    const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
    const reading: PositionedValues = { text, doc: doc.errors.length ? undefined : doc, literals: new Map() };
    this.readings.set(path, reading);
    return reading;
  }

  forget(path: string): void {
    this.readings.delete(path);
  }
}

/** Where a printed list is written: one values file's list node, item for item. */
export interface ValuesSource {
  file: string;
  text: string;
  doc: Document.Parsed;
  seq: YAMLSeq;
  /** The key node of the list in the values file (`extraRules:`). */
  key?: Node;
  path: string[];
}

/**
 * The values file a printed list comes from, when it comes straight from one: the list at one of the
 * paths the action read equals what was printed, and the last values file that sets that path holds
 * exactly these items (Helm replaces lists, never merges them). Merged, transformed, anchored or
 * ambiguous lists have no single source: undefined.
 */
export function valuesSourceOf(list: PrintedList, chart: ChartContext, cache: PositionedValuesCache): ValuesSource | undefined {
  const printed = JSON.stringify(list.items);
  const found = new Map<string, ValuesSource>();
  for (const path of list.valuePaths) {
    const merged = valueAt(chart.root.Values, path);
    // A list, or (as charts that `tpl` their values do) a literal block of YAML text without actions.
    const asList = typeof merged === 'string' && !merged.includes('{{') ? readList(merged) : merged;
    if (!Array.isArray(asList) || JSON.stringify(asList) !== printed) continue;
    const source = lastFileSetting(path, chart, cache);
    if (!source || JSON.stringify(source.seq.toJSON()) !== printed || holdsAlias(source.seq)) continue;
    found.set(`${source.file}\u0000${source.seq.range?.[0]}`, source);
  }
  return found.size === 1 ? [...found.values()][0] : undefined;
}

function valueAt(root: Value, path: string[]): Value | undefined {
  let current: Value | undefined = root;
  for (const key of path) {
    if (current === undefined || !isMapValue(current) || !(key in current)) return undefined;
    current = current[key];
  }
  return current;
}

/** The list node at `path` in the last values file that sets it (later files win, as with `helm -f`). */
function lastFileSetting(path: string[], chart: ChartContext, cache: PositionedValuesCache): ValuesSource | undefined {
  for (let i = chart.valuesFiles.length - 1; i >= 0; i--) {
    const file = chart.valuesFiles[i];
    const text = chart.valuesTexts.get(file);
    if (text === undefined) continue;
    const doc = cache.document(file, text);
    if (!doc) continue;
    const parent = doc.getIn(path.slice(0, -1), true);
    if (path.length > 1 && !isMap(parent)) continue;
    const map = path.length > 1 ? parent : doc.contents;
    if (!isMap(map) || !map.has(path[path.length - 1])) continue;
    const pair = map.items.find((p) => (p.key as { value?: unknown } | null)?.value === path[path.length - 1]);
    const value = pair?.value;
    const seq = isSeq(value) ? value : isScalar(value) && value.type === 'BLOCK_LITERAL' ? cache.literal(file, text, value.range ?? undefined) : undefined;
    return seq ? { file, text, doc, seq, key: pair?.key as Node | undefined, path } : undefined;
  }
  return undefined;
}

function holdsAlias(seq: YAMLSeq): boolean {
  let found = false;
  visit(seq, { Alias() { found = true; return visit.BREAK; }, Pair(_, pair) { if ((pair.key as { value?: unknown } | null)?.value === '<<') { found = true; return visit.BREAK; } return undefined; } });
  return found || seq.items.some((item) => isAlias(item));
}

function readList(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  return doc.errors.length ? undefined : doc.toJSON();
}

/**
 * The list written inside a literal block scalar (`subjects: |` then YAML lines), parsed with ranges
 * moved to the values file's own offsets: each content line sits in the file `indent` columns further
 * right. Undefined when the block's lines are not its value indented by one amount.
 */
function listInLiteral(text: string, range: [number, number, number] | undefined): YAMLSeq | undefined {
  if (!range) return undefined;
  const headerEnd = text.indexOf('\n', range[0]);
  if (headerEnd === -1 || !/^\|[-+]?[ \t]*(#.*)?$/.test(text.slice(range[0], headerEnd))) return undefined;
  const block = text.slice(headerEnd + 1, range[1]);
  const fileLines = block.split('\n');
  const indent = /^ */.exec(fileLines.find((l) => l.trim() !== '') ?? '')![0].length;
  if (indent === 0) return undefined;
  const valueLines = fileLines.map((l) => (l.trim() === '' ? '' : l.slice(indent)));
  if (fileLines.some((l, i) => l.trim() !== '' && l.slice(0, indent) !== ' '.repeat(indent) || valueLines[i].startsWith('\t'))) return undefined;
  const value = valueLines.join('\n');
  const inner = parseDocument(value, { prettyErrors: false, uniqueKeys: false });
  if (inner.errors.length || !isSeq(inner.contents)) return undefined;
  const valueStarts = [0];
  for (let i = 0; i < value.length; i++) if (value[i] === '\n') valueStarts.push(i + 1);
  const fileStarts = [headerEnd + 1];
  for (let i = headerEnd + 1; i < range[1]; i++) if (text[i] === '\n') fileStarts.push(i + 1);
  const toFile = (offset: number) => {
    let line = valueStarts.length - 1;
    while (line > 0 && valueStarts[line] > offset) line--;
    const column = offset - valueStarts[line];
    if (line >= fileStarts.length) return range[1];
    return fileStarts[line] + (valueLines[line] === '' ? 0 : indent + column);
  };
  visit(inner.contents, { Node(_, node) { if (node.range) node.range = [toFile(node.range[0]), toFile(node.range[1]), toFile(node.range[2])]; } });
  return inner.contents;
}
