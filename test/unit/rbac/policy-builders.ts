import type { AccessRequest, PolicyRule, RbacBinding, RbacRole, ResourceRequest, Subject } from '../../../server/src/core/rbac/types';

/** Small inline policies for the evaluation tests. */

export const RBAC = 'rbac.authorization.k8s.io';

/** `verb group/resource[/sub] [name] [ns]` as a request. */
export function res(verb: string, group: string, combined: string, extra: Partial<Pick<ResourceRequest, 'name' | 'namespace'>> = {}): AccessRequest {
  const [resource, subresource] = combined.split('/');
  return { kind: 'resource', verb, apiGroup: group, resource, ...(subresource !== undefined ? { subresource } : {}), ...extra };
}

export function path(verb: string, p: string): AccessRequest {
  return { kind: 'non-resource', verb, path: p };
}

export function rule(verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): PolicyRule {
  return { verbs, apiGroups, resources, ...(resourceNames ? { resourceNames } : {}) };
}

export function urlRule(verbs: string[], nonResourceURLs: string[]): PolicyRule {
  return { verbs, nonResourceURLs };
}

export function clusterRole(name: string, rules: PolicyRule[], extra: Partial<RbacRole> = {}): RbacRole {
  return { kind: 'ClusterRole', name, labels: {}, rules, origin: { source: 'workspace', file: 'policy.yaml' }, ...extra };
}

export function role(namespace: string, name: string, rules: PolicyRule[]): RbacRole {
  return { kind: 'Role', name, namespace, labels: {}, rules, origin: { source: 'workspace', file: 'policy.yaml' } };
}

export const user = (name: string): Subject => ({ kind: 'User', name, apiGroup: RBAC });
export const group = (name: string): Subject => ({ kind: 'Group', name, apiGroup: RBAC });
export const sa = (name: string, namespace?: string): Subject => ({ kind: 'ServiceAccount', name, ...(namespace ? { namespace } : {}) });

export function crb(name: string, roleName: string, subjects: Subject[], roleKind = 'ClusterRole'): RbacBinding {
  return { kind: 'ClusterRoleBinding', name, roleRef: { apiGroup: RBAC, kind: roleKind, name: roleName }, subjects, origin: { source: 'workspace', file: 'policy.yaml' } };
}

export function rb(namespace: string, name: string, roleKind: string, roleName: string, subjects: Subject[]): RbacBinding {
  return { kind: 'RoleBinding', name, namespace, roleRef: { apiGroup: RBAC, kind: roleKind, name: roleName }, subjects, origin: { source: 'workspace', file: 'policy.yaml' } };
}

export const aggregateLabel = (to: 'view' | 'edit' | 'admin') => ({ [`${RBAC}/aggregate-to-${to}`]: 'true' });
