import { qualifiedResource } from '../rbac/resource-name';
import type { ResourceCatalog } from '../catalog/catalog';
import type { AccessRequest } from '../rbac/types';

export interface Target {
  request: AccessRequest;
  warnings: string[];
}

/** The verbs kubectl auth can-i knows (others get its warning; the authorizer takes any verb). */
const RESOURCE_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest']);
const NON_RESOURCE_VERBS = new Set(['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']);
const NON_STANDARD_RESOURCES = new Set(['users', 'groups']);

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
  if (target.startsWith('/')) {
    return { request: { kind: 'non-resource', verb, path: target }, warnings: NON_RESOURCE_VERBS.has(verb) ? [] : [`verb '${verb}' is not a known verb`] };
  }
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
  }
  const info = catalog.lookup(group, resource);
  // kubectl's words (auth can-i): a type neither built in nor defined by a CRD of the manifests. Users
  // and groups are resources discovery never lists.
  if (!info && resource !== '*' && !(group === '' && NON_STANDARD_RESOURCES.has(resource))) {
    warnings.push(group ? `the server doesn't have a resource type '${resource}' in group '${group}'` : `the server doesn't have a resource type '${resource}'`);
  }
  const namespaced = info?.namespaced ?? true;
  const namespace = namespaced ? options.namespace : undefined;
  if (!namespaced && options.namespace) {
    warnings.push(group ? `resource '${resource}' is not namespace scoped in group '${group}'` : `resource '${resource}' is not namespace scoped`);
  }
  if (!RESOURCE_VERBS.has(verb)) warnings.push(`verb '${verb}' is not a known verb`);
  return {
    request: { kind: 'resource', verb, apiGroup: group, resource, subresource: options.subresource, name, namespace },
    warnings,
  };
}

/** `pods`, `deployments.apps/web`, `pods/log` — how a request reads in messages. */
export function describeRequest(request: AccessRequest): string {
  if (request.kind === 'non-resource') return `${request.verb} ${request.path}`;
  const type = qualifiedResource(request.resource, request.apiGroup, request.subresource);
  const sub = '';
  const name = request.name ? ` "${request.name}"` : '';
  const where = request.namespace ? ` in namespace ${request.namespace}` : ' at cluster scope';
  return `${request.verb} ${type}${sub}${name}${where}`;
}
