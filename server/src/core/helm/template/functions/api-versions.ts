import { ResourceCatalog } from '../../../catalog/catalog';
import { isMapValue, UNKNOWN, type Value } from '../template-values';

let served: Set<string> | undefined;

/**
 * `.Capabilities.APIVersions.Has "rbac.authorization.k8s.io/v1"` (or `…/v1/ClusterRole`): true for an API
 * version, or version and kind, that the assumed Kubernetes serves (the built-in catalog). Helm answers
 * the same offline (`helm template` knows every built-in version) and against such a cluster. Anything
 * else depends on the cluster (a CRD's group, a version it may have dropped) and stays unknown.
 */
export function servedByAssumedKubernetes(apiVersion: string): boolean {
  if (!served) {
    served = new Set();
    for (const entry of ResourceCatalog.builtin().entries) {
      if (entry.source !== 'builtin') continue;
      for (const version of entry.versions) {
        const groupVersion = entry.group ? `${entry.group}/${version}` : version;
        served.add(groupVersion);
        served.add(`${groupVersion}/${entry.kind}`);
      }
    }
  }
  return served.has(apiVersion);
}

/** Whether a field path called with arguments is `.Capabilities.APIVersions.Has` on the template's root. */
export function callsApiVersionsHas(path: string[], root: Value): boolean {
  return path.length === 3 && path[0] === 'Capabilities' && path[1] === 'APIVersions' && path[2] === 'Has' && isMapValue(root) && 'Values' in root && 'Capabilities' in root;
}

/** `Has`'s answer: true for one API version the assumed Kubernetes serves, unknown otherwise (it depends on the cluster). */
export function apiVersionsHas(args: Value[]): Value {
  return args.length === 1 && typeof args[0] === 'string' && servedByAssumedKubernetes(args[0]) ? true : UNKNOWN;
}
