import { ResourceCatalog } from '../catalog/catalog';

/** `deployments.apps` → resource and group; a bare name gets the group `fallback`. */
export function splitQualified(qualified: string): { resource: string; group: string | undefined } {
  const dot = qualified.indexOf('.');
  return dot === -1 ? { resource: qualified, group: undefined } : { resource: qualified.slice(0, dot), group: qualified.slice(dot + 1) };
}

/** Old messages name no group: core resources are known; anything else stays unknown (null). */
export function inferGroup(resource: string): string | null {
  const catalog = ResourceCatalog.builtin();
  if (catalog.lookup('', resource)) return '';
  const groups = catalog.groupsServing(resource);
  return groups.length === 1 ? groups[0] : null;
}

/** `pods/exec` → pods + exec; the subresource is everything after the first `/`. */
export function splitSubresource(combined: string): { resource: string; subresource: string | null } {
  const slash = combined.indexOf('/');
  return slash === -1 ? { resource: combined, subresource: null } : { resource: combined.slice(0, slash), subresource: combined.slice(slash + 1) };
}
