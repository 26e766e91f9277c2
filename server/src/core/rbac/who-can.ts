import { effectiveNamespace, unreadSubjectsGrant } from './authorize';
import type { PolicyIndex } from './policy-index';
import { partialBindingGrants, unresolvedRefGrant } from './partial-grants';
import { ruleAllows } from './rule-matches';
import type { AccessRequest, PolicyRule, RbacBinding, RbacRole, Subject } from './types';
import { subjectUndecided, undecidedChain, type UndecidedMark } from './undecided';

/** A subject allowed to make the request, with the binding, role and first rule that grant it. */
export interface Grantee {
  /** As written in the binding; a ServiceAccount without namespace gets the RoleBinding's namespace. */
  subject: Subject;
  binding: RbacBinding;
  role: RbacRole;
  /** Undefined (ruleIndex -1) when the role's rules could not all be read: it might grant. */
  rule?: PolicyRule;
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
    if (!role) {
      // A role a chart renders under a name that could not be read might be the one it names.
      const partial = unresolvedRefGrant(index, binding, bindingNamespace, request);
      if (partial) for (const subject of grantable(binding.subjects, bindingNamespace)) out.push({ subject, binding, role: partial.role, ...(partial.rule ? { rule: partial.rule } : {}), ruleIndex: partial.ruleIndex, undecided: partial.mark });
      return;
    }
    const rules = index.rulesOf(role);
    const first = rules.findIndex((r) => ruleAllows(r, request));
    const unread = index.unreadRuleFor(role, request);
    if (first === -1 && !unread) return;
    // The first rule that grants for sure to a subject that certainly renders (-1: none does).
    let sure = -1;
    for (let i = Math.max(first, 0); first !== -1 && i < rules.length && sure === -1; i++) if (ruleAllows(rules[i], request) && !undecidedChain(index, binding, true, role, rules[i])) sure = i;
    binding.subjects.forEach((subject, subjectIndex) => {
      const resolved = subject.kind === 'ServiceAccount' && !subject.namespace && bindingNamespace ? { ...subject, namespace: bindingNamespace } : subject;
      if (resolved.kind === 'ServiceAccount' && !resolved.namespace) return;
      if (!['User', 'Group', 'ServiceAccount'].includes(resolved.kind)) return;
      const subjectKnown = !subjectUndecided(binding, subjectIndex);
      if (first === -1) {
        out.push({ subject: resolved, binding, role, ruleIndex: -1, undecided: { why: `${role.kind} ${role.name} has rules that could not be read (${unread!.why})`, file: unread!.file ?? role.origin.file, line: unread!.line ?? role.origin.line } });
        return;
      }
      const ruleIndex = subjectKnown && sure !== -1 ? sure : first;
      const undecided = subjectKnown && sure !== -1 ? undefined : undecidedChain(index, binding, subjectKnown, role, rules[ruleIndex]);
      out.push({ subject: resolved, binding, role, rule: rules[ruleIndex], ruleIndex, ...(undecided ? { undecided } : {}) });
    });
  };
  for (const binding of index.clusterRoleBindings) visit(binding, undefined);
  if (namespace) for (const binding of index.roleBindingsIn(namespace)) visit(binding, namespace);
  // Subjects that could not be read, and subjects of roles whose rules could not be read: they might.
  for (const binding of index.bindingsWithUnreadSubjects()) {
    if (binding.kind === 'RoleBinding' && binding.namespace !== namespace) continue;
    const grant = unreadSubjectsGrant(index, binding, request);
    if (grant) out.push({ subject: UNREAD_SUBJECTS, binding, role: grant.role, ...(grant.rule ? { rule: grant.rule } : {}), ruleIndex: grant.ruleIndex, undecided: grant.mark });
  }
  // Bindings a chart renders whose name, namespace, roleRef or subjects could not be read: their subjects might.
  for (const grant of partialBindingGrants(index, request, namespace)) {
    const chain = { binding: grant.binding, role: grant.role, ...(grant.rule ? { rule: grant.rule } : {}), ruleIndex: grant.ruleIndex, undecided: grant.mark };
    for (const subject of grant.subjects) out.push({ subject, ...chain });
    if (grant.anyone) out.push({ subject: UNREAD_SUBJECTS, ...chain });
  }
  return out;
}

/** Who stands for subjects that could not be read: anyone might be one of them. */
const UNREAD_SUBJECTS: Subject = { kind: '?', name: 'subjects that could not be read' };

/** The subjects of a binding that can match a user, a ServiceAccount without namespace taking the RoleBinding's. */
function grantable(subjects: Subject[], bindingNamespace: string | undefined): Subject[] {
  return subjects
    .map((s) => (s.kind === 'ServiceAccount' && !s.namespace && bindingNamespace ? { ...s, namespace: bindingNamespace } : s))
    .filter((s) => ['User', 'Group', 'ServiceAccount'].includes(s.kind) && (s.kind !== 'ServiceAccount' || !!s.namespace));
}
