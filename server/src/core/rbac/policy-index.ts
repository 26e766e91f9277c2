import { aggregateClusterRoles } from './aggregation';
import type { Policy, PolicyRule, RbacBinding, RbacRole, RoleRef } from './types';

/** Identity of an RBAC object: kind, namespace (only for the namespaced kinds) and name. */
function key(kind: string, namespace: string | undefined, name: string): string {
  const namespaced = kind === 'Role' || kind === 'RoleBinding';
  return `${kind}/${namespaced ? (namespace ?? '') : ''}/${name}`;
}

const identity = (o: RbacRole | RbacBinding) => key(o.kind, o.namespace, o.name);

/**
 * Policies in order of precedence (workspace, cluster, defaults): an object replaces those of the same
 * kind, namespace and name in the policies after it, and comes first.
 */
export function mergePolicies(...policies: Policy[]): Policy {
  const firstOf = <T extends RbacRole | RbacBinding>(lists: T[][]): T[] => {
    const seen = new Set<string>();
    return lists.flat().filter((o) => !seen.has(identity(o)) && Boolean(seen.add(identity(o))));
  };
  return { roles: firstOf(policies.map((p) => p.roles)), bindings: firstOf(policies.map((p) => p.bindings)) };
}

/** What a binding's roleRef resolves to: the role, or the error the authorizer reports (`RBAC: …`). */
export type RoleResolution = { role: RbacRole; error?: undefined } | { role?: undefined; error: string };

/** A policy indexed for evaluation: roles by identity with aggregated rules, bindings by namespace. */
export class PolicyIndex {
  private readonly roles = new Map<string, RbacRole>();
  private readonly effective: Map<RbacRole, PolicyRule[]>;
  readonly clusterRoleBindings: RbacBinding[];
  private readonly roleBindings = new Map<string, RbacBinding[]>();

  constructor(readonly policy: Policy) {
    // The first definition wins, as mergeWithBuiltins puts workspace objects first.
    for (const role of policy.roles) {
      const k = identity(role);
      if (!this.roles.has(k)) this.roles.set(k, role);
    }
    this.effective = aggregateClusterRoles([...this.roles.values()].filter((r) => r.kind === 'ClusterRole'));
    this.clusterRoleBindings = policy.bindings.filter((b) => b.kind === 'ClusterRoleBinding');
    for (const binding of policy.bindings) {
      if (binding.kind !== 'RoleBinding') continue;
      const ns = binding.namespace ?? '';
      this.roleBindings.set(ns, [...(this.roleBindings.get(ns) ?? []), binding]);
    }
  }

  roleBindingsIn(namespace: string): RbacBinding[] {
    return this.roleBindings.get(namespace) ?? [];
  }

  allRoleBindings(): RbacBinding[] {
    return [...this.roleBindings.values()].flat();
  }

  /** The role a binding refers to: a Role in the binding's namespace, or a ClusterRole by name. */
  resolve(roleRef: RoleRef, bindingNamespace: string | undefined): RbacRole | undefined {
    if (roleRef.kind === 'Role') return bindingNamespace ? this.roles.get(key('Role', bindingNamespace, roleRef.name)) : undefined;
    if (roleRef.kind === 'ClusterRole') return this.roles.get(key('ClusterRole', undefined, roleRef.name));
    return undefined;
  }

  /**
   * As GetRoleReferenceRules: a `Role` in the binding's namespace (a ClusterRoleBinding has none, so
   * it is never found), a `ClusterRole` by name, any other kind unsupported. roleRef.apiGroup is not read.
   */
  resolveRef(roleRef: RoleRef, bindingNamespace: string | undefined): RoleResolution {
    if (roleRef.kind !== 'Role' && roleRef.kind !== 'ClusterRole') return { error: `unsupported role reference kind: "${roleRef.kind}"` };
    const role = this.resolve(roleRef, bindingNamespace);
    if (role) return { role };
    return { error: `${roleRef.kind === 'Role' ? 'role' : 'clusterrole'}.rbac.authorization.k8s.io "${roleRef.name}" not found` };
  }

  getRole(kind: 'Role' | 'ClusterRole', name: string, namespace?: string): RbacRole | undefined {
    return this.roles.get(key(kind, namespace, name));
  }

  /** A role's rules as the authorizer sees them (aggregated ClusterRoles included). */
  rulesOf(role: RbacRole): PolicyRule[] {
    return this.effective.get(role) ?? role.rules;
  }

  allRoles(): RbacRole[] {
    return [...this.roles.values()];
  }
}

const indexes = new WeakMap<Policy, PolicyIndex>();

/** The index of a policy, built once per policy object. */
export function indexOf(policy: Policy): PolicyIndex {
  let index = indexes.get(policy);
  if (!index) {
    index = new PolicyIndex(policy);
    indexes.set(policy, index);
  }
  return index;
}
