import builtinData from '../data/api-resources.json';
import { EXTRA_VERBS, FINALIZERS_SUBRESOURCE, PERMISSION_ONLY } from './permission-only';
import { REMOVED_RESOURCES, type RemovedResource } from './removed-resources';
import { nearest } from './suggest';

/** One API resource: what RBAC rules and kubectl call it, where it lives, what it supports. */
export interface ResourceInfo {
  group: string;
  resource: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  versions: string[];
  verbs: string[];
  shortNames: string[];
  /** Subresource name → its verbs. */
  subresources: Record<string, string[]>;
  source: 'builtin' | 'workspace' | 'cluster';
}

/** The shape the catalog accepts for custom resources (a CRD of the workspace or from a cluster). */
export interface CrdLike {
  group: string;
  plural: string;
  singular?: string;
  crdKind: string;
  shortNames: string[];
  scope: 'Namespaced' | 'Cluster';
  subresources: string[];
  versions: string[];
}

export interface TypeName {
  group: string;
  resource: string;
  subresource?: string;
}

export interface Suggestion {
  resource: string;
  why: 'kind' | 'singular' | 'short name' | 'case' | 'subresource' | 'spelling' | 'plural';
}

/**
 * Answers questions about API resources from the built-in catalog plus the workspace's CRDs (and a
 * cluster's discovery, when connected). Maps are built once; every question is a lookup.
 */
export class ResourceCatalog {
  private static builtinCatalog: ResourceCatalog | undefined;
  private readonly byKey = new Map<string, ResourceInfo>();
  private readonly byResource = new Map<string, ResourceInfo[]>();
  private readonly groups = new Set<string>();

  private constructor(readonly entries: ResourceInfo[]) {
    for (const entry of entries) {
      this.byKey.set(`${entry.group}/${entry.resource}`, entry);
      this.byResource.set(entry.resource, [...(this.byResource.get(entry.resource) ?? []), entry]);
      this.groups.add(entry.group);
    }
  }

  static builtin(): ResourceCatalog {
    ResourceCatalog.builtinCatalog ??= new ResourceCatalog(
      (builtinData as Omit<ResourceInfo, 'source'>[]).map((e) => ({ ...e, source: 'builtin' as const })),
    );
    return ResourceCatalog.builtinCatalog;
  }

  /** A new catalog with custom resources added (a CRD replaces a built-in entry of the same group/resource). */
  withCrds(crds: CrdLike[], source: 'workspace' | 'cluster' = 'workspace'): ResourceCatalog {
    if (crds.length === 0) return this;
    const added = crds.map<ResourceInfo>((crd) => ({
      group: crd.group,
      resource: crd.plural,
      kind: crd.crdKind,
      singular: crd.singular ?? crd.crdKind.toLowerCase(),
      namespaced: crd.scope !== 'Cluster',
      versions: crd.versions,
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: crd.shortNames,
      subresources: Object.fromEntries(crd.subresources.map((s) => [s, s === 'scale' || s === 'status' ? ['get', 'patch', 'update'] : ['get']])),
      source,
    }));
    const keys = new Set(added.map((a) => `${a.group}/${a.resource}`));
    return new ResourceCatalog([...this.entries.filter((e) => !keys.has(`${e.group}/${e.resource}`)), ...added]);
  }

  lookup(group: string, resource: string): ResourceInfo | undefined {
    return this.byKey.get(`${group}/${resource}`);
  }

  /** Groups that serve a resource (plural name), e.g. `deployments` → [`apps`]. */
  groupsServing(resource: string): string[] {
    return (this.byResource.get(resource) ?? []).map((e) => e.group);
  }

  isKnownGroup(group: string): boolean {
    return this.groups.has(group);
  }

  /** Whether the resource lives in namespaces; undefined when the catalog does not know it. */
  isNamespaced(group: string, resource: string): boolean | undefined {
    return this.lookup(group, resource)?.namespaced;
  }

  subresourcesOf(group: string, resource: string): string[] {
    return Object.keys(this.lookup(group, resource)?.subresources ?? {});
  }

  /** Whether `resource` or `resource/sub` names something a rule can grant in this group. */
  isKnownResource(group: string, combined: string): boolean {
    if (PERMISSION_ONLY.some((p) => p.group === group && (p.resource === combined || combined.startsWith(`${p.resource}/`)))) return true;
    const [resource, sub] = splitResource(combined);
    const info = this.lookup(group, resource);
    if (!info) return false;
    if (sub === undefined) return true;
    return sub === FINALIZERS_SUBRESOURCE || sub in info.subresources;
  }

  /** The verbs a resource (or subresource) supports, extra RBAC verbs included; undefined when unknown. */
  verbsOf(group: string, resource: string, subresource?: string): string[] | undefined {
    const combined = subresource ? `${resource}/${subresource}` : resource;
    const permissionOnly = PERMISSION_ONLY.find((p) => p.group === group && (p.resource === combined || (resource === 'userextras' && p.resource === 'userextras')));
    if (permissionOnly) return permissionOnly.verbs;
    const info = this.lookup(group, resource);
    if (!info) return undefined;
    if (subresource === FINALIZERS_SUBRESOURCE) return ['update', 'patch'];
    const base = subresource ? info.subresources[subresource] : info.verbs;
    if (!base) return undefined;
    const extra = subresource ? [] : EXTRA_VERBS.filter((e) => e.group === group && e.resource === resource).flatMap((e) => e.verbs);
    return [...new Set([...base, ...extra])];
  }

  removedFrom(group: string, resource: string): RemovedResource | undefined {
    return REMOVED_RESOURCES.find((r) => r.group === group && r.resource === resource);
  }

  /**
   * kubectl-style type names for `can-i`: `pods`, `pod`, `po`, `Pod`, `deployments.apps`, `deploy`,
   * `pods/log`, `foo.example.com`. Exact plural first; otherwise singular, short name and kind.
   */
  resolveTypeName(name: string): TypeName | undefined {
    const [typePart, subresource] = splitResource(name);
    const candidates = this.resolveType(typePart);
    return candidates ? { ...candidates, subresource } : undefined;
  }

  private resolveType(name: string): TypeName | undefined {
    const dot = name.indexOf('.');
    const [resource, group] = dot === -1 ? [name, undefined] : [name.slice(0, dot), name.slice(dot + 1)];
    // Verbatim, as can-i's contract says: no case-folding (Kind matches only as written, e.g. `Deployment`).
    const matches = (e: ResourceInfo) => group === undefined || e.group === group || (group === 'core' && e.group === '');
    const pick = (list: ResourceInfo[]) => {
      const ranked = list.filter(matches).sort((a, b) => preference(a.group) - preference(b.group));
      return ranked[0] ? { group: ranked[0].group, resource: ranked[0].resource } : undefined;
    };
    return pick(this.byResource.get(resource) ?? []) ??
      pick(this.entries.filter((e) => e.singular === resource || e.shortNames.includes(resource) || e.kind === resource)) ??
      (group !== undefined ? { group: group === 'core' ? '' : group, resource } : undefined);
  }

  /** What the author of a rule probably meant by an unknown resource name, in the given groups (any when empty). */
  suggest(groups: string[], written: string): Suggestion | undefined {
    const pool = groups.length === 0 || groups.includes('*') ? this.entries : this.entries.filter((e) => groups.includes(e.group));
    const [resource, sub] = splitResource(written);
    const exact = pool.find((e) => e.resource === resource);
    if (sub !== undefined) {
      if (!exact) {
        const base = this.suggest(groups, resource);
        return base ? { resource: `${base.resource}/${sub}`, why: base.why } : undefined;
      }
      const subs = Object.keys(exact.subresources);
      const fixed = subs.find((s) => s.toLowerCase() === sub.toLowerCase()) ?? nearest(sub.toLowerCase(), subs) ?? subs.find((s) => `${s}s` === sub);
      return fixed ? { resource: `${resource}/${fixed}`, why: 'subresource' } : undefined;
    }
    const lower = resource.toLowerCase();
    const byKind = pool.find((e) => e.kind === resource);
    if (byKind) return { resource: byKind.resource, why: 'kind' };
    const byCase = pool.find((e) => e.resource === lower);
    if (byCase) return { resource: byCase.resource, why: 'case' };
    const bySingular = pool.find((e) => e.singular === lower || e.kind.toLowerCase() === lower);
    if (bySingular) return { resource: bySingular.resource, why: 'singular' };
    const byShort = pool.find((e) => e.shortNames.includes(lower));
    if (byShort) return { resource: byShort.resource, why: 'short name' };
    const spelled = nearest(lower, pool.map((e) => e.resource));
    return spelled ? { resource: spelled, why: 'spelling' } : undefined;
  }
}

export function splitResource(combined: string): [string, string | undefined] {
  const slash = combined.indexOf('/');
  return slash === -1 ? [combined, undefined] : [combined.slice(0, slash), combined.slice(slash + 1)];
}

/** kubectl prefers the core group and then the stable, better-known groups. */
function preference(group: string): number {
  if (group === '') return 0;
  if (group === 'apps') return 1;
  if (group === 'extensions') return 9;
  return group.endsWith('.k8s.io') ? 2 : 3;
}
