import { COLLECTION_FUNCTIONS, freshDict } from './collection-functions';
import { JSON_FUNCTIONS } from './json-functions';
import { REGEX_FUNCTIONS } from './regex-functions';
import { semverConstraint } from './semver-constraints';
import { isMapValue, isUnknown, printValue, toYamlText, truth, UNKNOWN, type Value } from '../template-values';

/** Longest string a function may build: longer results are unknown rather than memory. */
export const MAX_STRING = 200_000;

export type TemplateFunction = (args: Value[]) => Value;

const str = (value: Value): string | typeof UNKNOWN => printValue(value);
const bounded = (value: string): Value => (value.length > MAX_STRING ? UNKNOWN : value);

/** Calls `fn` when no argument is unknown; unknown otherwise. */
function known(fn: (args: Exclude<Value, typeof UNKNOWN>[]) => Value): TemplateFunction {
  return (args) => (args.some(isUnknown) ? UNKNOWN : fn(args as Exclude<Value, typeof UNKNOWN>[]));
}

/** Functions of strings: every argument printed first. */
function strings(fn: (args: string[]) => Value): TemplateFunction {
  return (args) => {
    const printed = args.map(str);
    return printed.some(isUnknown) ? UNKNOWN : fn(printed as string[]);
  };
}

function compare(a: Value, b: Value): number | typeof UNKNOWN {
  if (isUnknown(a) || isUnknown(b)) return UNKNOWN;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return UNKNOWN;
}

function equal(a: Value, b: Value): boolean {
  if (a === null || b === null) return a === b || a === '' || b === '';
  return JSON.stringify(a) === JSON.stringify(b);
}

function empty(value: Value): Value {
  const t = truth(value);
  return isUnknown(t) ? UNKNOWN : !t;
}

function indentText(spaces: Value, text: Value, newline: boolean): Value {
  if (isUnknown(spaces) || isUnknown(text) || typeof spaces !== 'number') return UNKNOWN;
  const printed = str(text);
  if (isUnknown(printed)) return UNKNOWN;
  const pad = ' '.repeat(Math.max(0, Math.min(spaces, 200)));
  return bounded((newline ? '\n' : '') + pad + printed.split('\n').join(`\n${pad}`));
}

/** Go's fmt verbs that chart names use: %s %v %d %q %t %%. */
export function sprintf(format: string, args: Value[]): Value {
  let out = '';
  let next = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') { out += c; continue; }
    const verb = format[++i];
    if (verb === '%') { out += '%'; continue; }
    if (next >= args.length) { out += `%!${verb}(MISSING)`; continue; }
    const arg = args[next++];
    if (isUnknown(arg)) return UNKNOWN;
    const printed = str(arg) as string;
    out += verb === 'q' ? JSON.stringify(printed) : verb === 'd' && typeof arg !== 'number' ? `%!d(${printed})` : printed;
  }
  return bounded(out);
}

function semverParts(version: string): number[] | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)] : undefined;
}

/** `semverCompare` for the single comparisons charts write (`>=1.21-0`, `<1.25.0`); unknown otherwise. */
function semverCompare(constraint: string, version: string): Value {
  const match = /^\s*(>=|<=|>|<|=|!=)?\s*([^\s,|]+)\s*$/.exec(constraint);
  const wanted = match && semverParts(match[2]);
  const have = semverParts(version);
  if (!match || !wanted || !have) return UNKNOWN;
  const order = have[0] - wanted[0] || have[1] - wanted[1] || have[2] - wanted[2];
  switch (match[1] ?? '=') {
    case '>=': return order >= 0;
    case '<=': return order <= 0;
    case '>': return order > 0;
    case '<': return order < 0;
    case '!=': return order !== 0;
    default: return order === 0;
  }
}

/** Sprig and Helm functions that chart names and conditions use. Anything else evaluates to unknown. */
export const FUNCTIONS: Record<string, TemplateFunction> = {
  default: (args) => {
    if (args.length < 2) return args.length === 1 ? args[0] : null;
    const given = args[args.length - 1];
    const t = truth(given);
    return isUnknown(t) ? UNKNOWN : t ? given : args[0];
  },
  required: (args) => {
    const t = truth(args[1] ?? null);
    return isUnknown(t) || !t ? UNKNOWN : (args[1] ?? null);
  },
  coalesce: (args) => {
    for (const arg of args) {
      const t = truth(arg);
      if (isUnknown(t)) return UNKNOWN;
      if (t) return arg;
    }
    return null;
  },
  ternary: (args) => {
    const t = truth(args[2] ?? null);
    return isUnknown(t) ? UNKNOWN : t ? args[0] : args[1];
  },
  empty: (args) => empty(args[0] ?? null),
  not: (args) => {
    const t = truth(args[0] ?? null);
    return isUnknown(t) ? UNKNOWN : !t;
  },
  eq: (args) => (args.some(isUnknown) ? UNKNOWN : args.slice(1).some((b) => equal(args[0], b))),
  ne: known(([a, b]) => !equal(a, b ?? null)),
  lt: (args) => { const c = compare(args[0], args[1]); return isUnknown(c) ? UNKNOWN : c < 0; },
  le: (args) => { const c = compare(args[0], args[1]); return isUnknown(c) ? UNKNOWN : c <= 0; },
  gt: (args) => { const c = compare(args[0], args[1]); return isUnknown(c) ? UNKNOWN : c > 0; },
  ge: (args) => { const c = compare(args[0], args[1]); return isUnknown(c) ? UNKNOWN : c >= 0; },
  printf: (args) => {
    const format = str(args[0] ?? '');
    return isUnknown(format) ? UNKNOWN : sprintf(format, args.slice(1));
  },
  print: strings((a) => bounded(a.join(''))),
  println: strings((a) => bounded(`${a.join(' ')}\n`)),
  cat: strings((a) => bounded(a.filter((s) => s !== '').join(' '))),
  trunc: known(([n, s]) => {
    const text = str(s ?? '') as string;
    if (typeof n !== 'number') return UNKNOWN;
    return n >= 0 ? text.slice(0, n) : text.slice(Math.max(0, text.length + n));
  }),
  trimSuffix: strings(([suffix, s]) => (s.endsWith(suffix) && suffix ? s.slice(0, s.length - suffix.length) : s)),
  trimPrefix: strings(([prefix, s]) => (s.startsWith(prefix) && prefix ? s.slice(prefix.length) : s)),
  trim: strings(([s]) => s.trim()),
  trimAll: strings(([cut, s]) => {
    let start = 0;
    let end = s.length;
    while (start < end && cut.includes(s[start])) start++;
    while (end > start && cut.includes(s[end - 1])) end--;
    return s.slice(start, end);
  }),
  nospace: strings(([s]) => s.replace(/\s/g, '')),
  quote: strings((a) => a.map((s) => JSON.stringify(s)).join(' ')),
  squote: strings((a) => a.map((s) => `'${s}'`).join(' ')),
  lower: strings(([s]) => s.toLowerCase()),
  upper: strings(([s]) => s.toUpperCase()),
  replace: strings(([from, to, s]) => bounded(from === '' ? s : s.split(from).join(to))),
  contains: strings(([part, s]) => s.includes(part)),
  hasPrefix: strings(([prefix, s]) => s.startsWith(prefix)),
  hasSuffix: strings(([suffix, s]) => s.endsWith(suffix)),
  // sprig's strval: fmt's %v, which prints nil as <nil>.
  toString: (args: Value[]) => (args[0] === null ? '<nil>' : isUnknown(args[0]) ? UNKNOWN : str(args[0] ?? null)),
  toYaml: (args) => toYamlText(args[0] ?? null),
  nindent: (args) => indentText(args[0], args[1] ?? '', true),
  indent: (args) => indentText(args[0], args[1] ?? '', false),
  list: (args) => args,
  dict: (args) => {
    const out: { [key: string]: Value } = freshDict();
    // sprig: keys through strval (nil is "<nil>"); a key without a value maps to "".
    for (let i = 0; i < args.length; i += 2) {
      const key = args[i] === null ? '<nil>' : str(args[i]);
      if (isUnknown(key)) return UNKNOWN;
      out[key] = i + 1 < args.length ? args[i + 1] : '';
    }
    return out;
  },
  get: known(([map, key]) => (isMapValue(map) && typeof key === 'string' ? ((Object.hasOwn(map, key) ? map[key] : undefined) ?? '') : UNKNOWN)),
  hasKey: known(([map, key]) => (isMapValue(map) && typeof key === 'string' ? Object.hasOwn(map, key) : UNKNOWN)),
  has: known(([needle, list]) => (Array.isArray(list) ? list.some((item) => equal(item, needle)) : UNKNOWN)),
  len: known(([v]) => (typeof v === 'string' || Array.isArray(v) ? v.length : isMapValue(v) ? Object.keys(v).length : UNKNOWN)),
  index: (args) => {
    let current: Value = args[0] ?? null;
    for (const key of args.slice(1)) {
      if (isUnknown(current) || isUnknown(key)) return UNKNOWN;
      if (Array.isArray(current) && typeof key === 'number') current = current[key] ?? UNKNOWN;
      else if (isMapValue(current) && typeof key === 'string') current = (Object.hasOwn(current, key) ? current[key] : undefined) ?? null;
      else if (current === null) return null;
      else return UNKNOWN;
    }
    return current;
  },
  join: known(([sep, list]) => {
    // sprig's strslice: a list joins its non-nil items; nil is no item; anything else is one item.
    const items = Array.isArray(list) ? list.filter((item) => item !== null) : list === null ? [] : [list];
    const parts = items.map(str);
    return parts.some(isUnknown) ? UNKNOWN : bounded(parts.join(str(sep) as string));
  }),
  splitList: strings(([sep, s]) => s.split(sep)),
  // sprig's split gives a map `_0`, `_1`…: ranged over in key order, as Go sorts map keys.
  split: strings(([sep, s]) => Object.fromEntries(s.split(sep).map((part, i) => [`_${i}`, part]))),
  first: known(([list]) => (Array.isArray(list) ? (list[0] ?? null) : UNKNOWN)),
  last: known(([list]) => (Array.isArray(list) ? (list[list.length - 1] ?? null) : UNKNOWN)),
  keys: known((maps) => maps.flatMap((m) => (isMapValue(m) ? Object.keys(m) : [])).sort()),
  int: known(([v]) => (typeof v === 'number' ? Math.trunc(v) : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : 0)),
  kindIs: known(([kind, v]) => kind === kindOf(v)),
  kindOf: known(([v]) => kindOf(v)),
  typeIs: known(([kind, v]) => kind === kindOf(v)),
  semverCompare: strings(([constraint, version]) => semverConstraint(constraint, version, semverCompare)),
};
FUNCTIONS.int64 = FUNCTIONS.int;
for (const [name, fn] of Object.entries(COLLECTION_FUNCTIONS)) FUNCTIONS[name] ??= fn;
for (const [name, fn] of Object.entries(REGEX_FUNCTIONS)) FUNCTIONS[name] ??= fn;
Object.assign(FUNCTIONS, JSON_FUNCTIONS);

/** The function a template calls by this name; undefined for any other name (`toString` of a plain object is no template function). */
export function functionNamed(name: string): TemplateFunction | undefined {
  return Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
}

function kindOf(value: Value): string {
  if (value === null) return 'invalid';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'float64' : 'float64';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'slice';
  return 'map';
}
