import { asMap, list } from './read-kustomization';
import { currentId, isClusterScoped, metadataOf, rememberId } from './resource';
import type { Resource } from './types';

export type SubjectMode = 'defaultOnly' | 'allServiceAccounts' | 'none';

/**
 * kustomize's namespace transformer: sets metadata.namespace of every namespaced object, renames a
 * v1 Namespace to it, and sets the namespace of binding subjects named `default` (or, in
 * allServiceAccounts mode, of every ServiceAccount subject). Other ServiceAccount subjects follow their
 * ServiceAccount later, through the name references of the whole build.
 */
export function applyNamespace(resources: Resource[], namespace: string, mode: SubjectMode = 'defaultOnly', unsetOnly = false): void {
  if (!namespace) return;
  for (const resource of resources) {
    rememberId(resource);
    const id = currentId(resource);
    const metadata = metadataOf(resource.data);
    const set = (container: { [key: string]: unknown }, key: string) => {
      if (!unsetOnly || container[key] === undefined || container[key] === null || container[key] === '') container[key] = namespace;
    };
    if (!isClusterScoped(id.group, id.kind)) set(metadata, 'namespace');
    if (id.kind === 'Namespace' && resource.data.apiVersion === 'v1') set(metadata, 'name');
    if (id.kind !== 'RoleBinding' && id.kind !== 'ClusterRoleBinding') continue;
    if (mode === 'none') continue;
    for (const subject of list(resource.data.subjects)) {
      const map = asMap(subject);
      if (!map) continue;
      if (mode === 'defaultOnly' ? map.name === 'default' : map.kind === 'ServiceAccount') set(map, 'namespace');
    }
  }
}
