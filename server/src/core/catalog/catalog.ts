import builtinData from '../data/api-resources.json';
import { extraVerbs, FINALIZERS_SUBRESOURCE, PERMISSION_ONLY, permissionOnly } from './permission-only';
import { removedResource, type RemovedResource } from './removed-resources';
import { nearest } from './suggest';

export type Stability = 'stable' | 'beta' | 'alpha';

/** One API resource: what RBAC rules and kubectl call it, where it lives, what it supports. */
export interface ResourceInfo {
  group: string;
  /** Plural, lower-case: the name rules use. */
  resource: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  /** Every served version (RBAC ignores versions). */
  versions: string[];
  /** The version clients use by default, and how stable it is. */
  preferredVersion: string;
  stability: Stability;
  verbs: string[];
  shortNames: string[];
  /** Subresource name → its verbs. */
  subresources: Record<string, string[]>;
  source: 'builtin' | 'workspace' | 'cluster';
}

/**
 * A custom resource as the catalog needs it (a CRD of the workspace or from a cluster). The Kind is
 * `kind`, or `crdKind` as the workspace model's CrdObject calls it (there `kind` is the
 * object's own kind, `CustomResourceDefinition`, and `crdKind` wins).
 */
export interface CrdLike {
  group: string;
  plural: string;
  singular?: string;
  kind?: string;
  crdKind?: string;
  shortNames: string[];
  scope: 'Namespaced' | 'Cluster';
  subresources: string[];
  versions: string[];
}

/** A resource type named the way kubectl accepts it, resolved. */
export interface TypeName {
  group: string;
  resource: string;
  subresource?: string;
}

export type SuggestionReason = 'kind' | 'singular' | 'short name' | 'case' | 'subresource' | 'spelling' | 'plural';

/** What the author of a rule probably meant, and why the written name does not work. */
export interface Suggestion {
  /** The name to write instead (`resource` or `resource/subresource`). */
  resource: string;
  why: SuggestionReason;
  /** The group that serves the suggested resource. */
  group: string;
  /** One sentence for messages and hovers. */
  message: string;
}

const CRD_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const CRD_SUBRESOURCE_VERBS: Record<string, string[]> = { status: ['get', 'patch', 'update'], scale: ['get', 'patch', 'update'] };

/**
 * Answers questions about API resources from the built-in catalog plus the workspace's CRDs (and a
 * cluster's discovery, when connected). Maps are built once; every question is a lookup.
 */
export class ResourceCatalog {
  private static builtinCatalog: ResourceCatalog | undefined;
  private readonly byKey = new Map<string, ResourceInfo>();
  private readonly byResource = new Map<string, ResourceInfo[]>();
  private readonly byName = new Map<string, ResourceInfo[]>();
  private readonly groups = new Set<string>();
  /** Groups whose every resource is listed: Kubernetes' own, or served by a connected cluster's discovery. */
  private readonly listedGroups = new Set<string>();

  private constructor(readonly entries: readonly ResourceInfo[]) {
    for (const entry of entries) {
      this.byKey.set(keyOf(entry.group, entry.resource), entry);
      push(this.byResource, entry.resource, entry);
      // Every other name kubectl accepts, verbatim: singular, short names, Kind.
      for (const name of new Set([entry.singular, ...entry.shortNames, entry.kind])) push(this.byName, name, entry);
      this.groups.add(entry.group);
      if (entry.source !== 'workspace') this.listedGroups.add(entry.group);
    }
  }

  /** The resources of a current Kubernetes, from the bundled discovery data. */
  static builtin(): ResourceCatalog {
    ResourceCatalog.builtinCatalog ??= new ResourceCatalog(
      (builtinData as Omit<ResourceInfo, 'source'>[]).map((e) => ({ ...e, stability: e.stability as Stability, source: 'builtin' as const })),
    );
    return ResourceCatalog.builtinCatalog;
  }

  /** A catalog of exactly these entries (for tests and for a cluster's discovery). */
  static of(entries: readonly ResourceInfo[]): ResourceCatalog {
    return new ResourceCatalog(entries);
  }

  /**
   * A new catalog with a cluster's discovered resources: they replace entries of the same
   * group/resource; what the cluster does not serve stays known (a manifest may target newer clusters).
   */
  withResources(resources: readonly ResourceInfo[]): ResourceCatalog {
    if (resources.length === 0) return this;
    // A type Kubernetes itself serves stays `builtin`, wherever its description came from.
    const added = new Map(resources.map((r) => [keyOf(r.group, r.resource), this.byKey.get(keyOf(r.group, r.resource))?.source === 'builtin' ? { ...r, source: 'builtin' as const } : r]));
    return new ResourceCatalog([...this.entries.filter((e) => !added.has(keyOf(e.group, e.resource))), ...added.values()]);
  }

  /**
   * A new catalog with custom resources added. A CRD replaces a built-in entry of the same
   * group/resource; of two CRDs for the same group/resource the later one wins.
   */
  withCrds(crds: readonly CrdLike[], source: 'workspace' | 'cluster' = 'workspace'): ResourceCatalog {
    if (crds.length === 0) return this;
    const added = new Map<string, ResourceInfo>();
    for (const crd of crds) {
      if (!crd.group || !crd.plural) continue;
      const kind = crd.crdKind ?? crd.kind ?? crd.plural;
      const versions = crd.versions.length ? crd.versions : ['v1'];
      added.set(keyOf(crd.group, crd.plural), {
        group: crd.group,
        resource: crd.plural,
        kind,
        singular: crd.singular || kind.toLowerCase(),
        namespaced: crd.scope !== 'Cluster',
        versions,
        preferredVersion: versions[0],
        stability: stabilityOf(versions[0]),
        verbs: CRD_VERBS,
        shortNames: crd.shortNames,
        subresources: Object.fromEntries(crd.subresources.map((s) => [s, CRD_SUBRESOURCE_VERBS[s] ?? ['get']])),
        source,
      });
    }
    return new ResourceCatalog([...this.entries.filter((e) => !added.has(keyOf(e.group, e.resource))), ...added.values()]);
  }

  lookup(group: string, resource: string): ResourceInfo | undefined {
    return this.byKey.get(keyOf(group, resource));
  }

  /** Groups that serve a resource (plural name), e.g. `deployments` → [`apps`]. */
  groupsServing(resource: string): string[] {
    return (this.byResource.get(resource) ?? []).map((e) => e.group);
  }

  isKnownGroup(group: string): boolean {
    return this.groups.has(group);
  }

  /**
   * Whether the catalog lists every resource the group serves, so that a name missing from it is
   * really not served. A group known only from the workspace's CRDs may have other CRDs elsewhere
   * (Cluster API's `ipam.cluster.x-k8s.io` is spread over several projects).
   */
  listsAllResourcesOf(group: string): boolean {
    return this.listedGroups.has(group);
  }

  /** Whether the resource lives in namespaces; undefined when the catalog does not know it. */
  isNamespaced(group: string, resource: string): boolean | undefined {
    return this.lookup(group, resource)?.namespaced;
  }

  /** The subresources discovery lists for a resource (empty when unknown). */
  subresourcesOf(group: string, resource: string): string[] {
    return Object.keys(this.lookup(group, resource)?.subresources ?? {});
  }

  /** Whether `resource` or `resource/sub` names something a rule can grant in this group. */
  isKnownResource(group: string, combined: string): boolean {
    if (this.permissionOnlyIn(group, combined)) return true;
    const [resource, sub] = splitResource(combined);
    const info = this.lookup(group, resource);
    if (!info) return false;
    return sub === undefined || sub in info.subresources;
  }

  /**
   * The verbs a resource (or subresource) supports, permission-only names and extra RBAC verbs
   * included (`bind`/`escalate` on roles, `impersonate` on serviceaccounts…); undefined when unknown.
   */
  verbsOf(group: string, resource: string, subresource?: string): string[] | undefined {
    const combined = subresource !== undefined ? `${resource}/${subresource}` : resource;
    const special = this.permissionOnlyIn(group, combined);
    if (special) return [...special.verbs];
    const info = this.lookup(group, resource);
    if (!info) return undefined;
    if (subresource !== undefined) return info.subresources[subresource] ? [...info.subresources[subresource]] : undefined;
    return [...new Set([...info.verbs, ...extraVerbs(group, resource)])];
  }

  /** When and where a resource left a group (information: it still works on older clusters). */
  removedFrom(group: string, resource: string): RemovedResource | undefined {
    return removedResource(group, resource);
  }

  /**
   * kubectl-style type names: `pods`, `pod`, `po`, `Pod`, `deployments.apps`, `deployments.v1.apps`,
   * `deploy`, `foo.example.com`, and `pods/log` (RBAC's subresource form; for `can-i`, whose
   * `TYPE/NAME` means a name, split the name off first). Verbatim, as kubectl matches: no
   * case-folding. The plural wins, then singular, short name and Kind; among groups the core group,
   * then `apps`, then `*.k8s.io`. A `TYPE.GROUP` the catalog does not know resolves as written;
   * an unknown bare TYPE is undefined.
   */
  resolveTypeName(name: string): TypeName | undefined {
    const [typePart, subresource] = splitResource(name);
    const resolved = this.resolveType(typePart);
    if (!resolved) return undefined;
    return subresource !== undefined ? { ...resolved, subresource } : resolved;
  }

  private resolveType(name: string): TypeName | undefined {
    if (name === '') return undefined;
    const dot = name.indexOf('.');
    if (dot === -1) return this.pick(name, undefined);
    const resource = name.slice(0, dot);
    const rest = name.slice(dot + 1);
    const versioned = /^(v\d+(?:(?:alpha|beta)\d+)?)\.(.+)$/.exec(rest);
    if (versioned) {
      const found = this.pick(resource, versioned[2]);
      if (found) return found;
    }
    const group = rest === 'core' ? '' : rest;
    return this.pick(resource, group) ?? { group, resource };
  }

  private pick(name: string, group: string | undefined): TypeName | undefined {
    const best = (list: readonly ResourceInfo[] | undefined) => {
      const ranked = (list ?? []).filter((e) => group === undefined || e.group === group)
        .sort((a, b) => preference(a.group) - preference(b.group));
      return ranked[0] ? { group: ranked[0].group, resource: ranked[0].resource } : undefined;
    };
    return best(this.byResource.get(name)) ?? best(this.byName.get(name));
  }

  /**
   * What the author of a rule probably meant by a name that no resource of the groups has (any
   * group when `groups` is undefined, empty or contains `*`): a Kind (`Deployment`), a singular
   * (`deployment`), a short name (`deploy`), the wrong case (`Pods`), a wrong subresource
   * (`pods/logs`), a missing plural `s` (`endpoint`) or a typo (`persistentvolumerclaims`).
   * Undefined when the name is right or nothing is close.
   */
  suggest(groups: string | readonly string[] | undefined, written: string): Suggestion | undefined {
    const list = groups === undefined ? [] : typeof groups === 'string' ? [groups] : groups;
    const pool = list.length === 0 || list.includes('*') ? this.entries : this.entries.filter((e) => list.includes(e.group));
    const [resource, sub] = splitResource(written);
    if (sub === undefined) {
      if (pool.some((e) => e.resource === resource)) return undefined;
      return suggestResource(pool, resource);
    }
    const exact = pool.find((e) => e.resource === resource);
    if (exact) {
      if (this.isKnownResource(exact.group, written)) return undefined;
      const fixed = this.fixSubresource(exact, sub);
      return fixed === undefined ? undefined : {
        resource: `${exact.resource}/${fixed}`, why: 'subresource', group: exact.group,
        message: `\`${exact.resource}\` has no subresource \`${sub}\`; did you mean \`${exact.resource}/${fixed}\`?`,
      };
    }
    const base = suggestResource(pool, resource);
    if (!base) return undefined;
    const info = this.lookup(base.group, base.resource)!;
    const fixedSub = this.isKnownResource(info.group, `${info.resource}/${sub}`) ? sub : this.fixSubresource(info, sub) ?? sub;
    return { ...base, resource: `${base.resource}/${fixedSub}`, message: `${base.message.replace(/\.$/, '')}; the subresource goes after it: \`${base.resource}/${fixedSub}\`.` };
  }

  /** The subresource of `info` meant by `sub`: wrong case, an extra plural `s`, or a typo. */
  private fixSubresource(info: ResourceInfo, sub: string): string | undefined {
    const prefix = `${info.resource}/`;
    const subs = [
      ...Object.keys(info.subresources),
      ...PERMISSION_ONLY.filter((p) => p.group === info.group && p.resource.startsWith(prefix) && !p.resource.endsWith('/*')).map((p) => p.resource.slice(prefix.length)),
    ];
    const lower = sub.toLowerCase();
    return subs.find((s) => s === lower) ?? subs.find((s) => `${s}s` === lower || `${s}es` === lower) ??
      nearest(lower, [...subs, FINALIZERS_SUBRESOURCE]);
  }

  private permissionOnlyIn(group: string, combined: string) {
    const found = permissionOnly(group, combined);
    // `<resource>/finalizers` needs a resource the group serves.
    if (found?.resource === '*/finalizers' && !this.lookup(group, splitResource(combined)[0])) return undefined;
    return found;
  }
}

function suggestResource(pool: readonly ResourceInfo[], written: string): Suggestion | undefined {
  const lower = written.toLowerCase();
  const make = (e: ResourceInfo, why: SuggestionReason, message: string): Suggestion => ({ resource: e.resource, why, group: e.group, message });
  const byKind = pool.find((e) => e.kind === written);
  if (byKind) return make(byKind, 'kind', `\`${written}\` is the Kind; rules use the plural resource name \`${byKind.resource}\`.`);
  const byCase = pool.find((e) => e.resource === lower);
  if (byCase) return make(byCase, 'case', `Resource names are lower-case and compared exactly: \`${byCase.resource}\`, not \`${written}\`.`);
  const bySingular = pool.find((e) => e.singular === lower || e.kind.toLowerCase() === lower);
  if (bySingular) return make(bySingular, 'singular', `Rules use the plural resource name \`${bySingular.resource}\`, not \`${written}\`.`);
  const byShort = pool.find((e) => e.shortNames.includes(lower));
  if (byShort) return make(byShort, 'short name', `\`${written}\` is a kubectl short name; rules need the full plural \`${byShort.resource}\`.`);
  const byPlural = pool.find((e) => e.resource === `${lower}s` || e.resource === `${lower}es`);
  if (byPlural) return make(byPlural, 'plural', `Rules use the plural resource name \`${byPlural.resource}\`, not \`${written}\`.`);
  const spelled = nearest(lower, pool.map((e) => e.resource));
  const info = spelled === undefined ? undefined : pool.find((e) => e.resource === spelled);
  return info ? make(info, 'spelling', `No resource is called \`${written}\`; did you mean \`${info.resource}\`?`) : undefined;
}

/** `pods/log` → [`pods`, `log`]; `pods` → [`pods`, undefined]. Only the first slash separates. */
export function splitResource(combined: string): [string, string | undefined] {
  const slash = combined.indexOf('/');
  return slash === -1 ? [combined, undefined] : [combined.slice(0, slash), combined.slice(slash + 1)];
}

/** The stability a version string declares: `v1` stable, `v1beta2` beta, `v1alpha3` alpha. */
export function stabilityOf(version: string): Stability {
  if (/^v\d+alpha\d*$/.test(version)) return 'alpha';
  if (/^v\d+beta\d*$/.test(version)) return 'beta';
  return 'stable';
}

function keyOf(group: string, resource: string): string {
  return `${group}/${resource}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** kubectl prefers the core group and then the stable, better-known groups. */
function preference(group: string): number {
  if (group === '') return 0;
  if (group === 'apps') return 1;
  if (group === 'extensions') return 9;
  return group.endsWith('.k8s.io') ? 2 : 3;
}
