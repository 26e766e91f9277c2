import { effectiveNamespace } from './authorize';
import type { PolicyIndex } from './policy-index';
import { ruleAllows } from './rule-matches';
import type { AccessRequest, PolicyRule, RbacBinding, RbacRole, Subject } from './types';
import { subjectUndecided, undecidedChain, type UndecidedMark } from './undecided';

/** A subject allowed to make the request, with the binding, role and first rule that grant it. */
export interface Grantee {
  /** As written in the binding; a ServiceAccount without namespace gets the RoleBinding's namespace. */
  subject: Subject;
  binding: RbacBinding;
  role: RbacRole;
  rule: PolicyRule;
  ruleIndex: number;
  /** Set when part of the chain may not render (a chart branch not decided): the subject might, not can. */
  undecided?: UndecidedMark;
}

/**
 * Every subject of every binding that would allow the request: ClusterRoleBindings, plus the
 * RoleBindings of the request's namespace when it has one. Groups (and a User named `*`) are listed
 * as written, not expanded; a namespace-less ServiceAccount in a ClusterRoleBinding matches nobody.
 * A grant whose chain holds a part that may not render is listed with `undecided` ("might"), never as certain.
 */
export function whoCan(index: PolicyIndex, request: AccessRequest): Grantee[] {
  const out: Grantee[] = [];
  const namespace = effectiveNamespace(request);
  const visit = (binding: RbacBinding, bindingNamespace: string | undefined) => {
    const role = index.resolve(binding.roleRef, bindingNamespace);
    if (!role) return;
    const rules = index.rulesOf(role);
    const first = rules.findIndex((r) => ruleAllows(r, request));
    if (first === -1) return;
    // The first rule that grants for sure to a subject that certainly renders (-1: none does).
    let sure = -1;
    for (let i = first; i < rules.length && sure === -1; i++) if (ruleAllows(rules[i], request) && !undecidedChain(index, binding, true, role, rules[i])) sure = i;
    binding.subjects.forEach((subject, subjectIndex) => {
      const resolved = subject.kind === 'ServiceAccount' && !subject.namespace && bindingNamespace ? { ...subject, namespace: bindingNamespace } : subject;
      if (resolved.kind === 'ServiceAccount' && !resolved.namespace) return;
      if (!['User', 'Group', 'ServiceAccount'].includes(resolved.kind)) return;
      const subjectKnown = !subjectUndecided(binding, subjectIndex);
      const ruleIndex = subjectKnown && sure !== -1 ? sure : first;
      const undecided = subjectKnown && sure !== -1 ? undefined : undecidedChain(index, binding, subjectKnown, role, rules[ruleIndex]);
      out.push({ subject: resolved, binding, role, rule: rules[ruleIndex], ruleIndex, ...(undecided ? { undecided } : {}) });
    });
  };
  for (const binding of index.clusterRoleBindings) visit(binding, undefined);
  if (namespace) for (const binding of index.roleBindingsIn(namespace)) visit(binding, namespace);
  return out;
}
