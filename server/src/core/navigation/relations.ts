import type { WorkspaceIndex } from '../model/workspace-model';
import type { BindingObject, RoleObject, ServiceAccountObject, WorkloadObject } from '../model/types';

/** Cross-object relations of the workspace: who binds a role, who uses a ServiceAccount. */

const bindingsByRole = new WeakMap<WorkspaceIndex, Map<RoleObject, BindingObject[]>>();

/** The bindings that refer to a role. Cached per index: checks ask once per rule, on every keystroke. */
export function bindingsOfRole(index: WorkspaceIndex, role: RoleObject): BindingObject[] {
  let cache = bindingsByRole.get(index);
  if (!cache) {
    cache = new Map();
    bindingsByRole.set(index, cache);
  }
  let found = cache.get(role);
  if (!found) {
    found = index.bindings.filter((b) => {
      if (b.roleRef.name !== role.name || b.roleRef.kind !== role.kind) return false;
      return role.kind === 'ClusterRole' || (b.kind === 'RoleBinding' && b.namespace?.value === role.namespace?.value);
    });
    cache.set(role, found);
  }
  return found;
}

export function rolesOfBinding(index: WorkspaceIndex, binding: BindingObject): RoleObject[] {
  return index.roles.filter((r) => r.kind === binding.roleRef.kind && r.name === binding.roleRef.name &&
    (r.kind === 'ClusterRole' || r.namespace?.value === binding.namespace?.value));
}

/**
 * The namespace a ServiceAccount subject points at (a RoleBinding's own namespace when omitted). Subjects
 * of objects in kustomize builds are already what the build makes of them.
 */
export function subjectNamespace(binding: BindingObject, subject: { kind: string; namespace?: string }): string | undefined {
  return subject.namespace || (binding.kind === 'RoleBinding' ? binding.namespace?.value : undefined);
}

export function bindingsOfServiceAccount(index: WorkspaceIndex, sa: ServiceAccountObject): BindingObject[] {
  return index.bindings.filter((b) => b.subjects.some((s) => s.kind === 'ServiceAccount' && s.name === sa.name &&
    subjectNamespace(b, s) === sa.namespace?.value));
}

export function workloadsOfServiceAccount(index: WorkspaceIndex, sa: ServiceAccountObject): WorkloadObject[] {
  return index.workloads.filter((w) => (w.serviceAccountName ?? 'default') === sa.name && w.namespace?.value === sa.namespace?.value);
}

export function serviceAccountsNamed(index: WorkspaceIndex, name: string, namespace: string | undefined): ServiceAccountObject[] {
  return index.serviceAccounts.filter((sa) => sa.name === name && (namespace === undefined || sa.namespace?.value === namespace));
}
