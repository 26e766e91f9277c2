import type { PolicyIndex } from './policy-index';
import { ruleAllows } from './rule-matches';
import { effectiveNamespace } from './authorize';
import type { AccessRequest, PolicyRule, RbacBinding, RbacRole, Subject } from './types';

export interface Grantee {
  subject: Subject;
  binding: RbacBinding;
  role: RbacRole;
  rule: PolicyRule;
}

/** Every subject of every binding that would allow the request (groups listed as written). */
export function whoCan(index: PolicyIndex, request: AccessRequest): Grantee[] {
  const out: Grantee[] = [];
  const namespace = effectiveNamespace(request);
  const visit = (binding: RbacBinding, bindingNamespace: string | undefined) => {
    const role = index.resolve(binding.roleRef, bindingNamespace);
    if (!role) return;
    const rule = index.rulesOf(role).find((r) => ruleAllows(r, request));
    if (!rule) return;
    for (const subject of binding.subjects) {
      const resolved = subject.kind === 'ServiceAccount' && !subject.namespace && bindingNamespace ? { ...subject, namespace: bindingNamespace } : subject;
      if (resolved.kind === 'ServiceAccount' && !resolved.namespace) continue;
      out.push({ subject: resolved, binding, role, rule });
    }
  };
  for (const binding of index.clusterRoleBindings) visit(binding, undefined);
  if (namespace) for (const binding of index.roleBindingsIn(namespace)) visit(binding, namespace);
  return out;
}
