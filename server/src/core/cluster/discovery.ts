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

/** One group of aggregated discovery (`apidiscovery.k8s.io/v2`), as `/api` and `/apis` return it on request. */
export interface AggregatedGroup {
  metadata?: { name?: string };
  /** In descending order of preference: the first is the preferred version. */
  versions?: {
    version: string;
    freshness?: 'Current' | 'Stale';
    resources?: {
      resource: string;
      responseKind?: { kind?: string };
      scope?: 'Namespaced' | 'Cluster';
      singularResource?: string;
      verbs?: string[];
      shortNames?: string[];
      subresources?: { subresource: string; verbs?: string[] }[];
    }[];
  }[];
}

/**
 * Aggregated discovery in the shape of the per-version lists, so one function builds the catalog from
 * either. A Stale version (its aggregated API server did not answer) is left out and named in `stale`.
 */
export function fromAggregatedDiscovery(groups: readonly AggregatedGroup[]): { lists: GroupVersionResources[]; stale: string[] } {
  const lists: GroupVersionResources[] = [];
  const stale: string[] = [];
  for (const group of groups) {
    const name = group.metadata?.name ?? '';
    (group.versions ?? []).forEach((v, index) => {
      if (v.freshness === 'Stale') {
        stale.push(`${name || 'core'}/${v.version}`);
        return;
      }
      const resources: ApiResource[] = [];
      for (const r of v.resources ?? []) {
        const kind = r.responseKind?.kind ?? '';
        const namespaced = r.scope === 'Namespaced';
        resources.push({ name: r.resource, singularName: r.singularResource, namespaced, kind, verbs: r.verbs ?? [], shortNames: r.shortNames ?? [] });
        for (const sub of r.subresources ?? []) resources.push({ name: `${r.resource}/${sub.subresource}`, namespaced, kind, verbs: sub.verbs ?? [] });
      }
      lists.push({ group: name, version: v.version, preferred: index === 0, resources });
    });
  }
  return { lists, stale };
}
