import { asMap, str } from './read-kustomization';
import { isClusterScoped } from './resource';
import type { Resource } from './types';
import { BUDGETS } from '../budgets';

/**
 * What one kustomize build may do before it stops: nesting, objects copied, components applied,
 * and time (also for all the builds of a workspace together). Real trees are far below; a diamond of components (each applied once per
 * path that reaches it: 2^depth times, as kubectl does) or a generated tree is not, and would hold the editor up.
 */
export const BUILD_BUDGET = BUDGETS.kustomize;

/**
 * Why a build stopped: said as a note at the entry where it stopped; the build then emits nothing.
 * `refused` when kubectl refuses it too (a resource reached twice), not only this budget.
 */
export class BuildStopped extends Error {
  constructor(message: string, readonly refused: boolean) {
    super(message);
  }
}

interface Registry {
  ids: Set<string>;
  /** How many resources of the accumulation the ids cover (appends add to them; a transformer starts them again). */
  covered: number;
  resources: Resource[];
}

const registries = new WeakMap<object, Registry>();

/**
 * Registers the ids of `resources` in an accumulation, as kustomize's resource map does on append: the
 * resources whose ids are new (registered now), and the first id already registered (or repeated among
 * them), in kustomize's words (`Role.v1.rbac.authorization.k8s.io/name.namespace`).
 */
export function registerIds(into: { resources: Resource[] }, resources: Resource[]): { duplicate?: string; fresh: Resource[] } {
  let registry = registries.get(into);
  if (!registry || registry.resources !== into.resources || registry.covered !== into.resources.length) {
    registry = { ids: new Set(into.resources.map(idKey)), covered: into.resources.length, resources: into.resources };
    registries.set(into, registry);
  }
  let duplicate: string | undefined;
  const fresh: Resource[] = [];
  for (const resource of resources) {
    const key = idKey(resource);
    if (registry.ids.has(key)) duplicate ??= describeId(resource);
    else {
      registry.ids.add(key);
      fresh.push(resource);
    }
  }
  registry.covered += fresh.length;
  return { duplicate, fresh };
}

/** A transformer changed ids in place: the accumulation's registry is built again on its next append. */
export function forgetIds(into: object): void {
  registries.delete(into);
}

/** kustomize's id equality: group, version, kind, name, and the namespace with '' the same as `default`. */
function idKey(resource: Resource): string {
  const { group, version, kind, name, namespace } = idParts(resource);
  const effective = namespace === '' && !isClusterScoped(group, kind) ? 'default' : namespace;
  return `${kind}\u0000${version}\u0000${group}\u0000${name}\u0000${effective}`;
}

function describeId(resource: Resource): string {
  const { group, version, kind, name, namespace } = idParts(resource);
  return `${kind}.${version || '[noVer]'}.${group || '[noGrp]'}/${name || '[noName]'}.${namespace || '[noNs]'}`;
}

function idParts(resource: Resource): { group: string; version: string; kind: string; name: string; namespace: string } {
  const apiVersion = str(resource.data.apiVersion) ?? '';
  const slash = apiVersion.indexOf('/');
  const metadata = asMap(resource.data.metadata);
  return {
    group: slash === -1 ? '' : apiVersion.slice(0, slash),
    version: slash === -1 ? apiVersion : apiVersion.slice(slash + 1),
    kind: str(resource.data.kind) ?? '',
    name: str(metadata?.name) ?? '',
    namespace: str(metadata?.namespace) ?? '',
  };
}
