import type { CheckContext } from '../checks/check';
import { lookupOf, shareLookup } from '../model/object-lookup';
import { placeOf } from '../model/object-order';
import { WORKLOAD_KINDS, type K8sObject, type SourceFile } from '../model/types';
import type { WorkspaceIndex, WorkspaceModel } from '../model/workspace-model';

/**
 * The context checks see when they run again on some files only: the index's lists hold the objects
 * of those files (in workspace order), `allFiles()` lists those files, and every lookup, the policy
 * and the catalog are the whole workspace's, so what a check finds on those files is what a run over
 * the whole workspace finds there.
 */
export function restrictedContext(context: CheckContext, files: SourceFile[]): CheckContext {
  const lookup = lookupOf(context.index);
  const objects: K8sObject[] = [];
  for (const file of files) for (const doc of file.documents) for (const object of doc.objects) if (lookup.has(object)) objects.push(object);
  objects.sort((a, b) => placeOf(a) - placeOf(b));
  const ofKind = <T extends K8sObject>(...kinds: string[]) => objects.filter((o) => kinds.includes(o.kind)) as T[];
  const index: WorkspaceIndex = {
    ...context.index,
    objects,
    roles: ofKind('Role', 'ClusterRole'),
    bindings: ofKind('RoleBinding', 'ClusterRoleBinding'),
    serviceAccounts: ofKind('ServiceAccount'),
    namespaces: ofKind('Namespace'),
    workloads: ofKind(...WORKLOAD_KINDS),
    crds: ofKind('CustomResourceDefinition'),
    // Which files kustomizations read decides findings elsewhere (RBAC027 on patches): all of them.
    kustomizations: context.index.kustomizations,
  };
  shareLookup(index, lookup);
  const model: WorkspaceModel = Object.create(context.model, { allFiles: { value: () => files } });
  return { ...context, model, index };
}
