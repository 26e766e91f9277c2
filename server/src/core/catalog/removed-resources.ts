/**
 * Resources that an API group used to serve and no longer does. RBAC ignores versions, so only a
 * resource leaving a group (or being renamed) is listed: `apps/v1beta1`, `batch/v1beta1` cronjobs,
 * `discovery.k8s.io/v1beta1` endpointslices and the like were version removals and change nothing
 * for rules.
 *
 * This is information, not an error: a rule that names `extensions/ingresses` still works on
 * clusters older than 1.22. Messages say "removed in 1.22"; they never call such a rule wrong.
 */
export interface RemovedResource {
  group: string;
  /** The plural resource, or `resource/subresource` for a subresource that is gone. */
  resource: string;
  /** The first Kubernetes minor version that no longer serves it there. */
  removedIn: string;
  /** Where it is served now, as text for messages: the group, with the new name when it changed. */
  movedTo?: string;
  /** Where it is served now, structured; undefined when nothing replaces it. */
  replacement?: { group: string; resource: string };
  /** What replaces it when it is not another resource (e.g. Pod Security Admission). */
  note?: string;
}

const moved = (group: string, resource: string, removedIn: string, to: string): RemovedResource =>
  ({ group, resource, removedIn, movedTo: to, replacement: { group: to, resource } });

export const REMOVED_RESOURCES: readonly RemovedResource[] = [
  moved('extensions', 'ingresses', '1.22', 'networking.k8s.io'),
  moved('extensions', 'networkpolicies', '1.16', 'networking.k8s.io'),
  moved('extensions', 'deployments', '1.16', 'apps'),
  moved('extensions', 'daemonsets', '1.16', 'apps'),
  moved('extensions', 'replicasets', '1.16', 'apps'),
  { ...moved('extensions', 'podsecuritypolicies', '1.16', 'policy'), note: 'policy/podsecuritypolicies was itself removed in 1.25' },
  { group: 'policy', resource: 'podsecuritypolicies', removedIn: '1.25', note: 'replaced by Pod Security Admission (namespace labels), which needs no RBAC' },
  { group: 'apps', resource: 'deployments/rollback', removedIn: '1.16', note: 'only apps/v1beta1 and v1beta2 served it; `kubectl rollout undo` patches the Deployment instead' },
  { group: 'extensions', resource: 'deployments/rollback', removedIn: '1.16', note: '`kubectl rollout undo` patches the Deployment instead' },
  { group: 'batch', resource: 'scheduledjobs', removedIn: '1.8', movedTo: 'batch (cronjobs)', replacement: { group: 'batch', resource: 'cronjobs' } },
  { group: 'settings.k8s.io', resource: 'podpresets', removedIn: '1.20', note: 'an alpha API; nothing replaces it' },
  { group: 'auditregistration.k8s.io', resource: 'auditsinks', removedIn: '1.19', note: 'an alpha API; nothing replaces it' },
];

/** Groups that no longer exist at all on a current cluster (rules for them match nothing there). */
export const REMOVED_GROUPS: Record<string, string> = {
  extensions: '1.22',
  'settings.k8s.io': '1.20',
  'auditregistration.k8s.io': '1.19',
};

const byKey = new Map(REMOVED_RESOURCES.map((r) => [`${r.group}/${r.resource}`, r]));

/** The removal record of a group/resource (or resource/subresource), if it was removed from that group. */
export function removedResource(group: string, resource: string): RemovedResource | undefined {
  return byKey.get(`${group}/${resource}`);
}
