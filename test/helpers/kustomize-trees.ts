/**
 * Small kustomize trees shaped like real projects (a kubebuilder operator's config/, a base with
 * overlays), written for the tests. Each says in a comment what `kubectl kustomize` does with it.
 */

const RBAC = 'rbac.authorization.k8s.io';

/** kubebuilder's layout: config/default names ../manager and the component ../components/rbac. */
export function operatorTree(roleRules = '- apiGroups: [""]\n  resources: [pods]\n  verbs: [delete, get, list]\n'): Record<string, string> {
  return {
    'config/default/kustomization.yaml': 'namespace: jobset-system\nnamePrefix: jobset-\nresources:\n- ../manager\ncomponents:\n- ../components/rbac\n',
    'config/manager/kustomization.yaml': 'resources:\n- manager.yaml\n',
    'config/manager/manager.yaml': [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: controller-manager', '  namespace: system', 'spec:',
      '  selector: {matchLabels: {app: m}}', '  template:', '    metadata: {labels: {app: m}}', '    spec:',
      '      serviceAccountName: controller-manager', '      containers: [{name: m, image: m}]', '',
    ].join('\n'),
    'config/components/rbac/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n- role.yaml\n- binding.yaml\n- service_account.yaml\n',
    'config/components/rbac/role.yaml': `apiVersion: ${RBAC}/v1\nkind: ClusterRole\nmetadata:\n  name: manager-role\nrules:\n${roleRules}`,
    'config/components/rbac/binding.yaml': `apiVersion: ${RBAC}/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: manager-rolebinding\nroleRef:\n  apiGroup: ${RBAC}\n  kind: ClusterRole\n  name: manager-role\nsubjects:\n- kind: ServiceAccount\n  name: controller-manager\n  namespace: system\n`,
    'config/components/rbac/service_account.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: controller-manager\n  namespace: system\n',
  };
}

/** base/ with a Role bound to a ServiceAccount, and overlays/prod → ../../base in namespace prod. */
export function baseOverlayTree(): Record<string, string> {
  return {
    'base/kustomization.yaml': 'resources:\n- rbac.yaml\n',
    'base/rbac.yaml': [
      'apiVersion: v1', 'kind: ServiceAccount', 'metadata:', '  name: app', '---',
      `apiVersion: ${RBAC}/v1`, 'kind: Role', 'metadata:', '  name: app', 'rules:', '- apiGroups: [""]', '  resources: [configmaps]', '  verbs: [get, watch]', '---',
      `apiVersion: ${RBAC}/v1`, 'kind: RoleBinding', 'metadata:', '  name: app', 'roleRef:', `  apiGroup: ${RBAC}`, '  kind: Role', '  name: app',
      'subjects:', '- kind: ServiceAccount', '  name: app', '',
    ].join('\n'),
    'overlays/prod/kustomization.yaml': 'namespace: prod\nresources:\n- ../../base\n',
  };
}
