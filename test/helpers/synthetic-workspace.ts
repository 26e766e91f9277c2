// Synthetic workspaces for the benchmark and the growth tests: many small files, or one large file,
// of objects that refer to each other the way a GitOps monorepo's do.

export interface SyntheticFile {
  /** Relative path inside the workspace. */
  path: string;
  text: string;
}

export type SyntheticShape = 'sa-role-binding' | 'one-object' | 'pairs';

const NAMESPACES = 50;
const namespaceOf = (i: number) => `team-${i % NAMESPACES}`;

function serviceAccount(name: string, namespace: string): string {
  return `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  labels:\n    app: ${name}\n`;
}

function role(name: string, namespace: string): string {
  return [
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: Role',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    'rules:',
    '  - apiGroups: [""]',
    '    resources: ["configmaps", "services"]',
    '    verbs: ["get", "list", "watch"]',
    '  - apiGroups: ["apps"]',
    '    resources: ["deployments"]',
    '    resourceNames: ["' + name + '"]',
    '    verbs: ["get", "patch"]',
    '',
  ].join('\n');
}

/** Without `namespace`, the binding is written without one (applied with -n). */
function roleBinding(name: string, namespace: string | undefined, account: string, accountNamespace = namespace ?? 'default'): string {
  return [
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: RoleBinding',
    'metadata:',
    `  name: ${name}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    'roleRef:',
    '  apiGroup: rbac.authorization.k8s.io',
    '  kind: Role',
    `  name: ${name}`,
    'subjects:',
    '  - kind: ServiceAccount',
    `    name: ${account}`,
    `    namespace: ${accountNamespace}`,
    '',
  ].join('\n');
}

function deployment(name: string, namespace: string, account: string): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    'spec:',
    '  selector:',
    `    matchLabels: { app: ${name} }`,
    '  template:',
    `    metadata: { labels: { app: ${name} } }`,
    '    spec:',
    `      serviceAccountName: ${account}`,
    '      containers:',
    `        - name: ${name}`,
    '          image: registry.example.com/app:1.0',
    '',
  ].join('\n');
}

function configMap(name: string, namespace: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\ndata:\n  key: value\n`;
}

/** Folders of at most 1,000 files, as a monorepo spreads them. */
const folderOf = (i: number) => `apps-${String(Math.floor(i / 1000)).padStart(3, '0')}`;

/**
 * - `sa-role-binding`: `count` files, each a ServiceAccount, a Role and the RoleBinding between them
 *   (one binding in 50 points at the ServiceAccount in the wrong namespace).
 * - `one-object`: `count` files of one object each; every five files make an application (its
 *   ServiceAccount, Role, RoleBinding, Deployment running as that account, and a ConfigMap; one
 *   Deployment in 50 runs as an undefined ServiceAccount, one RoleBinding in 50 has no namespace).
 * - `pairs`: one file of `count` Role + RoleBinding pairs, all in one namespace.
 */
export function syntheticWorkspace(shape: SyntheticShape, count: number): SyntheticFile[] {
  const files: SyntheticFile[] = [];
  if (shape === 'pairs') {
    const docs: string[] = [];
    for (let i = 0; i < count; i++) docs.push(role(`app-${i}`, 'shop'), roleBinding(`app-${i}`, 'shop', `app-${i}`));
    return [{ path: `pairs-${count}.yaml`, text: docs.join('---\n') }];
  }
  for (let i = 0; i < count; i++) {
    if (shape === 'sa-role-binding') {
      const name = `app-${i}`;
      const ns = namespaceOf(i);
      // One binding in 50 names its ServiceAccount in the wrong namespace (RBAC013).
      const accountNs = i % 50 === 49 ? namespaceOf(i + 1) : ns;
      files.push({ path: `${folderOf(i)}/${name}.yaml`, text: [serviceAccount(name, ns), role(name, ns), roleBinding(name, ns, name, accountNs)].join('---\n') });
      continue;
    }
    const app = Math.floor(i / 5);
    const name = `app-${app}`;
    const ns = namespaceOf(app);
    // One Deployment in 50 runs as a ServiceAccount nobody defined (RBAC015); one RoleBinding in 50 has no namespace (RBAC018).
    const account = app % 50 === 49 ? `${name}-runner` : name;
    const binding = app % 50 === 24 ? roleBinding(name, undefined, name, ns) : roleBinding(name, ns, name);
    const kinds = [serviceAccount(name, ns), role(name, ns), binding, deployment(name, ns, account), configMap(name, ns)];
    const suffixes = ['sa', 'role', 'binding', 'deployment', 'config'];
    files.push({ path: `${folderOf(i)}/${name}-${suffixes[i % 5]}.yaml`, text: kinds[i % 5] });
  }
  return files;
}
