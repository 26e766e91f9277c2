import type { PolicyRule } from './types';

/**
 * The privilege-escalation "covers" check (policy_comparator.go): servant rules are broken down into
 * atoms, and each atom must be covered by a single owner rule.
 */

/** Atoms of a rule: one group × one resource × one verb (× one resourceName), and one URL × one verb. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const atoms: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs ?? []) {
        const names = rule.resourceNames ?? [];
        if (names.length === 0) atoms.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
        for (const name of names) atoms.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs ?? []) atoms.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return atoms;
}

const hasAll = (set: string[], wanted: string[]) => wanted.every((w) => set.includes(w));

/** Owner resources cover servant resources: `*`, exact, or `*\/<sub>` for `x/<sub>`; a servant `*` only by `*`. */
function resourcesCover(owner: string[], servant: string[]): boolean {
  if (owner.includes('*') || hasAll(owner, servant)) return true;
  return servant.every((path) => {
    if (owner.includes(path)) return true;
    const slash = path.indexOf('/');
    return slash !== -1 && owner.includes(`*/${path.slice(slash + 1)}`);
  });
}

/** An owner URL covers a path if equal, or if it ends in `*` and the path starts with it minus the stars. */
function urlsCover(owner: string[], servant: string[]): boolean {
  return servant.every((path) => owner.some((o) => o === path || (o.endsWith('*') && path.startsWith(o.replace(/(?<!\*)\*+$/, '')))));
}

/**
 * Whether one owner rule covers an atom. Names: an owner rule without resourceNames covers any atom;
 * one with resourceNames covers only atoms naming one of them (never an unrestricted atom).
 */
export function ruleCovers(owner: PolicyRule, atom: PolicyRule): boolean {
  const ownerVerbs = owner.verbs ?? [];
  const ownerGroups = owner.apiGroups ?? [];
  const ownerNames = owner.resourceNames ?? [];
  const atomNames = atom.resourceNames ?? [];
  const verbs = ownerVerbs.includes('*') || hasAll(ownerVerbs, atom.verbs ?? []);
  const groups = ownerGroups.includes('*') || hasAll(ownerGroups, atom.apiGroups ?? []);
  const names = ownerNames.length === 0 || (atomNames.length > 0 && hasAll(ownerNames, atomNames));
  return verbs && groups && names && resourcesCover(owner.resources ?? [], atom.resources ?? []) && urlsCover(owner.nonResourceURLs ?? [], atom.nonResourceURLs ?? []);
}

/** Covers: whether the owner rules cover all servant rules, and the atoms they miss (uncompacted, in order). */
export function covers(ownerRules: PolicyRule[], servantRules: PolicyRule[]): { covers: boolean; missing: PolicyRule[] } {
  const missing = servantRules.flatMap(breakdownRule).filter((atom) => !ownerRules.some((owner) => ruleCovers(owner, atom)));
  return { covers: missing.length === 0, missing };
}

/** A rule with one group, one resource, at most one name, no URLs: merged by verb (policy_compact.go). */
function simpleKey(rule: PolicyRule): string | undefined {
  if ((rule.resourceNames ?? []).length > 1 || (rule.nonResourceURLs ?? []).length > 0) return undefined;
  if ((rule.apiGroups ?? []).length !== 1 || (rule.resources ?? []).length !== 1) return undefined;
  return JSON.stringify([rule.apiGroups![0], rule.resources![0], rule.resourceNames ?? []]);
}

/**
 * CompactRules: rules with the same single group + resource (+ at most one name) become one rule with
 * all their verbs; other rules stay as they are and come first.
 */
export function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const complex: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const k = simpleKey(rule);
    if (k === undefined) complex.push(rule);
    else if (simple.has(k)) simple.get(k)!.verbs.push(...(rule.verbs ?? []));
    else simple.set(k, { ...rule, verbs: [...(rule.verbs ?? [])] });
  }
  return [...complex, ...simple.values()];
}

/** The servant rules' atoms that the owner rules do not cover, compacted per group/resource (as in the 403). */
export function uncoveredRules(ownerRules: PolicyRule[], servantRules: PolicyRule[]): PolicyRule[] {
  return compactRules(covers(ownerRules, servantRules).missing);
}
