import { parse } from 'yaml';
import { simpleMapping } from './simple-mapping';
import { fromPlain, isMapValue, isUnknown, printValue, truth, UNKNOWN, type Value } from '../template-values';

// Sprig's dictionary and list functions that real charts use (bitnami's common library, label merges).
// Go semantics kept exactly; where Go's answer depends on a library version or on types the values no
// longer carry (int or float64), the answer is unknown.

type Dict = { [key: string]: Value };

/**
 * Maps made during one evaluation (`dict`, `merge`…): `set`, `unset` and `merge` may change them in place,
 * as Go does. A map read from values files is shared by every template and never changed: changing it
 * is unknown.
 */
export const FRESH = new WeakSet<object>();

/**
 * The dot of one template file (a map made for that file): `set . "flag" …`, as vault's helpers do, may
 * change it. Defines rendered with it are reused until something changes in place (see mutationCount).
 */
export const FILE_ROOTS = new WeakSet<object>();

let mutations = 0;

/** How many in-place changes evaluation made so far: a define rendered before one may read differently after. */
export function mutationCount(): number {
  return mutations;
}

export function freshDict(entries: Dict = {}): Dict {
  FRESH.add(entries);
  return entries;
}

/** Deep comparisons one call may make: lists of maps compare pairwise, so larger ones are unknown rather than slow. */
const MAX_COMPARISONS = 1_000_000;

/** Strings, booleans and nil: DeepEqual is `===` for them (numbers are not: int and float64 differ in Go). */
function isPlainPrimitive(value: Value): boolean {
  return value === null || typeof value === 'string' || typeof value === 'boolean';
}

/** Whether `items` holds a value deeply equal to `item` (unknown as soon as one comparison is). */
function containsDeep(items: Value[], item: Value): boolean | typeof UNKNOWN {
  for (const other of items) {
    const same = deepEqual(item, other);
    if (same !== false) return same;
  }
  return false;
}

/** Go's reflect.DeepEqual over template values; unknown when numbers meet (int and float64 are not equal there). */
function deepEqual(a: Value, b: Value): boolean | typeof UNKNOWN {
  if (isUnknown(a) || isUnknown(b)) return UNKNOWN;
  if (typeof a === 'number' || typeof b === 'number') return UNKNOWN;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const same = deepEqual(a[i], b[i]);
      if (same !== true) return same;
    }
    return true;
  }
  const ka = Object.keys(a as Dict);
  const kb = Object.keys(b as Dict);
  if (ka.length !== kb.length) return false;
  for (const key of ka) {
    if (!(key in (b as Dict))) return false;
    const same = deepEqual((a as Dict)[key], (b as Dict)[key]);
    if (same !== true) return same;
  }
  return true;
}

function copyDeep(value: Value, depth = 0): Value {
  if (depth > 100) return UNKNOWN;
  if (Array.isArray(value)) return value.map((v) => copyDeep(v, depth + 1));
  if (isMapValue(value)) {
    const out = freshDict();
    for (const key of Object.keys(value)) out[key] = copyDeep(value[key], depth + 1);
    return out;
  }
  return value;
}

/** Empty as mergo sees a value it reached through an interface: nil, or the zero of its type. */
function emptyValue(value: Value): boolean {
  return truth(value) === false;
}

/**
 * mergo.Merge (sprig `merge`: what `dst` has stays) or mergo.Merge WithOverride (`mergeOverwrite`: what
 * `src` has wins) of `src` into `dst`, in place; maps in both are merged key by key. False where the answer
 * depends on the mergo version or is odd enough not to vouch for (an empty value in `dst` that `merge`
 * meets, a map that `mergeOverwrite` puts over a value that is no map).
 */
function mergeInto(dst: Dict, src: Dict, overwrite: boolean, depth: number): boolean {
  if (depth > 32) return false;
  for (const key of Object.keys(src)) {
    const from = src[key];
    const to = key in dst ? dst[key] : null;
    if (isUnknown(from) || isUnknown(to)) return false;
    if (isMapValue(from) && isMapValue(to)) {
      const inner = FRESH.has(to) ? to : (dst[key] = copyDeep(to) as Dict);
      if (!mergeInto(inner, from, overwrite, depth + 1)) return false;
    } else if (overwrite) {
      if (isMapValue(from) && !emptyValue(to)) return false;
      dst[key] = copyDeep(from);
    } else if (to === null) {
      if (from !== null) dst[key] = copyDeep(from);
    } else if (emptyValue(to)) {
      return false;
    }
  }
  return true;
}

function mergeAll(overwrite: boolean): (args: Value[]) => Value {
  return (args) => {
    const [dst, ...sources] = args;
    if ((!isMapValue(dst) && dst !== null) || sources.some((s) => !isMapValue(s) && s !== null)) return UNKNOWN;
    // A map from values is never changed in place: a merged copy stands for it (what it renders is the same).
    const inPlace = dst !== null && FRESH.has(dst);
    const target = dst === null ? freshDict() : inPlace ? dst : (copyDeep(dst) as Dict);
    if (inPlace) mutations++;
    for (const source of sources) if (source !== null && !mergeInto(target, source as Dict, overwrite, 0)) return UNKNOWN;
    return target;
  };
}

function keysOf(args: Value[]): string[] | undefined {
  const keys = args.map((k) => (typeof k === 'string' ? k : undefined));
  return keys.every((k): k is string => k !== undefined) ? keys : undefined;
}

/** YAML text to a value, as Helm's fromYaml does for a map; anything else (or an error) is unknown. */
function fromYaml(text: Value): Value {
  if (typeof text !== 'string') return UNKNOWN;
  // Label helpers' `key: value` lines need no parser.
  const simple = simpleMapping(text);
  if (simple) return copyDeep(simple) as Dict;
  try {
    const data: unknown = parse(text, { prettyErrors: false, logLevel: 'silent', maxAliasCount: 100 });
    if (data === null || data === undefined) return freshDict();
    const value = fromPlain(data);
    return isMapValue(value) ? (copyDeep(value) as Dict) : UNKNOWN;
  } catch {
    return UNKNOWN;
  }
}

/** Helm's fromYamlArray and fromJsonArray: a list, or (text that is not one) unknown rather than Helm's error item. */
function fromTextArray(text: Value, read: (text: string) => unknown): Value {
  if (typeof text !== 'string') return UNKNOWN;
  try {
    const data = read(text);
    if (data === null || data === undefined) return [];
    return Array.isArray(data) ? copyDeep(fromPlain(data)) : UNKNOWN;
  } catch {
    return UNKNOWN;
  }
}

function list(value: Value): Value[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

export const COLLECTION_FUNCTIONS: Record<string, (args: Value[]) => Value> = {
  merge: mergeAll(false),
  mergeOverwrite: mergeAll(true),
  pick: (args) => {
    const [map, ...rest] = args;
    const keys = keysOf(rest);
    if (!isMapValue(map) || !keys) return UNKNOWN;
    const out = freshDict();
    for (const key of keys) if (key in map) out[key] = map[key];
    return out;
  },
  omit: (args) => {
    const [map, ...rest] = args;
    const keys = keysOf(rest);
    if (!isMapValue(map) || !keys) return UNKNOWN;
    const out = freshDict();
    for (const key of Object.keys(map)) if (!keys.includes(key)) out[key] = map[key];
    return out;
  },
  set: ([map, key, value]) => {
    if (!isMapValue(map) || !(FRESH.has(map) || FILE_ROOTS.has(map)) || typeof key !== 'string' || value === undefined) return UNKNOWN;
    map[key] = value;
    mutations++;
    return map;
  },
  unset: ([map, key]) => {
    if (!isMapValue(map) || !(FRESH.has(map) || FILE_ROOTS.has(map)) || typeof key !== 'string') return UNKNOWN;
    delete map[key];
    mutations++;
    return map;
  },
  dig: (args) => {
    if (args.length < 3) return UNKNOWN;
    const map = args[args.length - 1];
    const fallback = args[args.length - 2];
    const keys = keysOf(args.slice(0, -2));
    if (!keys || isUnknown(map)) return UNKNOWN;
    let current: Value = map;
    for (const key of keys) {
      if (!isMapValue(current)) return UNKNOWN;
      if (!(key in current)) return fallback;
      current = current[key];
    }
    return current;
  },
  deepCopy: ([value]) => (value === undefined || isUnknown(value) ? UNKNOWN : copyDeep(value)),
  fromYaml: ([text]) => fromYaml(text ?? null),
  fromJson: ([text]) => {
    if (typeof text !== 'string') return UNKNOWN;
    try {
      return copyDeep(fromPlain(JSON.parse(text)));
    } catch {
      return UNKNOWN;
    }
  },
  fromYamlArray: ([text]) => fromTextArray(text ?? null, (t) => parse(t, { prettyErrors: false, logLevel: 'silent', maxAliasCount: 100 })),
  fromJsonArray: ([text]) => fromTextArray(text ?? null, (t) => JSON.parse(t)),
  append: ([items, value]) => (list(items) && value !== undefined ? [...list(items)!, value] : UNKNOWN),
  prepend: ([items, value]) => (list(items) && value !== undefined ? [value, ...list(items)!] : UNKNOWN),
  concat: (args) => (args.every((a) => Array.isArray(a)) ? (args as Value[][]).flat() : UNKNOWN),
  rest: ([items]) => (list(items) ? (items as Value[]).slice(1) : UNKNOWN),
  initial: ([items]) => (list(items) ? (items as Value[]).slice(0, -1) : UNKNOWN),
  reverse: ([items]) => (list(items) ? [...(items as Value[])].reverse() : UNKNOWN),
  uniq: ([items]) => {
    const all = list(items);
    if (!all) return UNKNOWN;
    if (all.every(isPlainPrimitive)) return [...new Set(all)];
    if (all.length * all.length > MAX_COMPARISONS) return UNKNOWN;
    const out: Value[] = [];
    for (const item of all) {
      const seen = containsDeep(out, item);
      if (isUnknown(seen)) return UNKNOWN;
      if (!seen) out.push(item);
    }
    return out;
  },
  without: (args) => {
    const [items, ...drop] = args;
    const all = list(items);
    if (!all) return UNKNOWN;
    if (all.every(isPlainPrimitive) && drop.every(isPlainPrimitive)) {
      const dropped = new Set(drop);
      return all.filter((item) => !dropped.has(item));
    }
    if (all.length * drop.length > MAX_COMPARISONS) return UNKNOWN;
    const out: Value[] = [];
    for (const item of all) {
      const dropped = containsDeep(drop, item);
      if (isUnknown(dropped)) return UNKNOWN;
      if (!dropped) out.push(item);
    }
    return out;
  },
  compact: ([items]) => {
    const all = list(items);
    if (!all || all.some(isUnknown)) return UNKNOWN;
    return all.filter((item) => truth(item) === true);
  },
  sortAlpha: ([items]) => {
    const all = list(items);
    const printed = all?.map(printValue);
    if (!printed || printed.some(isUnknown)) return UNKNOWN;
    // Go's sort.Strings: byte order of UTF-8, which for these strings is UTF-16 code unit order but for surrogates.
    return (printed as string[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  },
  toStrings: ([items]) => {
    const printed = list(items)?.map(printValue);
    return !printed || printed.some(isUnknown) ? UNKNOWN : printed;
  },
  b64enc: ([text]) => {
    const printed = printValue(text ?? null);
    return isUnknown(printed) ? UNKNOWN : Buffer.from(printed, 'utf8').toString('base64');
  },
  b64dec: ([text]) => {
    if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return UNKNOWN;
    return Buffer.from(text, 'base64').toString('utf8');
  },
};

// `must…` forms return an error where the plain form panics: the same values for what is known here.
for (const name of ['merge', 'mergeOverwrite', 'deepCopy', 'append', 'prepend', 'rest', 'initial', 'reverse', 'uniq', 'without', 'compact', 'fromJson']) {
  COLLECTION_FUNCTIONS[`must${name.charAt(0).toUpperCase()}${name.slice(1)}`] = COLLECTION_FUNCTIONS[name];
}
