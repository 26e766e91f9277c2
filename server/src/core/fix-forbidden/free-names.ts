import type { PolicyIndex } from '../rbac/policy-index';

const bindingNames = new WeakMap<PolicyIndex, Set<string>>();

function takenBindings(index: PolicyIndex): Set<string> {
  let names = bindingNames.get(index);
  if (!names) {
    names = new Set(index.policy.bindings.map((b) => `${b.kind}/${b.kind === 'RoleBinding' ? b.namespace ?? '' : ''}/${b.name}`));
    bindingNames.set(index, names);
  }
  return names;
}

/**
 * A name for a new role and its binding that no role or binding of that kind and namespace already has
 * (in the workspace, a connected cluster or the defaults): applying the "new" objects must never replace
 * one that others are bound to. `base`, else `base-2`, `base-3`… (kept within 63 characters). Names in
 * `reserved` are taken too, and the chosen one is added: the changes of one log never share a name.
 */
export function freeName(index: PolicyIndex, roleKind: 'Role' | 'ClusterRole', namespace: string | undefined, base: string, bindingOnly = false, reserved?: Set<string>): string {
  const ns = roleKind === 'Role' ? namespace : undefined;
  const bindingKind = roleKind === 'Role' ? 'RoleBinding' : 'ClusterRoleBinding';
  const key = (name: string) => `${roleKind}/${ns ?? ''}/${name}`;
  const taken = (name: string) => (!bindingOnly && index.getRole(roleKind, name, ns) !== undefined)
    || takenBindings(index).has(`${bindingKind}/${ns ?? ''}/${name}`) || reserved?.has(key(name)) === true;
  let name = base;
  for (let n = 2; taken(name); n++) {
    const suffix = `-${n}`;
    name = `${base.slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
  }
  reserved?.add(key(name));
  return name;
}
