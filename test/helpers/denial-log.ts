// A controller log of distinct RBAC denials, for the bench and the growth tests of `forbidden`.

const RESOURCES = ['pods', 'configmaps', 'secrets', 'services', 'deployments', 'leases', 'jobs', 'events', 'endpoints', 'statefulsets'];
const GROUPS: Record<string, string> = { deployments: 'apps', statefulsets: 'apps', leases: 'coordination.k8s.io', jobs: 'batch' };
/** Denial i: subject i mod S (in one of 100 namespaces), one resource per round over the subjects. */
export function denialLine(i: number, subjects: number): string {
  const s = i % subjects;
  const resource = RESOURCES[Math.floor(i / subjects) % RESOURCES.length];
  const group = GROUPS[resource] ?? '';
  const ns = `team-${s % 100}`;
  return `E1129 10:00:00.000000       1 reflector.go:147] failed to list: ${resource}${group ? `.${group}` : ''} is forbidden: User "system:serviceaccount:${ns}:app-${s}" cannot list resource "${resource}" in API group "${group}" in the namespace "${ns}"\n`;
}
