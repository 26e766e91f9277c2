import type { PolicyIndex } from './policy-index';
import { ruleMismatch, type Mismatch } from './rule-matches';
import { subjectMatches } from './subjects';
import type { AccessRequest, PolicyRule, RbacBinding, RbacRole, UserInfo } from './types';

/** A binding that applies to the user, with the role it resolves to and how close its rules came. */
export interface ConsideredBinding {
  binding: RbacBinding;
  role?: RbacRole;
  /** For each rule of the role, the part that did not match (undefined: it matched). */
  mismatches: (Mismatch | undefined)[];
}

export interface Decision {
  allowed: boolean;
  decidedBy?: { binding: RbacBinding; role: RbacRole; rule: PolicyRule; ruleIndex: number };
  considered: ConsideredBinding[];
  resolutionErrors: string[];
}

/**
 * Kubernetes' RBAC authorizer (VisitRulesFor): ClusterRoleBindings first, then — only when the request
 * has a namespace — the RoleBindings of that namespace. Any matching rule allows; nothing ever denies.
 */
export function canI(index: PolicyIndex, user: UserInfo, request: AccessRequest): Decision {
  const decision: Decision = { allowed: false, considered: [], resolutionErrors: [] };
  const namespace = effectiveNamespace(request);
  const visit = (binding: RbacBinding, bindingNamespace: string | undefined): boolean => {
    if (!binding.subjects.some((s) => subjectMatches(s, bindingNamespace, user))) return false;
    const role = index.resolve(binding.roleRef, bindingNamespace);
    if (!role) {
      decision.resolutionErrors.push(resolutionError(binding, bindingNamespace));
      decision.considered.push({ binding, mismatches: [] });
      return false;
    }
    const rules = index.rulesOf(role);
    const mismatches = rules.map((rule) => ruleMismatch(rule, request));
    decision.considered.push({ binding, role, mismatches });
    const ruleIndex = mismatches.findIndex((m) => m === undefined);
    if (ruleIndex === -1) return false;
    decision.allowed = true;
    decision.decidedBy = { binding, role, rule: rules[ruleIndex], ruleIndex };
    return true;
  };
  for (const binding of index.clusterRoleBindings) if (visit(binding, undefined)) return decision;
  if (namespace) for (const binding of index.roleBindingsIn(namespace)) if (visit(binding, namespace)) return decision;
  return decision;
}

/** get/update/patch/delete of `namespaces/NAME` is evaluated in namespace NAME. */
export function effectiveNamespace(request: AccessRequest): string | undefined {
  if (request.kind !== 'resource') return undefined;
  if (request.apiGroup === '' && request.resource === 'namespaces' && request.name && !request.namespace) return request.name;
  return request.namespace || undefined;
}

function resolutionError(binding: RbacBinding, namespace: string | undefined): string {
  const { kind, name } = binding.roleRef;
  if (kind !== 'Role' && kind !== 'ClusterRole') return `${binding.kind} ${binding.name}: unknown roleRef kind "${kind}"`;
  return kind === 'Role'
    ? `role.rbac.authorization.k8s.io "${name}" not found (namespace ${namespace})`
    : `clusterrole.rbac.authorization.k8s.io "${name}" not found`;
}
