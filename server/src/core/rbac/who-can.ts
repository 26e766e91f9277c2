import { effectiveNamespace } from './authorize';
import type { PolicyIndex } from './policy-index';
import { ruleAllows } from './rule-matches';
import type { AccessRequest, PolicyRule, RbacBinding, RbacRole, Subject } from './types';

/** A subject allowed to make the request, with the binding, role and first rule that grant it. */
export interface Grantee {
  /** As written in the binding; a ServiceAccount without namespace gets the RoleBinding's namespace. */
  subject: Subject;
  binding: RbacBinding;
  role: RbacRole;
  rule: PolicyRule;
  ruleIndex: number;
}

/**
 * Every subject of every binding that would allow the request: ClusterRoleBindings, plus the
 * RoleBindings of the request's namespace when it has one. Groups (and a User named `*`) are listed
 * as written, not expanded; a namespace-less ServiceAccount in a ClusterRoleBinding matches nobody.
 */
export function whoCan(index: PolicyIndex, request: AccessRequest): Grantee[] {
  const out: Grantee[] = [];
  const namespace = effectiveNamespace(request);
  const visit = (binding: RbacBinding, bindingNamespace: string | undefined) => {
    const role = index.resolve(binding.roleRef, bindingNamespace);
    if (!role) return;
    const rules = index.rulesOf(role);
    const ruleIndex = rules.findIndex((r) => ruleAllows(r, request));
    if (ruleIndex === -1) return;
    for (const subject of binding.subjects) {
      const resolved = subject.kind === 'ServiceAccount' && !subject.namespace && bindingNamespace ? { ...subject, namespace: bindingNamespace } : subject;
      if (resolved.kind === 'ServiceAccount' && !resolved.namespace) continue;
      if (!['User', 'Group', 'ServiceAccount'].includes(resolved.kind)) continue;
      out.push({ subject: resolved, binding, role, rule: rules[ruleIndex], ruleIndex });
    }
  };
  for (const binding of index.clusterRoleBindings) visit(binding, undefined);
  if (namespace) for (const binding of index.roleBindingsIn(namespace)) visit(binding, namespace);
  return out;
}
