import type { RbacRole } from './types';

/** The label Kubernetes puts on the roles it creates and reconciles at every API server start. */
export const BOOTSTRAP_LABEL = 'kubernetes.io/bootstrapping';

const USER_FACING_DEFAULTS = new Set(['cluster-admin', 'admin', 'edit', 'view']);

/**
 * Why a role is one of Kubernetes' defaults, which a fix never edits (the API server reconciles them,
 * and every cluster binds them widely): a `system:` name, the user-facing ClusterRoles cluster-admin,
 * admin, edit and view, or the `kubernetes.io/bootstrapping: rbac-defaults` label, wherever the copy
 * lives (the workspace, a cluster, the built-in defaults). Undefined for every other role.
 */
export function defaultRoleReason(role: Pick<RbacRole, 'kind' | 'name' | 'labels'>): string | undefined {
  if (role.name.startsWith('system:')) return `${role.kind} ${role.name} is a default role (system:)`;
  if (role.kind === 'ClusterRole' && USER_FACING_DEFAULTS.has(role.name)) return `ClusterRole ${role.name} is a default role`;
  if (role.labels?.[BOOTSTRAP_LABEL] === 'rbac-defaults') return `${role.kind} ${role.name} is labelled ${BOOTSTRAP_LABEL}: rbac-defaults`;
  return undefined;
}
