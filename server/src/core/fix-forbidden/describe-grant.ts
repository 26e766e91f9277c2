import type { PolicyRule } from '../rbac/types';
import type { DenialFacts } from './denial';

const UNNAMEABLE = ['list', 'watch', 'create', 'deletecollection'];

/**
 * The header of a generated grant says exactly what it grants: "Grants exactly what was denied" only
 * when the rule allows no more than the denied request; otherwise what it grants and how to narrow it.
 * The fields were validated (DNS names, path segments), so the text is the product's own words.
 */
export function describeGrant(denial: DenialFacts, rule: PolicyRule, namespace: string | undefined): { headline: string; notes: string[] } {
  if (rule.nonResourceURLs) return { headline: `Grants exactly what was denied: ${rule.verbs.join(', ')} on the path ${rule.nonResourceURLs.join(', ')}.`, notes: [] };
  const group = rule.apiGroups?.[0] ? ` (API group ${rule.apiGroups[0]})` : '';
  const where = namespace ? `in namespace ${namespace}` : 'in every namespace and at cluster scope';
  const resources = rule.resources?.join(', ') ?? '';
  const named = rule.resourceNames ? `${resources} named ${rule.resourceNames.join(', ')}` : `all ${resources}`;
  const extraVerbs = rule.verbs.filter((v) => v !== denial.verb);
  const unnamed = !!denial.resourceName && !rule.resourceNames;
  const what = `${rule.verbs.join(', ')} on ${named}${group} ${where}`;
  if (extraVerbs.length === 0 && !unnamed) return { headline: `Grants exactly what was denied: ${what}.`, notes: [] };
  const nameable = denial.subresource !== null || rule.verbs.every((v) => !UNNAMEABLE.includes(v));
  const narrow = unnamed && nameable ? `; add --resource-names to limit it to ${denial.resourceName}` : '';
  const notes = extraVerbs.length ? [`The denied verb was ${denial.verb}; ${extraVerbs.join(', ')} ${extraVerbs.length === 1 ? 'is' : 'are'} added because ${reasonFor(denial)}.`] : [];
  return { headline: `Grants ${what}${narrow}.`, notes };
}

function reasonFor(denial: DenialFacts): string {
  if (['exec', 'attach', 'portforward'].includes(denial.subresource ?? '')) return 'streaming clients need both get and create';
  return 'clients that use one usually need the other (--companions)';
}
