import type { NameReference } from './types';

const RBAC = 'rbac.authorization.k8s.io';
const podSpecHolders: [string, string][] = [
  ['Pod', 'spec/serviceAccountName'],
  ['StatefulSet', 'spec/template/spec/serviceAccountName'],
  ['Deployment', 'spec/template/spec/serviceAccountName'],
  ['ReplicationController', 'spec/template/spec/serviceAccountName'],
  ['CronJob', 'spec/jobTemplate/spec/template/spec/serviceAccountName'],
  ['Job', 'spec/template/spec/serviceAccountName'],
  ['DaemonSet', 'spec/template/spec/serviceAccountName'],
];

/**
 * The entries of kustomize's built-in name reference table (api/internal/konfig/builtinpluginconsts)
 * that touch what RBAC reads: when a build renames or moves the referred object, these fields follow.
 */
export const RBAC_NAME_REFERENCES: NameReference[] = [
  { kind: 'Role', group: RBAC, fieldSpecs: [{ path: 'roleRef/name', kind: 'RoleBinding', group: RBAC }] },
  {
    kind: 'ClusterRole',
    group: RBAC,
    fieldSpecs: [
      { path: 'roleRef/name', kind: 'RoleBinding', group: RBAC },
      { path: 'roleRef/name', kind: 'ClusterRoleBinding', group: RBAC },
    ],
  },
  {
    kind: 'ServiceAccount',
    fieldSpecs: [
      { path: 'subjects', kind: 'RoleBinding', group: RBAC },
      { path: 'subjects', kind: 'ClusterRoleBinding', group: RBAC },
      ...podSpecHolders.map(([kind, path]) => ({ path, kind })),
    ],
  },
  { kind: 'ConfigMap', fieldSpecs: [{ path: 'rules/resourceNames', kind: 'Role' }, { path: 'rules/resourceNames', kind: 'ClusterRole' }] },
  { kind: 'Secret', fieldSpecs: [{ path: 'rules/resourceNames', kind: 'Role' }, { path: 'rules/resourceNames', kind: 'ClusterRole' }] },
  { kind: 'PersistentVolume', fieldSpecs: [{ path: 'rules/resourceNames', kind: 'ClusterRole' }] },
];
