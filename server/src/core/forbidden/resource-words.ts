import { ResourceCatalog } from '../catalog/catalog';

/** Names the API group of a resource that a message gives without one; null when it cannot be told. */
export type GroupGuess = (resource: string) => string | null;

/** `deployments.apps` → resource and group; a bare name has no group (undefined). */
export function splitQualified(qualified: string): { resource: string; group: string | undefined } {
  const dot = qualified.indexOf('.');
  return dot === -1 ? { resource: qualified, group: undefined } : { resource: qualified.slice(0, dot), group: qualified.slice(dot + 1) };
}

/** `pods/exec` → pods + exec; the subresource is everything after the first `/`. */
export function splitSubresource(combined: string): { resource: string; subresource: string | null } {
  const slash = combined.indexOf('/');
  return slash === -1 ? { resource: combined, subresource: null } : { resource: combined.slice(0, slash), subresource: combined.slice(slash + 1) };
}

/**
 * Old messages glue the group to the resource: `deployments.apps/scale` (group before the subresource,
 * as the API server printed it) or `serviceinstances/finalizers.servicecatalog.k8s.io` (group last).
 */
export function splitOldResource(written: string): { resource: string; subresource: string | null; group: string | undefined } {
  const { resource: head, subresource: tail } = splitSubresource(written);
  const qualifiedHead = splitQualified(head);
  if (qualifiedHead.group !== undefined || tail === null) {
    return { resource: qualifiedHead.resource, subresource: tail, group: qualifiedHead.group };
  }
  const qualifiedTail = splitQualified(tail);
  return { resource: head, subresource: qualifiedTail.resource, group: qualifiedTail.group };
}

/**
 * The default guess, from the built-in resource catalog: core resources (pods, configmaps, nodes, …)
 * are in `""`; a resource served by exactly one built-in group gets that group; anything else is unknown.
 */
export const catalogGroupGuess: GroupGuess = (resource) => {
  const catalog = ResourceCatalog.builtin();
  if (catalog.lookup('', resource)) return '';
  const groups = catalog.groupsServing(resource);
  return groups.length === 1 ? groups[0] : null;
};
