import { stringify } from 'yaml';
import { plainYamlText } from './functions/plain-yaml-text';
import { BUDGETS, noteBudgetCut } from '../../budgets';

/** A value the evaluator could not know (a function of the cluster, a missing helper, a budget cut). */
export const UNKNOWN: unique symbol = Symbol('unknown');
export type Unknown = typeof UNKNOWN;

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | Unknown;

export function isUnknown(value: unknown): value is Unknown {
  return value === UNKNOWN;
}

export function isMapValue(value: Value): value is { [key: string]: Value } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Go's truth: false, 0, nil and empty strings, lists and maps are false. */
export function truth(value: Value): boolean | Unknown {
  if (value === UNKNOWN) return UNKNOWN;
  if (value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** How text/template prints a value (Helm prints a missing value as the empty string). */
export function printValue(value: Value): string | Unknown {
  if (value !== null && typeof value === 'object' && containsUnknown(value)) return UNKNOWN;
  return printKnown(value);
}

function printKnown(value: Value): string | Unknown {
  if (value === UNKNOWN) return UNKNOWN;
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map(printKnown);
    return parts.some(isUnknown) ? UNKNOWN : `[${parts.join(' ')}]`;
  }
  const keys = Object.keys(value).sort();
  const parts = keys.map((k) => printKnown(value[k]));
  return parts.some(isUnknown) ? UNKNOWN : `map[${keys.map((k, i) => `${k}:${parts[i] as string}`).join(' ')}]`;
}

/** Values come from YAML through JSON in Helm: numbers are float64 and print like Go's %v of a float64. */
function formatNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return Math.abs(value) >= 1e6 ? goExponent(value) : String(value);
  return String(value);
}

function goExponent(value: number): string {
  const [mantissa, exponent] = value.toExponential().split('e');
  const e = Number(exponent);
  return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/**
 * How deep and how large a value `toYaml` and `toJson` write here. Helm writes any value; past these a
 * value is a generated or self-referencing structure (an alias that contains itself, `dict` nested a
 * thousand times) whose text no RBAC field needs: it is unknown rather than a stack overflow or a hang.
 */
export const WRITE_BUDGET = BUDGETS.write;

/**
 * True when the value holds an unknown anywhere, or is deeper or larger than the write budget (a value
 * reached twice, as aliases and shared `dict`s make, counts each time). Iterative: never a stack overflow.
 */
export function containsUnknown(value: Value): boolean {
  const stack: [Value, number][] = [[value, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === UNKNOWN) return true;
    if (++nodes > WRITE_BUDGET.maxNodes) return cut(`a value of more than ${WRITE_BUDGET.maxNodes.toLocaleString('en-US')} items (a value reached many times counts each time)`);
    if (item === null || typeof item !== 'object') continue;
    if (depth >= WRITE_BUDGET.maxDepth) return cut(`a value nested more than ${WRITE_BUDGET.maxDepth} deep (an alias that contains itself, or a structure built in a loop)`);
    if (Array.isArray(item)) for (const child of item) stack.push([child, depth + 1]);
    else for (const key of Object.keys(item)) stack.push([item[key], depth + 1]);
  }
  return false;
}

function cut(reason: string): true {
  noteBudgetCut(reason);
  return true;
}

/** `toYaml`: Helm's output without the trailing newline; unknown past the write budget. */
export function toYamlText(value: Value): string | Unknown {
  if (value === null) return 'null';
  if (containsUnknown(value)) return UNKNOWN;
  const plain = plainYamlText(value);
  if (plain !== undefined) return plain;
  // Helm writes a value reached twice in full each time, never as a YAML alias.
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false }).replace(/\n$/, '');
}

/** Plain data of a YAML value (`Document.toJS()` output) as a template value. */
export function fromPlain(value: unknown, depth = 0): Value {
  if (depth > BUDGETS.values.maxDepth) {
    noteBudgetCut(`values nested more than ${BUDGETS.values.maxDepth} deep (an alias that contains itself?)`);
    return UNKNOWN;
  }
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => fromPlain(v, depth + 1));
  if (value instanceof Map) {
    const out: { [key: string]: Value } = {};
    for (const [k, v] of value) out[String(k)] = fromPlain(v, depth + 1);
    return out;
  }
  if (typeof value === 'object') {
    const out: { [key: string]: Value } = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = fromPlain(v, depth + 1);
    return out;
  }
  return String(value);
}

/**
 * Helm's values merge: maps merge key by key, anything else is replaced by the later file. Entries are
 * merged when first read, so that a values file read section by section stays so (see lazy-values).
 */
export function mergeValues(base: Value, override: Value, depth = 0): Value {
  if (depth < 100 && isMapValue(base) && isMapValue(override)) {
    const out: { [key: string]: Value } = {};
    for (const k of Object.keys(base)) copyEntry(out, base, k);
    for (const k of Object.keys(override)) {
      if (k in base) defineLazy(out, k, () => mergeValues(base[k], override[k], depth + 1));
      else copyEntry(out, override, k);
    }
    return out;
  }
  return override;
}

/** An enumerable entry whose value is computed on first read (and kept). */
export function defineLazy(target: { [key: string]: Value }, key: string, compute: () => Value): void {
  let computed = false;
  let value: Value = null;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!computed) {
        value = compute();
        computed = true;
      }
      return value;
    },
    set: (next: Value) => {
      value = next;
      computed = true;
    },
  });
}

/** Copies an entry as it is: a value not yet computed stays so. */
function copyEntry(target: { [key: string]: Value }, source: { [key: string]: Value }, key: string): void {
  Object.defineProperty(target, key, Object.getOwnPropertyDescriptor(source, key)!);
}
