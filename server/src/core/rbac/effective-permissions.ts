import { partialRulesFor, rolesMightBeReferred, partialMark } from './partial-grants';
import type { PolicyIndex } from './policy-index';
import { subjectMatches } from './subjects';
import type { PolicyRule, RbacBinding, RbacRole, UserInfo } from './types';
import { subjectUndecided, undecidedChain, type UndecidedMark } from './undecided';

export interface EffectiveRule {
  rule: PolicyRule;
  ruleIndex: number;
  binding: RbacBinding;
  role: RbacRole;
  /**
   * Granted by a ClusterRoleBinding: applies in every namespace and at cluster scope. Otherwise granted
   * by a RoleBinding and limited to its namespace (never cluster-scoped resources or paths).
   */
  clusterWide: boolean;
  /** Part of the chain may not render (a chart branch not decided): the user might hold this rule, not certainly. */
  undecided?: UndecidedMark;
}

/**
 * The rules that apply to a user (Kubernetes' RulesFor): those of matching ClusterRoleBindings, plus —
 * with a namespace — those of matching RoleBindings in it. Unresolvable roles contribute nothing; rules
 * whose chain may not render carry `undecided`.
 */
export function effectiveRules(index: PolicyIndex, user: UserInfo, namespace?: string): EffectiveRule[] {
  const out: EffectiveRule[] = [];
  const collect = (binding: RbacBinding, bindingNamespace: string | undefined, clusterWide: boolean) => {
    const matching = binding.subjects.flatMap((s, i) => (subjectMatches(s, bindingNamespace, user) ? [i] : []));
    if (matching.length === 0) return;
    const role = index.resolve(binding.roleRef, bindingNamespace);
    if (!role) {
      // A role a chart renders under a name that could not be read might be the one it names.
      for (const partial of rolesMightBeReferred(index, binding, bindingNamespace)) {
        index.rulesOf(partial).forEach((rule, ruleIndex) => out.push({ rule, ruleIndex, binding, role: partial, clusterWide, undecided: partialMark(binding, partial) }));
      }
      return;
    }
    const subjectKnown = matching.some((i) => !subjectUndecided(binding, i));
    index.rulesOf(role).forEach((rule, ruleIndex) => {
      const undecided = undecidedChain(index, binding, subjectKnown, role, rule);
      out.push({ rule, ruleIndex, binding, role, clusterWide, ...(undecided ? { undecided } : {}) });
    });
  };
  for (const binding of index.clusterRoleBindingsFor(user)) collect(binding, undefined, true);
  if (namespace) for (const binding of index.roleBindingsFor(user, namespace)) collect(binding, namespace, false);
  for (const { mark, ...rest } of partialRulesFor(index, user, namespace)) out.push({ ...rest, undecided: mark });
  return out;
}

/** Namespaces where a user holds any RoleBinding (for "K rules in J namespaces"). */
export function namespacesWithGrants(index: PolicyIndex, user: UserInfo): string[] {
  const namespaces = new Set<string>();
  for (const binding of index.allRoleBindingsFor(user)) {
    if (binding.namespace && binding.subjects.some((s) => subjectMatches(s, binding.namespace, user))) namespaces.add(binding.namespace);
  }
  // Chart RoleBindings that could not be read whole, in a namespace that is known.
  for (const binding of index.partialBindings()) {
    if (binding.kind !== 'RoleBinding' || binding.unknownParts?.namespace || !binding.namespace) continue;
    if (binding.unknownParts?.subjects || binding.subjects.some((s) => subjectMatches(s, binding.namespace, user))) namespaces.add(binding.namespace);
  }
  return [...namespaces].sort();
}
