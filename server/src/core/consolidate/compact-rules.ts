import { STANDARD_VERBS } from '../catalog/verbs';
import type { PolicyRule } from '../rbac/types';

/** kubectl's habitual verb order (get, list, watch, create, …), then any other verb alphabetically. */
export function sortVerbs(verbs: Iterable<string>): string[] {
  const rank = (v: string) => {
    const i = (STANDARD_VERBS as readonly string[]).indexOf(v);
    return i === -1 ? STANDARD_VERBS.length : i;
  };
  return [...new Set(verbs)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Rules compacted the way `kubectl auth reconcile` keeps them readable, granting exactly the same:
 * each (group, resource, names) gets the union of its verbs, then resources with the same group, verbs
 * and names share one rule; non-resource URLs with the same verbs share one rule. Order is stable:
 * the core group first, then groups alphabetically, non-resource rules last.
 */
export function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const unnamed = new Map<string, Tuple>();
  const named = new Map<string, Tuple>();
  const urlVerbs = new Map<string, Tuple>();
  for (const rule of rules) {
    if (rule.nonResourceURLs?.length) {
      for (const url of rule.nonResourceURLs) addAll(urlVerbs, [url], rule.verbs);
      continue;
    }
    for (const group of rule.apiGroups ?? []) {
      for (const resource of rule.resources ?? []) {
        if (!rule.resourceNames?.length) addAll(unnamed, [group, resource], rule.verbs);
        else for (const verb of rule.verbs) addAll(named, [group, resource, verb], rule.resourceNames);
      }
    }
  }
  // Names of one resource and verb are merged; a verb the unnamed rule already grants needs no names.
  const namedVerbs = new Map<string, Tuple>();
  for (const { parts: [group, resource, verb], values: names } of named.values()) {
    if (unnamed.get(tupleKey([group, resource]))?.values.has(verb)) continue;
    addAll(namedVerbs, [group, resource, ...[...names].sort(byText)], [verb]);
  }
  const merged = new Map<string, PolicyRule>();
  const mergeInto = (group: string, resource: string, names: string[], verbSet: Set<string>) => {
    const verbs = sortVerbs(verbSet);
    const key = `${tupleKey([group, ...names])}|${tupleKey(verbs)}`;
    const rule = merged.get(key) ?? { apiGroups: [group], resources: [], ...(names.length ? { resourceNames: names } : {}), verbs };
    rule.resources!.push(resource);
    merged.set(key, rule);
  };
  for (const { parts: [group, resource], values: verbs } of unnamed.values()) mergeInto(group, resource, [], verbs);
  for (const { parts: [group, resource, ...names], values: verbs } of namedVerbs.values()) mergeInto(group, resource, names, verbs);
  const resourceRules = [...merged.values()]
    .map((rule) => ({ ...rule, resources: [...rule.resources!].sort(byText) }))
    .sort((a, b) => byText(a.apiGroups![0], b.apiGroups![0]) || byText(a.resources[0], b.resources[0]) || byText(JSON.stringify(a.resourceNames ?? []), JSON.stringify(b.resourceNames ?? [])));
  const urlRules = new Map<string, PolicyRule>();
  for (const { parts: [url], values: verbSet } of urlVerbs.values()) {
    const verbs = sortVerbs(verbSet);
    const key = tupleKey(verbs);
    const rule = urlRules.get(key) ?? { nonResourceURLs: [], verbs };
    rule.nonResourceURLs!.push(url);
    urlRules.set(key, rule);
  }
  const nonResource = [...urlRules.values()].map((r) => ({ ...r, nonResourceURLs: [...r.nonResourceURLs!].sort(byText) }))
    .sort((a, b) => byText(a.nonResourceURLs[0], b.nonResourceURLs[0]));
  return [...resourceRules, ...nonResource];
}

/** A canonical text of a compacted rule list: equal rule sets, equal keys. */
export function rulesKey(rules: readonly PolicyRule[]): string {
  return JSON.stringify(compactRules(rules));
}

/** Strings gathered under a tuple of strings (group, resource, …). */
interface Tuple {
  parts: string[];
  values: Set<string>;
}

/** A key no two different tuples share, whatever their characters: each part is written with its length. */
export function tupleKey(parts: readonly string[]): string {
  let key = '';
  for (const part of parts) key += `${part.length}:${part}`;
  return key;
}

function addAll(map: Map<string, Tuple>, parts: string[], values: string[]): void {
  const key = tupleKey(parts);
  let tuple = map.get(key);
  if (!tuple) map.set(key, (tuple = { parts, values: new Set<string>() }));
  for (const value of values) tuple.values.add(value);
}
