import { STANDARD_VERBS } from '../catalog/verbs';
import { effectiveRules, namespacesWithGrants, type EffectiveRule } from '../rbac/effective-permissions';
import type { PolicyIndex } from '../rbac/policy-index';
import { identityOf, subjectUserName } from '../rbac/subjects';
import { NOT_KNOWN, type Subject } from '../rbac/types';
import { isEveryonesDefault } from './permissions-markdown';
import { qualifiedResource } from '../rbac/resource-name';

/**
 * A subject's permissions as a matrix, like `rakkess` but from the manifests: one table per namespace
 * (and one for cluster-wide grants), resources down, verbs across.
 */
export function permissionsMatrix(index: PolicyIndex, subject: Subject): string {
  const user = identityOf(subjectUserName(subject, subject.namespace));
  const own = (ns?: string) => effectiveRules(index, user, ns).filter((r) => !isEveryonesDefault(r.binding));
  const clusterWide = own();
  const title = subject.kind === 'ServiceAccount' ? `ServiceAccount ${subject.namespace}/${subject.name}` : `${subject.kind} ${subject.name}`;
  const sections = [`# Effective permissions of ${title}`];
  if (clusterWide.length) sections.push(`## Cluster-wide (every namespace and cluster-scoped resources)\n\n${table(clusterWide)}`);
  for (const ns of namespacesWithGrants(index, user)) {
    const local = own(ns).filter((r) => !r.clusterWide);
    if (local.length) sections.push(`## Namespace ${ns}\n\n${table(local)}`);
  }
  // Chart RoleBindings whose namespace could not be read might grant in any namespace.
  const somewhere = own(NOT_KNOWN).filter((r) => !r.clusterWide);
  if (somewhere.length) sections.push(`## A namespace not known (a chart's RoleBinding whose namespace could not be read)\n\n${table(somewhere)}`);
  if (sections.length === 1) sections.push('No permissions from these manifests (besides API discovery and self reviews, which every authenticated user has).');
  return sections.join('\n\n');
}

function table(rules: EffectiveRule[]): string {
  const verbs = [...STANDARD_VERBS] as string[];
  const extra = new Set<string>();
  const rows = new Map<string, Set<string>>();
  const might = new Map<string, Set<string>>();
  for (const { rule, undecided } of rules) {
    const targets = rule.nonResourceURLs?.length
      ? rule.nonResourceURLs.map((u) => `\`${u}\``)
      : (rule.resources ?? []).flatMap((r) => (rule.apiGroups ?? []).map((g) => `${qualifiedResource(r, g)}${rule.resourceNames?.length ? ` (${rule.resourceNames.join(', ')})` : ''}`));
    for (const target of targets) {
      const set = rows.get(target) ?? new Set<string>();
      const maybe = might.get(target) ?? new Set<string>();
      // Rules that may not render mark their cells `?`: might, not held.
      const into = undecided ? maybe : set;
      for (const verb of rule.verbs) {
        if (verb === '*') verbs.forEach((v) => into.add(v));
        into.add(verb);
        if (verb !== '*' && !verbs.includes(verb)) extra.add(verb);
      }
      rows.set(target, set);
      might.set(target, maybe);
    }
  }
  const columns = [...verbs, ...extra, '*'];
  const header = `| resource | ${columns.join(' | ')} |\n|---|${columns.map(() => ':-:').join('|')}|`;
  const body = [...rows.entries()].sort(([a], [b]) => a.localeCompare(b))
    .map(([target, set]) => `| ${target} | ${columns.map((c) => (set.has(c) ? '✓' : might.get(target)?.has(c) ? '?' : '')).join(' | ')} |`);
  const note = [...might.values()].some((m) => m.size > 0) ? '\n\n`?`: might, not known — granted only by a rule a chart renders under a condition that could not be decided, or by a chart object that could not be read whole.' : '';
  return `${header}\n${body.join('\n')}${note}`;
}
