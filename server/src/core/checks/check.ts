import type { ResourceCatalog } from '../catalog/catalog';
import type { ClusterSnapshot } from '../cluster/snapshot';
import type { K8sObject, SourceFile } from '../model/types';
import type { WorkspaceIndex, WorkspaceModel } from '../model/workspace-model';
import type { Policy, RbacRole, RoleRef } from '../rbac/types';
import type { CheckInfo, Finding } from './types';

/** What every check may look at. Built once per workspace version. */
export interface CheckContext {
  model: WorkspaceModel;
  index: WorkspaceIndex;
  /** Built-in API resources, a connected cluster's discovery, and the workspace's CRDs. */
  catalog: ResourceCatalog;
  /** Workspace roles and bindings merged with the default ones (a workspace copy wins). */
  policy: Policy;
  /** The default cluster roles and bindings of a current Kubernetes (empty when the user turned them off). */
  builtinPolicy: Policy;
  /** The cluster the user connected to, if any: its roles and bindings are already in `policy`. */
  cluster?: ClusterSnapshot;
  fileOf(object: K8sObject): SourceFile;
  /** The role a roleRef points at, as the authorizer would find it (Role in the binding's namespace). */
  resolveRoleRef(roleRef: RoleRef, bindingNamespace: string | undefined): RbacRole | undefined;
}

/** A check: its metadata plus a pure function from the workspace to findings. */
export interface Check extends CheckInfo {
  run(context: CheckContext): Finding[];
}
