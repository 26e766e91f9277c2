import type { ResourceCatalog } from '../catalog/catalog';
import { splitResource } from '../catalog/catalog';
import type { PolicyRule } from '../rbac/types';

function words(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A rule in one plain sentence: "lets its subjects get, list and watch Deployments in apps, in namespace shop". */
export function describeRule(rule: PolicyRule, catalog: ResourceCatalog, scope: string): string {
  const verbs = rule.verbs.includes('*') ? 'do anything with' : words(rule.verbs);
  if (rule.nonResourceURLs?.length) return `lets its subjects ${verbs} the paths ${words(rule.nonResourceURLs.map((u) => `\`${u}\``))}`;
  const groups = rule.apiGroups ?? [];
  const resources = (rule.resources ?? []).map((r) => {
    if (r === '*') return 'every resource';
    const [base, sub] = splitResource(r);
    const group = groups.find((g) => catalog.lookup(g, base));
    const kind = group !== undefined ? catalog.lookup(group, base)?.kind : undefined;
    const name = kind ? `${kind}s` : `\`${base}\``;
    return sub ? `the ${sub} of ${name}` : name;
  });
  const groupText = groups.includes('*') ? 'in every API group' : `in ${words(groups.map((g) => (g === '' ? 'the core group' : g)))}`;
  const names = rule.resourceNames?.length ? ` named ${words(rule.resourceNames.map((n) => `\`${n}\``))}` : '';
  return `lets its subjects ${verbs} ${words(resources)}${names} ${groupText}, ${scope}`;
}
