import { parseDocument } from 'yaml';
import { defineLazy, fromPlain, isMapValue, type Value } from '../template/template-values';
import { entryEnd, isOneLine, oneLineValue, outlineMap, scalarListValue, type MapOutline, type OutlineEntry, ValuesLines } from './values-outline';
import { BUDGETS } from '../../budgets';

/** A values file as read: its value, and its first syntax error once known (the file then counts as empty, or as far as it was read). */
export interface ValuesReading {
  text: string;
  value: Value;
  problem?: string;
  /**
   * Checks what evaluation never read and returns the file's problem, if any. A values file is read
   * section by section as templates ask for values; this runs when a report is made, not while indexing.
   */
  validate?: () => string | undefined;
}

/** Mappings nested deeper than this are parsed whole: outlining stays linear in the file. */
const MAX_OUTLINE_DEPTH = BUDGETS.values.maxOutlineDepth;
const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false } as const;

/**
 * Reads a values file lazily: its block mappings become maps whose entries are parsed on first use
 * (`.Values.a.b` parses the lines of `b` inside `a` only). Every entry parses as the same slice of text
 * would inside the whole file; where a slice cannot stand alone (an alias to an anchor elsewhere, a
 * broken line), the whole file is parsed once and decides. A file the outline cannot vouch for is
 * parsed whole at once.
 */
export function readValues(text: string, path: string): ValuesReading {
  const lines = new ValuesLines(text);
  const outline = outlineMap(lines, 0, lines.count);
  if (!outline) return readWhole(text, path);
  const reader = new LazyReader(text, path, lines, outline);
  const reading: ValuesReading = { text, value: reader.rootValue() };
  reading.validate = () => (reading.problem = reader.validate());
  return reading;
}

function readWhole(text: string, path: string): ValuesReading {
  const doc = parseDocument(text, PARSE_OPTIONS);
  if (doc.errors.length) return { text, value: {}, problem: `${path}: ${doc.errors[0].message}` };
  const value = plainValue(doc);
  return value instanceof Error ? { text, value: {}, problem: `${path}: ${value.message}` } : { text, value };
}

/** The document's data; an alias to no anchor (or too many aliases) is an error, not a throw. */
function plainValue(doc: ReturnType<typeof parseDocument>): Value | Error {
  try {
    return fromPlain(doc.toJS({ maxAliasCount: BUDGETS.values.maxAliasCount }));
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** What happened to each entry of an outlined mapping. */
type EntryState = { kind: 'unread' } | { kind: 'parsed' } | { kind: 'map'; outline: MapOutline; states: EntryState[] };
const PARSED: EntryState = { kind: 'parsed' };
const UNREAD: EntryState = { kind: 'unread' };

class LazyReader {
  private whole?: { value: Value; problem?: string };
  private readonly root: EntryState[] = [];
  private clean = false;

  constructor(private readonly text: string, private readonly path: string, private readonly lines: ValuesLines, private readonly rootOutline: MapOutline) {}

  rootValue(): { [key: string]: Value } {
    return this.mapOf(this.rootOutline, [], 0, this.root);
  }

  mapOf(outline: MapOutline, path: string[], depth: number, states: EntryState[]): { [key: string]: Value } {
    const out: { [key: string]: Value } = {};
    outline.entries.forEach((entry, i) => {
      // A one-line scalar costs less to read now than a deferred entry costs to set up.
      const simple = isOneLine(this.lines, entry) ? oneLineValue(this.lines, entry) : undefined;
      if (simple !== undefined) {
        states[i] = PARSED;
        if (entry.key === '__proto__') Object.defineProperty(out, entry.key, { value: simple, writable: true, enumerable: true, configurable: true });
        else out[entry.key] = simple as Value;
        return;
      }
      states[i] = { kind: 'unread' };
      defineLazy(out, entry.key, () => this.entryValue(entry, [...path, entry.key], depth, states, i));
    });
    return out;
  }

  private entryValue(entry: OutlineEntry, path: string[], depth: number, states: EntryState[], i: number): Value {
    if (!entry.inline && !entry.compactList && depth + 1 < MAX_OUTLINE_DEPTH) {
      // Only a block mapping on the following lines is outlined; a list or a scalar there is parsed with its key.
      const inner = outlineMap(this.lines, entry.line + 1, entry.end);
      if (inner && inner.indent > this.lines.indents[entry.line]) {
        const nested: EntryState[] = [];
        states[i] = { kind: 'map', outline: inner, states: nested };
        return this.mapOf(inner, path, depth + 1, nested);
      }
    }
    states[i] = { kind: 'parsed' };
    return this.parseEntry(entry, path);
  }

  /** One entry parsed from its own lines; the whole file decides when those lines cannot stand alone. */
  private parseEntry(entry: OutlineEntry, path: string[]): Value {
    const simple = isOneLine(this.lines, entry) ? oneLineValue(this.lines, entry) : scalarListValue(this.lines, entry);
    if (simple !== undefined) return simple as Value;
    const slice = this.text.slice(this.lines.starts[entry.line], this.lines.startOf(entryEnd(this.lines, entry)));
    const doc = parseDocument(slice, PARSE_OPTIONS);
    if (doc.errors.length === 0) {
      const value = plainValue(doc);
      if (!(value instanceof Error) && isMapValue(value)) {
        const keys = Object.keys(value);
        if (keys.length === 1 && keys[0] === entry.key) return value[entry.key];
      }
    }
    return this.fromWhole(path);
  }

  private fromWhole(path: string[]): Value {
    const whole = this.wholeFile();
    if (whole.problem) return null;
    let value = whole.value;
    for (const key of path) value = isMapValue(value) && key in value ? value[key] : null;
    return value;
  }

  private wholeFile(): { value: Value; problem?: string } {
    if (!this.whole) {
      const read = readWhole(this.text, this.path);
      this.whole = { value: read.value, problem: read.problem };
    }
    return this.whole;
  }

  /** Entries never read are parsed now, consecutive ones together; any error is confirmed (and worded) by the whole file. */
  validate(): string | undefined {
    if (this.whole) return this.whole.problem;
    // Once every entry has parsed, a later read parses part of what was checked: no need to look again.
    if (this.clean || this.unreadParseClean(this.rootOutline, this.root)) {
      this.clean = true;
      return undefined;
    }
    return this.wholeFile().problem;
  }

  private unreadParseClean(outline: MapOutline, states: EntryState[], depth = 0): boolean {
    let runStart = -1;
    const flush = (until: number) => {
      if (runStart === -1) return true;
      const from = this.lines.starts[outline.entries[runStart].line];
      const to = this.lines.startOf(outline.entries[until - 1].end);
      runStart = -1;
      return parseDocument(this.text.slice(from, to), PARSE_OPTIONS).errors.length === 0;
    };
    for (let i = 0; i < outline.entries.length; i++) {
      const state = states[i] ?? UNREAD;
      if (state.kind === 'unread') {
        const clean = this.cleanWithoutParser(outline.entries[i], depth);
        if (clean === false) return false;
        if (clean === undefined) {
          if (runStart === -1) runStart = i;
          continue;
        }
      }
      if (!flush(i)) return false;
      if (state.kind === 'map' && !this.unreadParseClean(state.outline, state.states, depth + 1)) return false;
    }
    return flush(outline.entries.length);
  }

  /**
   * Whether an unread entry reads without the parser (a one-line value of the forms it knows, or a block
   * mapping of such entries, outlined): true or false when that decides, undefined when the parser must.
   * A values file of a great many plain entries is so checked in time linear in its size.
   */
  private cleanWithoutParser(entry: OutlineEntry, depth: number): boolean | undefined {
    if (isOneLine(this.lines, entry)) return oneLineValue(this.lines, entry) !== undefined ? true : undefined;
    if (entry.inline || entry.compactList || depth + 1 >= MAX_OUTLINE_DEPTH) return undefined;
    const inner = outlineMap(this.lines, entry.line + 1, entry.end);
    if (!inner || inner.indent <= this.lines.indents[entry.line]) return undefined;
    return this.unreadParseClean(inner, [], depth + 1);
  }
}
