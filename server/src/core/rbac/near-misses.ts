import { effectiveNamespace } from './authorize';
import { undecidedChain } from './undecided';
import type { PolicyIndex } from './policy-index';
import { ruleAllows } from './rule-matches';
import { subjectMatches } from './subjects';
import type { AccessRequest, PolicyRule, RbacBinding, RbacRole, UserInfo } from './types';
import { whoCan } from './who-can';

/**
 * Why a denied request is not granted although a binding almost grants it:
 * - `other-namespace`: a RoleBinding naming the user, in another namespace, would allow it there;
 * - `cluster-scope`: the request is cluster-scoped (or across all namespaces), and a RoleBinding naming
 *   the user would allow it inside its own namespace — RoleBindings never grant at cluster scope;
 * - `other-subject`: a binding that applies here grants it, but does not name the user or their groups.
 */
export interface NearMiss {
  reason: 'other-namespace' | 'cluster-scope' | 'other-subject';
  binding: RbacBinding;
  role: RbacRole;
  rule: PolicyRule;
  ruleIndex: number;
}

/** Binding-level near misses of a request for a user (empty when nothing comes close). */
export function nearMisses(index: PolicyIndex, user: UserInfo, request: AccessRequest): NearMiss[] {
  const out: NearMiss[] = [];
  const namespace = effectiveNamespace(request);
  if (request.kind === 'resource') {
    for (const binding of index.allRoleBindingsFor(user)) {
      if (!binding.namespace || binding.namespace === namespace) continue;
      if (!binding.subjects.some((s) => subjectMatches(s, binding.namespace, user))) continue;
      const hit = grantingRule(index, binding, { ...request, namespace: binding.namespace });
      if (hit) out.push({ reason: namespace ? 'other-namespace' : 'cluster-scope', binding, ...hit });
    }
  }
  const seen = new Set<RbacBinding>();
  for (const grantee of whoCan(index, request)) {
    if (grantee.undecided || !grantee.rule || seen.has(grantee.binding) || grantee.binding.subjects.some((s) => subjectMatches(s, grantee.binding.namespace, user))) continue;
    seen.add(grantee.binding);
    out.push({ reason: 'other-subject', binding: grantee.binding, role: grantee.role, rule: grantee.rule, ruleIndex: grantee.ruleIndex });
  }
  return out;
}

function grantingRule(index: PolicyIndex, binding: RbacBinding, request: AccessRequest): Omit<NearMiss, 'reason' | 'binding'> | undefined {
  const role = index.resolve(binding.roleRef, binding.namespace);
  if (!role) return undefined;
  const rules = index.rulesOf(role);
  const ruleIndex = rules.findIndex((r) => ruleAllows(r, request) && !undecidedChain(index, binding, true, role, r));
  return ruleIndex === -1 ? undefined : { role, rule: rules[ruleIndex], ruleIndex };
}
