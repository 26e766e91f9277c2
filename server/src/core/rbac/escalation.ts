import { canI } from './authorize';
import { compactRules, covers } from './covers';
import { compactString, goQuote, goQuoteList } from './go-format';
import type { PolicyIndex } from './policy-index';
import { MASTERS_GROUP, subjectMatches } from './subjects';
import type { PolicyRule, RbacBinding, RbacRole, UserInfo } from './types';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** What writing an aggregationRule requires without `escalate`: `*` on everything. */
export const FULL_AUTHORITY: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

/** Whether writing an RBAC object would pass the API server's privilege-escalation prevention. */
export interface WriteCheck {
  allowed: boolean;
  /** What allowed it: membership of system:masters, the escalate/bind verb, or holding every permission. */
  via?: 'system:masters' | 'escalate' | 'bind' | 'covered';
  /** Missing permissions, compacted per group/resource. */
  missing: PolicyRule[];
  /** The complete Forbidden message the API server returns. */
  message?: string;
}

/** Kubernetes' RulesFor: every rule that applies to the user in a namespace, plus resolution errors. */
export function rulesFor(index: PolicyIndex, user: UserInfo, namespace: string | undefined): { rules: PolicyRule[]; errors: string[] } {
  const rules: PolicyRule[] = [];
  const errors: string[] = [];
  const visit = (binding: RbacBinding, bindingNamespace: string | undefined) => {
    if (!binding.subjects.some((s) => subjectMatches(s, bindingNamespace, user))) return;
    const resolution = index.resolveRef(binding.roleRef, bindingNamespace);
    if (resolution.role) rules.push(...index.rulesOf(resolution.role));
    else errors.push(resolution.error);
  };
  for (const binding of index.clusterRoleBindingsFor(user)) visit(binding, undefined);
  if (namespace) for (const binding of index.roleBindingsFor(user, namespace)) visit(binding, namespace);
  return { rules, errors };
}

/** The escalation text after `is forbidden: `: lower-case `user`, Go-quoted groups, sorted unique lines. */
export function escalationMessage(user: UserInfo, missing: PolicyRule[], resolutionErrors: string[] = []): string {
  const lines = [...new Set(compactRules(missing).map(compactString))].sort();
  let message = `user ${goQuote(user.name)} (groups=${goQuoteList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${lines.join('\n')}`;
  if (resolutionErrors.length > 0) message += `; resolution errors: [${aggregateText(resolutionErrors)}]`;
  return message;
}

/** apimachinery's aggregate error text: one error as is, several (de-duplicated) as `[e1, e2]`. */
function aggregateText(errors: string[]): string {
  const unique = [...new Set(errors)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

/** ConfirmNoEscalation: the user's rules in the namespace must cover the rules. */
function confirmNoEscalation(index: PolicyIndex, user: UserInfo, namespace: string | undefined, rules: PolicyRule[]) {
  const owner = rulesFor(index, user, namespace);
  const result = covers(owner.rules, rules);
  return { missing: compactRules(result.missing), text: result.covers ? undefined : escalationMessage(user, result.missing, owner.errors) };
}

const qualified = (kind: string) => `${kind.toLowerCase()}s.${RBAC_GROUP}`;

/**
 * Creating or updating a Role/ClusterRole: allowed for system:masters, for holders of `escalate` on it
 * (the name only counts on update), or when the user's own rules in its namespace cover every rule; an
 * aggregationRule additionally needs full authority.
 */
export function checkRoleWrite(index: PolicyIndex, user: UserInfo, role: RbacRole, operation: 'create' | 'update' = 'create'): WriteCheck {
  if (user.groups.includes(MASTERS_GROUP)) return { allowed: true, via: 'system:masters', missing: [] };
  const namespace = role.kind === 'Role' ? role.namespace : undefined;
  const resource = role.kind === 'Role' ? 'roles' : 'clusterroles';
  const name = operation === 'update' ? role.name : undefined;
  if (canI(index, user, { kind: 'resource', verb: 'escalate', apiGroup: RBAC_GROUP, resource, name, namespace }).allowed) {
    return { allowed: true, via: 'escalate', missing: [] };
  }
  const prefix = `${qualified(role.kind)} ${goQuote(role.name)} is forbidden: `;
  const check = confirmNoEscalation(index, user, namespace, role.rules);
  if (check.text) return { allowed: false, missing: check.missing, message: prefix + check.text };
  if (role.kind === 'ClusterRole' && role.aggregationRule) {
    const full = confirmNoEscalation(index, user, undefined, FULL_AUTHORITY);
    if (full.text) return { allowed: false, missing: full.missing, message: `${prefix}must have cluster-admin privileges to use the aggregationRule` };
  }
  return { allowed: true, via: 'covered', missing: [] };
}

/**
 * Creating or updating a binding: allowed for system:masters, for holders of `bind` on the referenced
 * role (in the binding's namespace), or when the referenced role exists and the user's own rules in the
 * binding's namespace cover its rules.
 */
export function checkBindingWrite(index: PolicyIndex, user: UserInfo, binding: RbacBinding): WriteCheck {
  if (user.groups.includes(MASTERS_GROUP)) return { allowed: true, via: 'system:masters', missing: [] };
  const namespace = binding.kind === 'RoleBinding' ? binding.namespace : undefined;
  const { kind, name, apiGroup } = binding.roleRef;
  const resource = kind === 'Role' ? 'roles' : kind === 'ClusterRole' ? 'clusterroles' : undefined;
  if (resource && canI(index, user, { kind: 'resource', verb: 'bind', apiGroup: apiGroup || RBAC_GROUP, resource, name, namespace }).allowed) {
    return { allowed: true, via: 'bind', missing: [] };
  }
  const resolution = index.resolveRef(binding.roleRef, namespace);
  if (!resolution.role) return { allowed: false, missing: [], message: resolution.error.replace(/^(role|clusterrole)\./, '$1s.') };
  const check = confirmNoEscalation(index, user, namespace, index.rulesOf(resolution.role));
  if (!check.text) return { allowed: true, via: 'covered', missing: [] };
  return { allowed: false, missing: check.missing, message: `${qualified(binding.kind)} ${goQuote(binding.name)} is forbidden: ${check.text}` };
}
