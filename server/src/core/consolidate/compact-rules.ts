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
  const unnamed = new Map<string, Set<string>>();
  const named = new Map<string, Set<string>>();
  const urlVerbs = new Map<string, Set<string>>();
  for (const rule of rules) {
    if (rule.nonResourceURLs?.length) {
      for (const url of rule.nonResourceURLs) addAll(urlVerbs, url, rule.verbs);
      continue;
    }
    for (const group of rule.apiGroups ?? []) {
      for (const resource of rule.resources ?? []) {
        if (!rule.resourceNames?.length) addAll(unnamed, JSON.stringify([group, resource]), rule.verbs);
        else for (const verb of rule.verbs) addAll(named, JSON.stringify([group, resource, verb]), rule.resourceNames);
      }
    }
  }
  // Names of one resource and verb are merged; a verb the unnamed rule already grants needs no names.
  const namedVerbs = new Map<string, Set<string>>();
  for (const [key, names] of named) {
    const [group, resource, verb] = JSON.parse(key) as string[];
    if (unnamed.get(JSON.stringify([group, resource]))?.has(verb)) continue;
    addAll(namedVerbs, JSON.stringify([group, resource, [...names].sort(byText)]), [verb]);
  }
  const merged = new Map<string, PolicyRule>();
  const mergeInto = (group: string, resource: string, names: string[], verbSet: Set<string>) => {
    const verbs = sortVerbs(verbSet);
    const key = JSON.stringify([group, verbs, names]);
    const rule = merged.get(key) ?? { apiGroups: [group], resources: [], ...(names.length ? { resourceNames: names } : {}), verbs };
    rule.resources!.push(resource);
    merged.set(key, rule);
  };
  for (const [key, verbs] of unnamed) {
    const [group, resource] = JSON.parse(key) as string[];
    mergeInto(group, resource, [], verbs);
  }
  for (const [key, verbs] of namedVerbs) {
    const [group, resource, names] = JSON.parse(key) as [string, string, string[]];
    mergeInto(group, resource, names, verbs);
  }
  const resourceRules = [...merged.values()]
    .map((rule) => ({ ...rule, resources: [...rule.resources!].sort(byText) }))
    .sort((a, b) => byText(a.apiGroups![0], b.apiGroups![0]) || byText(a.resources[0], b.resources[0]) || byText(JSON.stringify(a.resourceNames ?? []), JSON.stringify(b.resourceNames ?? [])));
  const urlRules = new Map<string, PolicyRule>();
  for (const [url, verbSet] of urlVerbs) {
    const verbs = sortVerbs(verbSet);
    const key = verbs.join();
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

function addAll(map: Map<string, Set<string>>, key: string, verbs: string[]): void {
  const set = map.get(key) ?? new Set<string>();
  for (const verb of verbs) set.add(verb);
  map.set(key, set);
}
