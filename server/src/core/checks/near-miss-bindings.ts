import { nearest } from '../catalog/suggest';
import type { BindingObject, RoleObject } from '../model/types';
import { subjectNamespace } from '../navigation/relations';
import { indexOf } from '../rbac/policy-index';
import type { Subject } from '../rbac/types';
import type { CheckContext } from './check';
import { nameProblem } from './rules/rbac027-invalid-name';
import { positioned } from '../model/syntax-trees';

/**
 * The role a binding evidently meant when its roleRef names no role: the nearest name among the roles
 * it could reach (a typo, `reprots` for `reports`). RBAC009 offers to change the roleRef to it; RBAC005
 * and RBAC024 bind its subjects. Undefined when the roleRef resolves, or nothing is near.
 */
export function nearRoleName(context: CheckContext, binding: BindingObject): string | undefined {
  const { kind, name } = binding.roleRef;
  if (!positioned(binding.doc) || !name || (kind !== 'Role' && kind !== 'ClusterRole')) return undefined;
  if (nameProblem(name, undefined) || (binding.kind === 'ClusterRoleBinding' && kind === 'Role')) return undefined;
  const namespace = binding.kind === 'RoleBinding' ? binding.namespace?.value : undefined;
  if (context.resolveRoleRef(binding.roleRef, namespace)) return undefined;
  // A Role of that very name in another namespace is what it meant (RBAC011), not a near one.
  if (kind === 'Role' && indexOf(context.policy).rolesNamed('Role', name).length > 0) return undefined;
  const near = nearest(name, indexOf(context.policy).roleNamesIn(kind, kind === 'Role' ? namespace : undefined));
  // Names that differ only in their digits (app-1, app-2; v1, v2) are siblings, not typos of each other.
  return near !== undefined && withoutDigits(near) === withoutDigits(name) ? undefined : near;
}

const withoutDigits = (name: string) => name.replace(/[0-9]/g, '');

const roleKey = (kind: string, namespace: string | undefined, name: string) => `${kind}\u0000${kind === 'Role' ? namespace ?? '' : ''}\u0000${name}`;
const memo = new WeakMap<object, { version: number; byRole: Map<string, BindingObject[]> }>();

/**
 * The bindings whose roleRef nearly names `role` and names nothing else: one pass over the workspace's
 * bindings per workspace version (all of them, also when the checks run again on some files only).
 */
export function nearMissBindingsOf(context: CheckContext, role: RoleObject): BindingObject[] {
  const workspace = context.model.index;
  let entry = memo.get(workspace);
  if (!entry || entry.version !== context.model.version) {
    const byRole = new Map<string, BindingObject[]>();
    for (const binding of workspace.bindings) {
      const near = nearRoleName(context, binding);
      if (!near) continue;
      const key = roleKey(binding.roleRef.kind, binding.kind === 'RoleBinding' ? binding.namespace?.value : undefined, near);
      byRole.set(key, [...(byRole.get(key) ?? []), binding]);
    }
    entry = { version: context.model.version, byRole };
    memo.set(workspace, entry);
  }
  return entry.byRole.get(roleKey(role.kind, role.namespace?.value, role.name)) ?? [];
}

/** The subjects of bindings, a ServiceAccount's namespace filled in from its RoleBinding, each once. */
export function subjectsOf(bindings: BindingObject[]): Subject[] {
  const seen = new Set<string>();
  const out: Subject[] = [];
  for (const binding of bindings) {
    for (const s of binding.subjects) {
      const subject = s.kind === 'ServiceAccount' ? { ...s, namespace: subjectNamespace(binding, s) } : s;
      const key = `${subject.kind}\u0000${subject.namespace ?? ''}\u0000${subject.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(subject);
    }
  }
  return out;
}
