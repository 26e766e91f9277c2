import type { IndexChange } from '../model/index-update';
import type { BindingObject, K8sObject, RoleObject } from '../model/types';
import type { WorkspaceModel } from '../model/workspace-model';
import { toRbacBinding, toRbacRole } from '../model/workspace-policy';
import { selectorMatches } from '../rbac/aggregation';
import type { Policy, RbacBinding, RbacRole } from '../rbac/types';

/** The workspace's part of the policy and how to find a role by its roleRef, kept between edits. */
export interface PolicyState {
  policy: Policy;
  /** Roles by kind/namespace/name as the authorizer resolves a roleRef (the first definition wins). */
  roles: Map<string, RbacRole>;
  /** Each workspace object's RBAC form, valid while its file is unchanged. */
  converted: WeakMap<K8sObject, RbacRole | RbacBinding>;
  /** The ClusterRoles that aggregate others: a ClusterRole they select changes their rules. */
  aggregators: RbacRole[];
  /** Where each role and binding stands in the policy's lists (filled when the policy is merged). */
  positions: Map<RbacRole | RbacBinding, number>;
}

export function roleKey(kind: string, name: string, namespace: string | undefined): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

const isRole = (o: K8sObject): o is RoleObject => o.kind === 'Role' || o.kind === 'ClusterRole';
const isBinding = (o: K8sObject): o is BindingObject => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding';
const identity = (o: K8sObject) => `${o.kind}/${o.kind === 'Role' || o.kind === 'RoleBinding' ? o.namespace?.value ?? '' : ''}/${o.name}`;

/** The RBAC form of a role, converted once per version of its file. */
export function convertedRole(model: WorkspaceModel, state: Pick<PolicyState, 'converted'>, role: RoleObject): RbacRole {
  let converted = state.converted.get(role) as RbacRole | undefined;
  if (!converted) {
    converted = toRbacRole(model, role);
    state.converted.set(role, converted);
  }
  return converted;
}

export function convertedBinding(model: WorkspaceModel, state: Pick<PolicyState, 'converted'>, binding: BindingObject): RbacBinding {
  let converted = state.converted.get(binding) as RbacBinding | undefined;
  if (!converted) {
    converted = toRbacBinding(model, binding);
    state.converted.set(binding, converted);
  }
  return converted;
}

/**
 * The policy after edits that kept every changed file's roles and bindings what they were (same kinds,
 * namespaces and names, in the same order; rules, subjects and roleRefs may differ): each one replaced
 * where it stood. Undefined when an edit added, removed or renamed one, or touched aggregation: the
 * caller builds the policy again.
 */
export function replaceInPolicy(model: WorkspaceModel, state: PolicyState, changes: readonly IndexChange[]): Policy | undefined {
  const pairs: [K8sObject, K8sObject][] = [];
  for (const change of changes) {
    const before = change.removed.filter((o) => isRole(o) || isBinding(o));
    const after = change.added.filter((o) => isRole(o) || isBinding(o));
    if (before.length !== after.length) return undefined;
    for (let i = 0; i < before.length; i++) {
      if (identity(before[i]) !== identity(after[i])) return undefined;
      pairs.push([before[i], after[i]]);
    }
  }
  if (touchesAggregation(changes, state)) return undefined;
  // The lists are updated where they stand (a copy per keystroke costs as much as the workspace is
  // large); the policy object is new, so what was derived from the one before is not taken for it.
  const { roles, bindings } = state.policy;
  // Converted before any new conversion: an unchanged document's object is both before and after.
  const previous = pairs.map(([before]) => state.converted.get(before));
  if (previous.some((old) => !old || !state.positions.has(old))) return undefined;
  for (const [, after] of pairs) state.converted.delete(after);
  pairs.forEach(([, after], i) => {
    const old = previous[i]!;
    const at = state.positions.get(old)!;
    const now = isRole(after) ? convertedRole(model, state, after) : convertedBinding(model, state, after as BindingObject);
    if (now === old) return;
    if (isRole(after)) {
      roles[at] = now as RbacRole;
      const role = now as RbacRole;
      const key = roleKey(role.kind, role.name, role.namespace);
      if (state.roles.get(key) === old) state.roles.set(key, role);
    } else {
      bindings[at] = now as RbacBinding;
    }
    state.positions.delete(old);
    state.positions.set(now, at);
  });
  // Only chart templates hold partial objects, and a template's change builds the index again: these stay.
  return { roles, bindings, ...(state.policy.partial ? { partial: state.policy.partial } : {}) };
}

/** Each role's and binding's place in the policy's lists. */
export function policyPositions(policy: Policy): Map<RbacRole | RbacBinding, number> {
  const positions = new Map<RbacRole | RbacBinding, number>();
  policy.roles.forEach((role, at) => positions.set(role, at));
  policy.bindings.forEach((binding, at) => positions.set(binding, at));
  return positions;
}

/** Whether an edit changed a ClusterRole that aggregates others or that one of them selects (before or after). */
export function touchesAggregation(changes: readonly IndexChange[], state: Pick<PolicyState, 'aggregators'>): boolean {
  return changes.some((change) => [...change.removed, ...change.added].some((object) => aggregates(object, state)));
}

/** A ClusterRole that aggregates, or one an aggregating ClusterRole selects. */
function aggregates(object: K8sObject, state: Pick<PolicyState, 'aggregators'>): boolean {
  if (object.kind !== 'ClusterRole') return false;
  const role = object as RoleObject;
  if (role.aggregationRule) return true;
  return state.aggregators.some((a) => a.aggregationRule!.clusterRoleSelectors.some((s) => selectorMatches(s, role.labels)));
}
