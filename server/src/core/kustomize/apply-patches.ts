import { isRelevantKind } from '../model/relevant-kinds';
import { applyJsonPatch } from './patch-json6902';
import { strategicMerge } from './patch-strategic-merge';
import { asMap } from './read-kustomization';
import { allIds, currentId, idOf, rememberId, sameId, selects } from './resource';
import type { JsonMap, Patch, Resource } from './types';

/**
 * Applies one patch to the resources it targets (its `target`, else the object the patch names, by any
 * id it has had). Returns the resources left (a `$patch: delete` removes one) and what could not be applied.
 */
export function applyPatch(resources: Resource[], patch: Patch, from = '*'): { resources: Resource[]; problem?: string } {
  if (patch.type === 'json6902') {
    if (!patch.target) return { resources, problem: `${patch.source}: a JSON 6902 patch needs a target` };
    for (const resource of resources.filter((r) => selects(patch.target!, r))) {
      rememberId(resource);
      patchedIn(resource, from);
      const failed = applyJsonPatch(resource.data, patch.operations);
      // Of a kind RBAC does not read, a build carries only the identity: an operation on the rest cannot be applied here and changes nothing checked.
      if (failed && isRelevantKind(currentId(resource).kind)) return { resources, problem: `${patch.source}: ${failed}` };
    }
    return { resources };
  }
  let out = resources;
  for (const document of patch.documents) {
    const targets = patch.target ? out.filter((r) => selects(patch.target!, r)) : out.filter((r) => allIds(r).some((id) => sameId(id, idOf(document))));
    // A patch of a kind RBAC does not read (a generated ConfigMap, a Service) changes nothing checked here.
    if (targets.length === 0 && !patch.target && isRelevantKind(idOf(document).kind)) return { resources: out, problem: `${patch.source}: no object of the build is ${describe(document)}` };
    if (document.$patch === 'delete') {
      const deleted = new Set(targets);
      out = out.filter((r) => !deleted.has(r));
      continue;
    }
    for (const resource of targets) {
      patchedIn(resource, from);
      mergeKeepingIdentity(resource, document);
    }
  }
  return { resources: out };
}

/** Remembers where a patch of the resource is written: its rules are looked for there (see patch-origins.ts). */
function patchedIn(resource: Resource, from: string): void {
  if (!resource.patchedIn) resource.patchedIn = [from];
  else if (!resource.patchedIn.includes(from)) resource.patchedIn.push(from);
}

/** A patch merges into its target's content; the target keeps its kind and name (kustomize's default options). */
function mergeKeepingIdentity(resource: Resource, document: JsonMap): void {
  const id = currentId(resource);
  const apiVersion = resource.data.apiVersion;
  const patch = structuredClone(document);
  delete patch.apiVersion;
  delete patch.kind;
  strategicMerge(resource.data, patch);
  resource.data.apiVersion = apiVersion;
  resource.data.kind = id.kind;
  const metadata = asMap(resource.data.metadata) ?? {};
  metadata.name = id.name;
  if (id.namespace) metadata.namespace = id.namespace;
  resource.data.metadata = metadata;
}

function describe(document: JsonMap): string {
  const id = idOf(document);
  return `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}`;
}
