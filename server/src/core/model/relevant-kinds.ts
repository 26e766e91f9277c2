import { WORKLOAD_KINDS } from './types';

/** Kinds the RBAC model reads in full; every other document is only skimmed. */
const RELEVANT_KINDS = new Set<string>([
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ServiceAccount',
  'Namespace',
  'CustomResourceDefinition',
  'Kustomization',
  'List',
  ...WORKLOAD_KINDS,
]);

export function isRelevantKind(kind: string): boolean {
  if (RELEVANT_KINDS.has(kind)) return true;
  // RoleList, RoleBindingList, DeploymentList…: lists of relevant kinds.
  return kind.endsWith('List') && RELEVANT_KINDS.has(kind.slice(0, -4));
}

/** Kinds whose objects live in a namespace (the ones the model knows). */
export function isNamespacedKind(kind: string): boolean {
  return kind !== 'ClusterRole' && kind !== 'ClusterRoleBinding' && kind !== 'Namespace' &&
    kind !== 'CustomResourceDefinition' && kind !== 'Kustomization';
}

export function isKustomizationFile(path: string): boolean {
  return /(^|[\\/])(kustomization\.ya?ml|Kustomization)$/.test(path);
}
