import { describeObject } from '../../core/access/explain';
import type { EffectiveRule } from '../../core/rbac/effective-permissions';
import { markPlace } from '../../core/rbac/undecided';
import type { Palette } from '../colour';
import { alignColumns } from '../text-table';
import { qualifiedResource } from '../../core/rbac/resource-name';

/** One row of the table: a single resource (and at most one name) or a single non-resource URL, with its verbs. */
interface Row {
  group?: string;
  resource?: string;
  resourceName?: string;
  nonResourceURL?: string;
  verbs: string[];
  grantedBy: string[];
}

/**
 * `kubectl auth can-i --list`'s table: rules broken down to one resource (one name) or one non-resource
 * URL per row, verbs of the same row merged, sorted as kubectl sorts them, columns as wide as their
 * content. `grantedBy` adds a column naming the bindings and roles behind each row.
 */
export function formatRulesTable(rules: EffectiveRule[], options: { headers?: boolean; grantedBy?: boolean; colour?: Palette } = {}): string {
  const known = rules.filter((r) => !r.undecided);
  const undecided = rules.filter((r) => r.undecided);
  const table = formatKnown(known, options);
  if (undecided.length === 0) return table;
  // Rules a chart renders only under a condition that could not be decided: listed apart, never as held.
  const all = [...new Set(undecided.map((r) => `  ${markPlace(r.undecided!)}: ${r.undecided!.why}`))];
  const places = all.length > 5 ? [...all.slice(0, 5), `  … and ${all.length - 5} more`] : all;
  return `${table}\n\nNot known (these rules render only under a condition that could not be decided, or come from chart objects that could not be read whole; not counted above):\n${formatKnown(undecided, options)}\n${places.join('\n')}`;
}

function formatKnown(rules: EffectiveRule[], options: { headers?: boolean; grantedBy?: boolean; colour?: Palette }): string {
  const rows = [...breakDown(rules).values()].sort((a, b) => compare(sortKey(a), sortKey(b)));
  const header = ['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs', ...(options.grantedBy ? ['Granted by'] : [])];
  const cells = rows.map((row) => [
    row.resource === undefined ? '' : qualifiedResource(row.resource, row.group),
    goList(row.nonResourceURL),
    goList(row.resourceName),
    goList(...row.verbs),
    ...(options.grantedBy ? [row.grantedBy.join('; ')] : []),
  ]);
  // kubectl's tab writer: minimum width 10, padding 3.
  return alignColumns(options.headers === false ? cells : [header, ...cells], 3, 10, options.headers === false ? undefined : options.colour?.bold);
}

function breakDown(rules: EffectiveRule[]): Map<string, Row> {
  const rows = new Map<string, Row>();
  const add = (key: string, fields: Omit<Row, 'verbs' | 'grantedBy'>, rule: EffectiveRule) => {
    const row = rows.get(key) ?? { ...fields, verbs: [], grantedBy: [] };
    rows.set(key, row);
    for (const verb of rule.rule.verbs) if (!row.verbs.includes(verb)) row.verbs.push(verb);
    const source = `${describeObject(rule.binding)} → ${describeObject(rule.role)}`;
    if (!row.grantedBy.includes(source)) row.grantedBy.push(source);
  };
  for (const effective of rules) {
    const { apiGroups = [], resources = [], resourceNames = [], nonResourceURLs = [] } = effective.rule;
    for (const group of apiGroups) {
      for (const resource of resources) {
        const names = resourceNames.length ? resourceNames : [undefined];
        for (const resourceName of names) add(JSON.stringify(['r', group, resource, resourceName ?? null]), { group, resource, resourceName }, effective);
      }
    }
    for (const url of nonResourceURLs) add(JSON.stringify(['u', url]), { nonResourceURL: url }, effective);
  }
  return rows;
}

/** Go's `%v` of a string slice: `[get list]`, `[]`. */
function goList(...items: (string | undefined)[]): string {
  return `[${items.filter((item) => item !== undefined).join(' ')}]`;
}

/** kubectl sorts by the rule's Go string form, whose fields start with the verbs. */
function sortKey(row: Row): string {
  return `Verbs:${goList(...row.verbs)},APIGroups:${goList(row.resource === undefined ? undefined : row.group)},Resources:${goList(row.resource)},ResourceNames:${goList(row.resourceName)},NonResourceURLs:${goList(row.nonResourceURL)}`;
}

/** Byte order, as Go's strings.Compare. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
