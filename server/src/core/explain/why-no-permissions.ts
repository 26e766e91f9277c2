import { nearest } from '../catalog/suggest';
import type { CheckContext } from '../checks/check';
import { lookupOf, subjectNamespace } from '../model/object-lookup';
import type { BindingObject } from '../model/types';
import type { PolicyIndex } from '../rbac/policy-index';
import type { Subject } from '../rbac/types';

const where = (binding: BindingObject) => `${binding.kind} ${binding.namespace?.value ? `${binding.namespace.value}/` : ''}${binding.name}`;

/**
 * Why a subject gets nothing from the workspace's bindings in a namespace, one reason per binding that
 * comes close: none names it; one names a ServiceAccount of that name in another namespace; one binds it
 * to a role that does not exist (or exists in another namespace); one grants only in another namespace;
 * one binds a role without rules.
 */
export function whyNoPermissions(context: CheckContext, index: PolicyIndex, subject: Subject, namespace: string | undefined): string[] {
  const lookup = lookupOf(context.index);
  const candidates = subject.kind === 'ServiceAccount'
    ? lookup.bindingsWithAccountNamed(subject.name)
    : context.index.bindings.filter((b) => b.subjects.some((s) => s.kind === subject.kind && s.name === subject.name));
  const reasons: string[] = [];
  for (const binding of candidates) {
    const named = binding.subjects.filter((s) => s.kind === subject.kind && s.name === subject.name);
    if (subject.kind === 'ServiceAccount') {
      const at = named.map((s) => subjectNamespace(binding, s));
      if (!at.includes(subject.namespace)) {
        reasons.push(`${where(binding)} names ServiceAccount ${at.map((ns) => `${ns ?? '(no namespace)'}/${subject.name}`).join(', ')}, not ${subject.namespace ?? namespace ?? ''}/${subject.name}`);
        continue;
      }
    }
    const bindingNamespace = binding.kind === 'RoleBinding' ? binding.namespace?.value : undefined;
    const { kind, name } = binding.roleRef;
    const role = context.resolveRoleRef(binding.roleRef, bindingNamespace);
    if (!role) {
      const elsewhere = kind === 'Role' ? index.rolesNamed('Role', name).map((r) => r.namespace).filter(Boolean) : [];
      const near = kind === 'Role' || kind === 'ClusterRole' ? nearest(name, index.roleNamesIn(kind, kind === 'Role' ? bindingNamespace : undefined)) : undefined;
      reasons.push(`${where(binding)} binds it to ${kind} \`${name}\`, which ${elsewhere.length
        ? `exists only in namespace ${elsewhere.join(', ')} (a RoleBinding uses the Role of its own namespace)`
        : `does not exist${near ? ` — \`${near}\` does` : ''}`}`);
      continue;
    }
    if (bindingNamespace && namespace && bindingNamespace !== namespace) {
      reasons.push(`${where(binding)} grants ${kind} ${name} only in namespace ${bindingNamespace}, not in ${namespace}`);
      continue;
    }
    if (index.rulesOf(role).length === 0) reasons.push(`${where(binding)} binds ${kind} ${name}, which has no rules`);
  }
  if (reasons.length === 0) reasons.push('no RoleBinding or ClusterRoleBinding in these manifests names it');
  return reasons;
}
