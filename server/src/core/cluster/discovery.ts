import { stabilityOf, type ResourceInfo } from '../catalog/catalog';

/** One entry of an APIResourceList, as `/api/v1` or `/apis/GROUP/VERSION` return it. */
export interface ApiResource {
  name: string;
  singularName?: string;
  namespaced: boolean;
  kind: string;
  verbs?: string[];
  shortNames?: string[];
}

/** The resources of one group version, and whether discovery named it the group's preferred version. */
export interface GroupVersionResources {
  group: string;
  version: string;
  preferred: boolean;
  resources: ApiResource[];
}

/**
 * The catalog entries a cluster's discovery describes. Resources are merged over their versions (RBAC
 * ignores versions); `pods/log`-style names become subresources of their parent; verbs and names come
 * from the preferred version, as kubectl reads them.
 */
export function resourcesFromDiscovery(lists: readonly GroupVersionResources[]): ResourceInfo[] {
  const ordered = [...lists].sort((a, b) => Number(b.preferred) - Number(a.preferred));
  const byKey = new Map<string, ResourceInfo>();
  const subresources: { group: string; version: string; name: string; verbs: string[] }[] = [];
  for (const list of ordered) {
    for (const resource of list.resources) {
      if (!resource.name) continue;
      if (resource.name.includes('/')) {
        subresources.push({ group: list.group, version: list.version, name: resource.name, verbs: resource.verbs ?? [] });
        continue;
      }
      const key = `${list.group}/${resource.name}`;
      const known = byKey.get(key);
      if (known) {
        if (!known.versions.includes(list.version)) known.versions.push(list.version);
        continue;
      }
      byKey.set(key, {
        group: list.group,
        resource: resource.name,
        kind: resource.kind,
        singular: resource.singularName || resource.kind.toLowerCase(),
        namespaced: resource.namespaced,
        versions: [list.version],
        preferredVersion: list.version,
        stability: stabilityOf(list.version),
        verbs: resource.verbs ?? [],
        shortNames: resource.shortNames ?? [],
        subresources: {},
        source: 'cluster',
      });
    }
  }
  for (const sub of subresources) {
    const [parent, name] = splitOnce(sub.name);
    const info = byKey.get(`${sub.group}/${parent}`);
    if (info && !(name in info.subresources)) info.subresources[name] = sub.verbs;
  }
  return [...byKey.values()];
}

function splitOnce(combined: string): [string, string] {
  const slash = combined.indexOf('/');
  return [combined.slice(0, slash), combined.slice(slash + 1)];
}
