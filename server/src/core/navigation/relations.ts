import { lookupOf, subjectNamespace } from '../model/object-lookup';
import type { WorkspaceIndex } from '../model/workspace-model';
import type { BindingObject, RoleObject, ServiceAccountObject, WorkloadObject } from '../model/types';

/** Cross-object relations of the workspace: who binds a role, who uses a ServiceAccount. Looked up, never scanned. */

export { subjectNamespace };

/** The bindings that refer to a role. */
export function bindingsOfRole(index: WorkspaceIndex, role: RoleObject): BindingObject[] {
  return lookupOf(index).bindingsOfRole(role);
}

export function rolesOfBinding(index: WorkspaceIndex, binding: BindingObject): RoleObject[] {
  const { kind, name } = binding.roleRef;
  if (kind !== 'Role' && kind !== 'ClusterRole') return [];
  const named = lookupOf(index).rolesNamed(kind, name);
  return kind === 'ClusterRole' ? named : named.filter((r) => r.namespace?.value === binding.namespace?.value);
}

export function bindingsOfServiceAccount(index: WorkspaceIndex, sa: ServiceAccountObject): BindingObject[] {
  return lookupOf(index).bindingsOfServiceAccount(sa.namespace?.value, sa.name);
}

export function workloadsOfServiceAccount(index: WorkspaceIndex, sa: ServiceAccountObject): WorkloadObject[] {
  return lookupOf(index).workloadsRunningAs(sa.namespace?.value, sa.name);
}

export function serviceAccountsNamed(index: WorkspaceIndex, name: string, namespace: string | undefined): ServiceAccountObject[] {
  const named = lookupOf(index).serviceAccountsNamed(name);
  return namespace === undefined ? named : named.filter((sa) => sa.namespace?.value === namespace);
}
