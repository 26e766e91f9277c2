import { ruleAllows } from '../rbac/rule-matches';
import type { PolicyRule } from '../rbac/types';
import type { RoleObject } from '../model/types';
import { bindingsOfRole } from '../navigation/relations';
import type { CheckContext } from './check';
import { scalarItems, type RuleNodes } from './helpers';

/** Whether a rule allows any of `verbs` on group/resource[/sub] (wildcards included, as the authorizer matches). */
export function allows(rule: PolicyRule, verbs: string[], group: string, resource: string, subresource?: string): string[] {
  return verbs.filter((verb) => ruleAllows(rule, { kind: 'resource', verb, apiGroup: group, resource, subresource }));
}

/** A rule whose verbs, resources and groups are all `*`: full control, reported once as a wildcard. */
export function isFullWildcard(rule: PolicyRule): boolean {
  return rule.verbs.includes('*') && (rule.resources ?? []).includes('*') && (rule.apiGroups ?? []).includes('*');
}

/** Rules written with `*` are RBAC101's business; the specific risky checks skip them to avoid double reports. */
export function hasWildcard(rule: PolicyRule): boolean {
  return rule.verbs.includes('*') || (rule.resources ?? []).some((r) => r === '*' || r.startsWith('*/')) || (rule.apiGroups ?? []).includes('*');
}

/** A ClusterRole bound by a ClusterRoleBinding grants everywhere. */
export function boundClusterWide(context: CheckContext, role: RoleObject): boolean {
  return role.kind === 'ClusterRole' && bindingsOfRole(context.index, role).some((b) => b.kind === 'ClusterRoleBinding');
}

export function ruleOf(rule: RuleNodes): PolicyRule {
  return rule.role.rules[rule.index];
}

export function firstItem(rule: RuleNodes, field: 'verbs' | 'resources', value: string) {
  return scalarItems(rule.fields[field]).find((i) => i.value === value);
}

/**
 * Whether people (User or Group subjects) hold this role. Controllers' ServiceAccounts usually need
 * their broad grants by design; the same grant to people is the one a reviewer should look at.
 */
export function heldByPeople(context: CheckContext, role: RoleObject): boolean {
  return bindingsOfRole(context.index, role).some((b) => b.subjects.some((s) => s.kind === 'User' || s.kind === 'Group'));
}
