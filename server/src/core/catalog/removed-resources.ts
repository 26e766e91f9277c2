/** Resources that a group used to serve and no longer does. RBAC ignores versions, so only group moves matter. */
export interface RemovedResource {
  group: string;
  resource: string;
  removedIn: string;
  /** Where it is served now, if anywhere. */
  movedTo?: string;
}

export const REMOVED_RESOURCES: readonly RemovedResource[] = [
  { group: 'extensions', resource: 'ingresses', removedIn: '1.22', movedTo: 'networking.k8s.io' },
  { group: 'extensions', resource: 'networkpolicies', removedIn: '1.16', movedTo: 'networking.k8s.io' },
  { group: 'extensions', resource: 'deployments', removedIn: '1.16', movedTo: 'apps' },
  { group: 'extensions', resource: 'daemonsets', removedIn: '1.16', movedTo: 'apps' },
  { group: 'extensions', resource: 'replicasets', removedIn: '1.16', movedTo: 'apps' },
  { group: 'extensions', resource: 'replicationcontrollers', removedIn: '1.16' },
  { group: 'extensions', resource: 'podsecuritypolicies', removedIn: '1.16', movedTo: 'policy' },
  { group: 'policy', resource: 'podsecuritypolicies', removedIn: '1.25' },
  { group: 'apps', resource: 'podsecuritypolicies', removedIn: '1.16' },
  { group: 'batch', resource: 'scheduledjobs', removedIn: '1.8', movedTo: 'batch (cronjobs)' },
];

/** Groups that no longer exist at all on a current cluster (rules for them match nothing there). */
export const REMOVED_GROUPS: Record<string, string> = {
  extensions: '1.22',
};
