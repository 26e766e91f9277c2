import type { LabelSelector, Policy, PolicyRule, RbacBinding, RbacRole, RoleRef, Subject } from '../rbac/types';
import { mergePolicies } from '../rbac/policy-index';
import type { ClusterSnapshot } from './snapshot';

/** The fields of a Role, ClusterRole, RoleBinding or ClusterRoleBinding as the API server returns them. */
export interface LiveRbacObject {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  rules?: PolicyRule[] | null;
  aggregationRule?: { clusterRoleSelectors?: LabelSelector[] | null } | null;
  roleRef?: RoleRef;
  subjects?: Subject[] | null;
}

export interface LiveRbacLists {
  roles: LiveRbacObject[];
  clusterRoles: LiveRbacObject[];
  roleBindings: LiveRbacObject[];
  clusterRoleBindings: LiveRbacObject[];
}

// The API server labels the roles it creates and reconciles itself.
const BOOTSTRAP_LABEL = 'kubernetes.io/bootstrapping';

/**
 * Live roles and bindings as evaluator data. A cluster's own default roles keep `builtin` as their
 * source (they are Kubernetes' defaults, in the version the cluster runs); everything carries the context.
 */
export function policyFromCluster(lists: LiveRbacLists, context: string): Policy {
  const origin = (object: LiveRbacObject) => ({
    source: object.metadata?.labels?.[BOOTSTRAP_LABEL] === 'rbac-defaults' ? ('builtin' as const) : ('cluster' as const),
    cluster: context,
  });
  const role = (kind: RbacRole['kind']) => (object: LiveRbacObject): RbacRole | undefined => {
    const name = object.metadata?.name;
    if (!name) return undefined;
    const selectors = object.aggregationRule?.clusterRoleSelectors;
    return {
      kind,
      name,
      namespace: kind === 'Role' ? object.metadata?.namespace : undefined,
      labels: object.metadata?.labels ?? {},
      rules: object.rules ?? [],
      ...(selectors ? { aggregationRule: { clusterRoleSelectors: selectors } } : {}),
      origin: origin(object),
    };
  };
  const binding = (kind: RbacBinding['kind']) => (object: LiveRbacObject): RbacBinding | undefined => {
    const name = object.metadata?.name;
    if (!name || !object.roleRef) return undefined;
    return {
      kind,
      name,
      namespace: kind === 'RoleBinding' ? object.metadata?.namespace : undefined,
      roleRef: object.roleRef,
      subjects: object.subjects ?? [],
      origin: origin(object),
    };
  };
  const defined = <T>(value: T | undefined): value is T => value !== undefined;
  return {
    roles: [...lists.roles.map(role('Role')), ...lists.clusterRoles.map(role('ClusterRole'))].filter(defined),
    bindings: [...lists.roleBindings.map(binding('RoleBinding')), ...lists.clusterRoleBindings.map(binding('ClusterRoleBinding'))].filter(defined),
  };
}

/** An object as the API server returns it, with its kind (what an apply answers). */
export interface LiveObject extends LiveRbacObject {
  kind?: string;
}

const LIST_OF: Record<string, keyof LiveRbacLists> = {
  Role: 'roles', ClusterRole: 'clusterRoles', RoleBinding: 'roleBindings', ClusterRoleBinding: 'clusterRoleBindings',
};

/**
 * The snapshot after objects were applied through it: they replace their earlier versions, so the model
 * knows at once what was just granted. A new snapshot object, so analyses cached on the old one expire.
 */
export function withAppliedObjects(snapshot: ClusterSnapshot, objects: readonly LiveObject[]): ClusterSnapshot {
  const lists: LiveRbacLists = { roles: [], clusterRoles: [], roleBindings: [], clusterRoleBindings: [] };
  const serviceAccounts = new Set(snapshot.serviceAccounts);
  for (const object of objects) {
    const list = LIST_OF[object.kind ?? ''];
    if (list) lists[list].push(object);
    else if (object.kind === 'ServiceAccount') serviceAccounts.add(`${object.metadata?.namespace}/${object.metadata?.name}`);
  }
  return {
    ...snapshot,
    policy: mergePolicies(policyFromCluster(lists, snapshot.context), snapshot.policy),
    serviceAccounts,
  };
}
