import data from '../data/bootstrap-policy.json';
import type { Policy, RbacBinding, RbacRole } from './types';

let cached: Policy | undefined;

/** The default ClusterRoles, ClusterRoleBindings and kube-system/kube-public Roles of a current Kubernetes. */
export function builtinPolicy(): Policy {
  cached ??= {
    roles: (data.roles as unknown as Omit<RbacRole, 'origin'>[]).map((r) => ({ ...r, labels: r.labels ?? {}, origin: { source: 'builtin' as const } })),
    bindings: (data.bindings as unknown as Omit<RbacBinding, 'origin'>[]).map((b) => ({ ...b, origin: { source: 'builtin' as const } })),
  };
  return cached;
}
