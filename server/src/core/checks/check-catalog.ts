import type { CheckInfo } from './types';

/**
 * `name` is the check's PascalCase identifier (SARIF `rule.name`, shown as the rule's title in code
 * scanning). It is optional here only so that a check added without one still compiles: the catalog
 * test then names the code that lacks it.
 */
const info = (code: string, category: CheckInfo['category'], defaultSeverity: CheckInfo['defaultSeverity'], title: string, name = ''): CheckInfo => ({
  code,
  name,
  category,
  defaultSeverity,
  title,
  docsAnchor: code.toLowerCase(),
});

/** Every check's stable code, category, default severity, title and identifier. Codes are a contract: never renumber. */
export const CHECKS: readonly CheckInfo[] = [
  info('RBAC001', 'ineffective', 'warning', 'Unknown verb', 'UnknownVerb'),
  info('RBAC002', 'ineffective', 'error', 'Resource not served by any listed API group', 'ResourceNotServedByListedGroups'),
  info('RBAC003', 'ineffective', 'warning', 'Unknown resource or subresource', 'UnknownResource'),
  info('RBAC004', 'ineffective', 'error', 'Version inside apiGroups', 'VersionInApiGroups'),
  info('RBAC005', 'ineffective', 'error', 'Role grants a cluster-scoped resource', 'ClusterScopedResourceInRole'),
  info('RBAC006', 'invalid', 'error', 'Invalid rule', 'InvalidRule'),
  info('RBAC007', 'ineffective', 'warning', 'resourceNames with a verb that has no name', 'ResourceNamesWithNamelessVerb'),
  info('RBAC008', 'ineffective', 'warning', 'Rules in an aggregated ClusterRole are overwritten', 'RulesInAggregatedClusterRole'),
  info('RBAC009', 'inconsistent', 'warning', 'roleRef names a role that exists nowhere', 'RoleRefToMissingRole'),
  info('RBAC010', 'invalid', 'error', 'Invalid roleRef', 'InvalidRoleRef'),
  info('RBAC011', 'inconsistent', 'error', 'RoleBinding refers to a Role of another namespace', 'RoleRefToRoleOfAnotherNamespace'),
  info('RBAC012', 'invalid', 'error', 'Invalid subject', 'InvalidSubject'),
  info('RBAC013', 'inconsistent', 'warning', 'ServiceAccount subject points at the wrong namespace', 'ServiceAccountSubjectInWrongNamespace'),
  info('RBAC014', 'inconsistent', 'information', 'User subject that is a ServiceAccount', 'UserSubjectIsServiceAccount'),
  info('RBAC015', 'inconsistent', 'warning', 'Workload uses a ServiceAccount that is not defined', 'UndefinedServiceAccount'),
  info('RBAC016', 'inconsistent', 'warning', 'Workload runs as the default ServiceAccount while a bound one exists', 'WorkloadOnDefaultServiceAccount'),
  info('RBAC017', 'inconsistent', 'information', 'Binding grants in a namespace where the ServiceAccount does not run', 'BindingWhereServiceAccountDoesNotRun'),
  info('RBAC018', 'inconsistent', 'warning', 'Namespaced object without a namespace', 'MissingNamespace'),
  info('RBAC019', 'ineffective', 'warning', 'metadata.namespace on a cluster-scoped object', 'NamespaceOnClusterScopedObject'),
  info('RBAC020', 'invalid', 'error', 'Removed RBAC apiVersion', 'RemovedRbacApiVersion'),
  info('RBAC021', 'inconsistent', 'warning', 'Object defined twice', 'DuplicateObject'),
  info('RBAC022', 'ineffective', 'warning', 'Verb the resource does not support', 'UnsupportedVerb'),
  info('RBAC023', 'ineffective', 'information', 'Incomplete verb set', 'IncompleteVerbSet'),
  info('RBAC024', 'hygiene', 'information', 'Role bound nowhere', 'UnboundRole'),
  info('RBAC025', 'invalid', 'error', 'kubectl reads the YAML differently from the editor', 'Yaml11ReadingDiffers'),
  info('RBAC026', 'invalid', 'error', 'YAML document that cannot be read', 'UnreadableDocument'),
  info('RBAC027', 'invalid', 'error', 'Missing or invalid object name', 'InvalidObjectName'),
  info('RBAC030', 'invalid', 'error', 'Helm chart includes a template it does not define', 'MissingChartDefine'),
  info('RBAC031', 'inconsistent', 'information', 'Chart template Helm does not render', 'ChartTemplateNotRendered'),
  info('RBAC033', 'inconsistent', 'information', 'Part of a kustomize build not read', 'KustomizeInputNotRead'),
  info('RBAC034', 'invalid', 'warning', 'File that could not be analysed', 'FileNotAnalysed'),
  info('RBAC035', 'invalid', 'error', 'kubectl refuses the kustomize build', 'KustomizeBuildRefused'),
  info('RBAC036', 'inconsistent', 'information', 'Not part of any kustomize build', 'NotPartOfAnyBuild'),
  info('RBAC037', 'inconsistent', 'information', 'Template value past an evaluation budget', 'EvaluationBudgetExceeded'),
  info('RBAC101', 'risky', 'warning', 'Wildcard in verbs, resources or apiGroups', 'WildcardGrant'),
  info('RBAC102', 'risky', 'warning', 'Binding to cluster-admin', 'ClusterAdminBinding'),
  info('RBAC103', 'risky', 'information', 'Read access to Secrets', 'SecretReadAccess'),
  info('RBAC104', 'risky', 'information', 'Can create pods or workload controllers', 'WorkloadCreation'),
  info('RBAC105', 'risky', 'information', 'exec, attach, port-forward or ephemeral containers', 'ContainerAccess'),
  info('RBAC106', 'risky', 'warning', 'escalate, bind or impersonate', 'EscalateBindOrImpersonate'),
  info('RBAC107', 'risky', 'information', 'Can write Roles or bindings', 'RbacWriteAccess'),
  info('RBAC108', 'risky', 'warning', 'Sensitive subresource or API', 'SensitiveSubresourceOrApi'),
  info('RBAC109', 'risky', 'warning', 'Grant to a very broad or privileged subject', 'GrantToBroadSubject'),
  info('RBAC110', 'risky', 'information', "Rights granted to a namespace's default ServiceAccount", 'DefaultServiceAccountGrant'),
];

const BY_CODE = new Map(CHECKS.map((c) => [c.code, c]));

export function checkInfo(code: string): CheckInfo | undefined {
  return BY_CODE.get(code);
}
