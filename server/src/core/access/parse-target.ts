import type { ResourceCatalog } from '../catalog/catalog';
import type { AccessRequest } from '../rbac/types';

export interface Target {
  request: AccessRequest;
  warnings: string[];
}

/**
 * `kubectl auth can-i`'s target: `TYPE[.GROUP][/NAME]` or a non-resource `/path`. The verb is taken
 * verbatim (no case-folding), as the authorizer compares it; an unknown type only warns.
 */
export function parseTarget(
  catalog: ResourceCatalog,
  verb: string,
  target: string,
  options: { namespace?: string; subresource?: string },
): Target {
  if (target.startsWith('/')) return { request: { kind: 'non-resource', verb, path: target }, warnings: [] };
  const warnings: string[] = [];
  const slash = target.indexOf('/');
  const typePart = slash === -1 ? target : target.slice(0, slash);
  const name = slash === -1 ? undefined : target.slice(slash + 1) || undefined;
  const resolved = catalog.resolveTypeName(typePart);
  let group = '';
  let resource = typePart;
  if (resolved) {
    group = resolved.group;
    resource = resolved.resource;
  } else {
    const dot = typePart.indexOf('.');
    if (dot !== -1) {
      resource = typePart.slice(0, dot);
      group = typePart.slice(dot + 1);
    }
    warnings.push(`the server doesn't have a resource type "${typePart}" (it is not built in and no CRD in the manifests defines it)`);
  }
  const info = catalog.lookup(group, resource);
  const namespaced = info?.namespaced ?? true;
  const namespace = namespaced ? options.namespace : undefined;
  if (!namespaced && options.namespace) warnings.push(`${resource} are cluster-scoped: the namespace is ignored`);
  return {
    request: { kind: 'resource', verb, apiGroup: group, resource, subresource: options.subresource, name, namespace },
    warnings,
  };
}

/** `pods`, `deployments.apps/web`, `pods/log` — how a request reads in messages. */
export function describeRequest(request: AccessRequest): string {
  if (request.kind === 'non-resource') return `${request.verb} ${request.path}`;
  const type = request.apiGroup ? `${request.resource}.${request.apiGroup}` : request.resource;
  const sub = request.subresource ? `/${request.subresource}` : '';
  const name = request.name ? ` "${request.name}"` : '';
  const where = request.namespace ? ` in namespace ${request.namespace}` : ' at cluster scope';
  return `${request.verb} ${type}${sub}${name}${where}`;
}
