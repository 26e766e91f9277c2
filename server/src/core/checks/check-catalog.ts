import type { CheckInfo } from './types';

const info = (code: string, category: CheckInfo['category'], defaultSeverity: CheckInfo['defaultSeverity'], title: string): CheckInfo => ({
  code,
  category,
  defaultSeverity,
  title,
  docsAnchor: code.toLowerCase(),
});

/** Every check's stable code, category, default severity and title. Codes are a contract: never renumber. */
export const CHECKS: readonly CheckInfo[] = [
  info('RBAC001', 'ineffective', 'warning', 'Unknown verb'),
  info('RBAC002', 'ineffective', 'error', 'Resource not served by any listed API group'),
  info('RBAC003', 'ineffective', 'warning', 'Unknown resource or subresource'),
  info('RBAC004', 'ineffective', 'error', 'Version inside apiGroups'),
  info('RBAC005', 'ineffective', 'error', 'Role grants a cluster-scoped resource'),
  info('RBAC006', 'invalid', 'error', 'Invalid rule'),
  info('RBAC007', 'ineffective', 'warning', 'resourceNames with a verb that has no name'),
  info('RBAC008', 'ineffective', 'warning', 'Rules in an aggregated ClusterRole are overwritten'),
  info('RBAC009', 'inconsistent', 'warning', 'roleRef names a role that exists nowhere'),
  info('RBAC010', 'invalid', 'error', 'Invalid roleRef'),
  info('RBAC011', 'inconsistent', 'error', 'RoleBinding refers to a Role of another namespace'),
  info('RBAC012', 'invalid', 'error', 'Invalid subject'),
  info('RBAC013', 'inconsistent', 'warning', 'ServiceAccount subject points at the wrong namespace'),
  info('RBAC014', 'inconsistent', 'information', 'User subject that is a ServiceAccount'),
  info('RBAC015', 'inconsistent', 'warning', 'Workload uses a ServiceAccount that is not defined'),
  info('RBAC016', 'inconsistent', 'warning', 'Workload runs as the default ServiceAccount while a bound one exists'),
  info('RBAC017', 'inconsistent', 'information', 'Binding grants in a namespace where the ServiceAccount does not run'),
  info('RBAC018', 'inconsistent', 'warning', 'Namespaced object without a namespace'),
  info('RBAC019', 'ineffective', 'warning', 'metadata.namespace on a cluster-scoped object'),
  info('RBAC020', 'invalid', 'error', 'Removed RBAC apiVersion'),
  info('RBAC021', 'inconsistent', 'warning', 'Object defined twice'),
  info('RBAC022', 'ineffective', 'warning', 'Verb the resource does not support'),
  info('RBAC023', 'ineffective', 'information', 'Incomplete verb set'),
  info('RBAC024', 'hygiene', 'information', 'Role bound nowhere'),
  info('RBAC101', 'risky', 'warning', 'Wildcard in verbs, resources or apiGroups'),
  info('RBAC102', 'risky', 'warning', 'Binding to cluster-admin'),
  info('RBAC103', 'risky', 'information', 'Read access to Secrets'),
  info('RBAC104', 'risky', 'information', 'Can create pods or workload controllers'),
  info('RBAC105', 'risky', 'information', 'exec, attach, port-forward or ephemeral containers'),
  info('RBAC106', 'risky', 'warning', 'escalate, bind or impersonate'),
  info('RBAC107', 'risky', 'information', 'Can write Roles or bindings'),
  info('RBAC108', 'risky', 'warning', 'Sensitive subresource or API'),
  info('RBAC109', 'risky', 'warning', 'Grant to a very broad or privileged subject'),
  info('RBAC110', 'risky', 'information', "Rights granted to a namespace's default ServiceAccount"),
];

const BY_CODE = new Map(CHECKS.map((c) => [c.code, c]));

export function checkInfo(code: string): CheckInfo | undefined {
  return BY_CODE.get(code);
}
