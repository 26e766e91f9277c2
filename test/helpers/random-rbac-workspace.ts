/**
 * Random RBAC workspaces for property tests: subjects (users, ServiceAccounts, the groups
 * system:authenticated and system:serviceaccounts[:NS]), roles shared between bindings, ClusterRoles bound
 * by RoleBindings in several namespaces, aggregated ClusterRoles and copies of default roles; plus
 * denied requests as the API server words them. Deterministic for a given random source.
 */

export interface Principal { kind: 'User' | 'ServiceAccount'; name: string; namespace?: string }
export interface Resource { group: string; resource: string; namespaced: boolean }
export interface DeniedRequest { principal: Principal; verb: string; resource: Resource; namespace?: string }

export const RESOURCES: Resource[] = [
  { group: '', resource: 'pods', namespaced: true },
  { group: '', resource: 'secrets', namespaced: true },
  { group: '', resource: 'configmaps', namespaced: true },
  { group: 'apps', resource: 'deployments', namespaced: true },
  { group: '', resource: 'nodes', namespaced: false },
  { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', namespaced: false },
];
export const VERBS = ['get', 'list', 'watch', 'create', 'delete'];
const ALL_NAMESPACES = ['shop', 'dev', 'ops'];
const USERS = ['alice', 'bob', 'carol'];
const SERVICE_ACCOUNTS = ['api', 'batch', 'web'];
/** A label user roles carry to be aggregated into the workspace's own aggregating role, or into view. */
const AGGREGATE_LABELS = ['example.com/aggregate-to-team: "true"', 'rbac.authorization.k8s.io/aggregate-to-view: "true"'];

export interface RandomWorkspace {
  files: Record<string, string>;
  namespaces: string[];
  /** Users and ServiceAccounts named anywhere (bound or not). */
  principals: Principal[];
  /** Subjects with a role of their own, bound in `namespace` (undefined: cluster-wide). */
  dedicated: { principal: Principal; namespace?: string }[];
  /** The file holding the copies of default roles (never to be edited). */
  defaultsFile: string;
}

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
const between = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));
function some<T>(random: Random, list: readonly T[], low: number, high: number): T[] {
  const pool = [...list];
  const out: T[] = [];
  const count = Math.min(pool.length, between(random, low, high));
  while (out.length < count) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return out;
}

const HEADER = 'apiVersion: rbac.authorization.k8s.io/v1';

function rulesYaml(random: Random, clusterRole: boolean): string[] {
  const lines: string[] = [];
  for (let i = between(random, 0, 2); i > 0; i--) {
    const resource = pick(random, clusterRole ? RESOURCES : RESOURCES.filter((r) => r.namespaced));
    lines.push(`- apiGroups: ["${resource.group}"]`, `  resources: ["${resource.resource}"]`, `  verbs: [${some(random, VERBS, 1, 2).map((v) => `"${v}"`).join(', ')}]`);
  }
  return lines.length ? ['rules:', ...lines] : ['rules: []'];
}

function subjectYaml(subject: string): string[] {
  const [kind, name, namespace] = subject.split('|');
  if (kind === 'ServiceAccount') return [`- kind: ServiceAccount`, `  name: ${name}`, `  namespace: ${namespace}`];
  return [`- kind: ${kind}`, `  name: "${name}"`, '  apiGroup: rbac.authorization.k8s.io'];
}

/** A workspace of 2–8 subjects, 1–5 roles and 1–6 bindings; sometimes an aggregating role and copies of default roles. */
export function randomWorkspace(random: Random): RandomWorkspace {
  const namespaces = some(random, ALL_NAMESPACES, 2, 3);
  const pool = [
    ...USERS.map((u) => `User|${u}`),
    ...namespaces.flatMap((ns) => SERVICE_ACCOUNTS.map((sa) => `ServiceAccount|${sa}|${ns}`)),
    'Group|system:authenticated', 'Group|system:serviceaccounts', ...namespaces.map((ns) => `Group|system:serviceaccounts:${ns}`),
  ];
  const subjects = some(random, pool, 2, 8);
  if (!subjects.some((s) => !s.startsWith('Group|'))) subjects.push(pick(random, pool.filter((s) => !s.startsWith('Group|'))));
  const docs: string[] = [];
  const roles: { kind: 'Role' | 'ClusterRole'; name: string; namespace?: string }[] = [];
  for (let i = 1, n = between(random, 1, 5); i <= n; i++) {
    const cluster = random() < 0.5;
    const namespace = cluster ? undefined : pick(random, namespaces);
    // Sometimes a name the generator of new grants would choose, to prove new objects never replace it.
    const name = random() < 0.15 ? `${pick(random, SERVICE_ACCOUNTS)}-${pick(random, RESOURCES).resource}-${pick(random, VERBS)}` : `role-${i}`;
    if (roles.some((r) => r.name === name && r.kind === (cluster ? 'ClusterRole' : 'Role'))) continue;
    const labels = cluster && random() < 0.4 ? ['  labels:', `    ${pick(random, AGGREGATE_LABELS)}`] : [];
    docs.push([HEADER, `kind: ${cluster ? 'ClusterRole' : 'Role'}`, 'metadata:', `  name: ${name}`, ...(namespace ? [`  namespace: ${namespace}`] : []), ...labels, ...rulesYaml(random, cluster)].join('\n'));
    roles.push({ kind: cluster ? 'ClusterRole' : 'Role', name, namespace });
  }
  if (random() < 0.4) {
    docs.push([HEADER, 'kind: ClusterRole', 'metadata:', '  name: team', 'aggregationRule:', '  clusterRoleSelectors:', '  - matchLabels:', '      example.com/aggregate-to-team: "true"', 'rules: []'].join('\n'));
    roles.push({ kind: 'ClusterRole', name: 'team' });
  }
  const defaults: string[] = [];
  if (random() < 0.5) {
    defaults.push([HEADER, 'kind: ClusterRole', 'metadata:', '  name: system:basic-user', '  labels:', '    kubernetes.io/bootstrapping: rbac-defaults', ...rulesYaml(random, true)].join('\n'));
    defaults.push([HEADER, 'kind: ClusterRoleBinding', 'metadata:', '  name: system:basic-user', 'roleRef:', '  apiGroup: rbac.authorization.k8s.io', '  kind: ClusterRole', '  name: system:basic-user',
      'subjects:', ...subjectYaml('Group|system:authenticated'), ...(random() < 0.5 ? subjectYaml(pick(random, subjects)) : [])].join('\n'));
    roles.push({ kind: 'ClusterRole', name: 'system:basic-user' });
  }
  if (random() < 0.3) {
    defaults.push([HEADER, 'kind: ClusterRole', 'metadata:', '  name: view', 'aggregationRule:', '  clusterRoleSelectors:', '  - matchLabels:', '      rbac.authorization.k8s.io/aggregate-to-view: "true"', 'rules: []'].join('\n'));
    roles.push({ kind: 'ClusterRole', name: 'view' });
  }
  const usedBindings = new Set<string>();
  for (let i = 1, n = between(random, 1, 6); i <= n; i++) {
    const role = pick(random, roles);
    const clusterBinding = role.kind === 'ClusterRole' && random() < 0.4;
    const namespace = clusterBinding ? undefined : role.namespace ?? pick(random, namespaces);
    const name = `binding-${i}`;
    if (usedBindings.has(`${namespace}/${name}`)) continue;
    usedBindings.add(`${namespace}/${name}`);
    docs.push([HEADER, `kind: ${clusterBinding ? 'ClusterRoleBinding' : 'RoleBinding'}`, 'metadata:', `  name: ${name}`, ...(namespace ? [`  namespace: ${namespace}`] : []),
      'roleRef:', '  apiGroup: rbac.authorization.k8s.io', `  kind: ${role.kind}`, `  name: ${role.name}`,
      'subjects:', ...some(random, subjects, 1, 3).flatMap(subjectYaml)].join('\n'));
  }
  // A role of one subject alone, the case where editing it is the least-privilege fix.
  const dedicated: { principal: Principal; namespace?: string }[] = [];
  for (let i = 1, n = between(random, 0, 2); i <= n; i++) {
    const own = pick(random, subjects.filter((s) => !s.startsWith('Group|')));
    const [kind, name, saNamespace] = own.split('|');
    const cluster = random() < 0.3;
    const namespace = cluster ? undefined : saNamespace ?? pick(random, namespaces);
    const roleKind = cluster || random() < 0.3 ? 'ClusterRole' : 'Role';
    const roleName = `own-${i}`;
    docs.push([HEADER, `kind: ${roleKind}`, 'metadata:', `  name: ${roleName}`, ...(roleKind === 'Role' ? [`  namespace: ${namespace}`] : []), ...rulesYaml(random, roleKind === 'ClusterRole')].join('\n'));
    docs.push([HEADER, `kind: ${cluster ? 'ClusterRoleBinding' : 'RoleBinding'}`, 'metadata:', `  name: ${roleName}`, ...(namespace ? [`  namespace: ${namespace}`] : []),
      'roleRef:', '  apiGroup: rbac.authorization.k8s.io', `  kind: ${roleKind}`, `  name: ${roleName}`, 'subjects:', ...subjectYaml(own)].join('\n'));
    dedicated.push({ principal: kind === 'User' ? { kind: 'User', name } : { kind: 'ServiceAccount', name, namespace: saNamespace }, namespace });
  }
  const principals: Principal[] = [
    ...USERS.map((name) => ({ kind: 'User' as const, name })),
    ...namespaces.flatMap((namespace) => [...SERVICE_ACCOUNTS, 'probe'].map((name) => ({ kind: 'ServiceAccount' as const, name, namespace }))),
  ];
  const files: Record<string, string> = { '/w/rbac.yaml': `${docs.join('\n---\n')}\n` };
  if (defaults.length) files['/w/defaults.yaml'] = `${defaults.join('\n---\n')}\n`;
  return { files, namespaces, principals, dedicated, defaultsFile: '/w/defaults.yaml' };
}

/** A denied request of a user or ServiceAccount of the workspace. */
export function randomDenial(random: Random, workspace: RandomWorkspace): DeniedRequest {
  const resource = pick(random, RESOURCES);
  if (workspace.dedicated.length && random() < 0.5) {
    const own = pick(random, workspace.dedicated);
    const namespace = resource.namespaced ? own.namespace ?? pick(random, workspace.namespaces) : undefined;
    return { principal: own.principal, verb: pick(random, VERBS), resource, namespace };
  }
  const principal = pick(random, workspace.principals.filter((p) => p.name !== 'probe'));
  return { principal, verb: pick(random, VERBS), resource, namespace: resource.namespaced ? pick(random, workspace.namespaces) : undefined };
}

export function userNameOf(principal: Principal): string {
  return principal.kind === 'ServiceAccount' ? `system:serviceaccount:${principal.namespace}:${principal.name}` : principal.name;
}

/** The API server's words for a denial. */
export function forbiddenText(denial: DeniedRequest): string {
  const { resource } = denial;
  const where = denial.namespace ? `in the namespace "${denial.namespace}"` : 'at the cluster scope';
  return `Error from server (Forbidden): ${resource.resource}${resource.group ? `.${resource.group}` : ''} is forbidden: User "${userNameOf(denial.principal)}" cannot ${denial.verb} resource "${resource.resource}" in API group "${resource.group}" ${where}`;
}
