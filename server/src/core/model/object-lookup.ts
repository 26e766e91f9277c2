import type { BindingObject, K8sObject, RoleObject, ServiceAccountObject, WorkloadObject } from './types';
import type { WorkspaceIndex } from './workspace-model';

/**
 * The workspace's objects by (kind, namespace, name) and by the references between them, built in one
 * pass per index (that is, once per model version). Checks, hovers and navigation look up here
 * instead of scanning the object lists, so cross-object work grows linearly with the workspace.
 */
export class ObjectLookup {
  private readonly identities = new Map<string, K8sObject[]>();
  private readonly rolesByName = new Map<string, RoleObject[]>();
  private readonly bindingsByRoleRef = new Map<string, BindingObject[]>();
  private readonly bindingsBySubject = new Map<string, BindingObject[]>();
  private readonly accountsByName = new Map<string, ServiceAccountObject[]>();
  private readonly accountsByWrittenName = new Map<string, ServiceAccountObject[]>();
  private readonly accountPosition = new Map<ServiceAccountObject, number>();
  private readonly accountsByNamespace = new Map<string, ServiceAccountObject[]>();
  private readonly workloadsByAccount = new Map<string, WorkloadObject[]>();

  constructor(index: WorkspaceIndex) {
    for (const object of index.objects) push(this.identities, identityKey(object.kind, object.namespace?.value, object.name), object);
    for (const role of index.roles) push(this.rolesByName, key(role.kind, role.name), role);
    for (const binding of index.bindings) {
      push(this.bindingsByRoleRef, key(binding.roleRef.kind, binding.roleRef.name), binding);
      const accounts = new Set<string>();
      for (const subject of binding.subjects) {
        if (subject.kind !== 'ServiceAccount') continue;
        const namespace = subjectNamespace(binding, subject);
        if (namespace !== undefined) accounts.add(key(namespace, subject.name));
      }
      for (const account of accounts) push(this.bindingsBySubject, account, binding);
    }
    for (const sa of index.serviceAccounts) {
      this.accountPosition.set(sa, this.accountPosition.size);
      push(this.accountsByName, sa.name, sa);
      const written = sa.kustomize?.written.name;
      if (written !== undefined && written !== sa.name) push(this.accountsByWrittenName, written, sa);
      push(this.accountsByNamespace, namespaceKey(sa.namespace?.value), sa);
    }
    for (const workload of index.workloads) {
      push(this.workloadsByAccount, key(namespaceKey(workload.namespace?.value), workload.serviceAccountName ?? 'default'), workload);
    }
  }

  /** Objects of that kind, namespace (undefined for cluster-scoped kinds) and name: several when defined twice. */
  objects(kind: string, namespace: string | undefined, name: string): K8sObject[] {
    return this.identities.get(identityKey(kind, namespace, name)) ?? [];
  }

  /** Every (kind, namespace, name) defined more than once, its objects in workspace order; in the order first seen. */
  *definedMoreThanOnce(): Generator<K8sObject[]> {
    for (const group of this.identities.values()) if (group.length > 1) yield group;
  }

  /** Roles (or ClusterRoles) of that name, in every namespace. */
  rolesNamed(kind: 'Role' | 'ClusterRole', name: string): RoleObject[] {
    return this.rolesByName.get(key(kind, name)) ?? [];
  }

  /** Every binding whose roleRef names that kind and name, whatever its namespace. */
  bindingsReferringTo(kind: string, name: string): BindingObject[] {
    return this.bindingsByRoleRef.get(key(kind, name)) ?? [];
  }

  /** The bindings that refer to a role: a Role from RoleBindings of its namespace, a ClusterRole from any. */
  bindingsOfRole(role: RoleObject): BindingObject[] {
    const referring = this.bindingsReferringTo(role.kind, role.name);
    if (role.kind === 'ClusterRole') return referring;
    return referring.filter((b) => b.kind === 'RoleBinding' && b.namespace?.value === role.namespace?.value);
  }

  /** The bindings with a ServiceAccount subject that points at namespace/name. */
  bindingsOfServiceAccount(namespace: string | undefined, name: string): BindingObject[] {
    return namespace === undefined ? [] : this.bindingsBySubject.get(key(namespace, name)) ?? [];
  }

  serviceAccountsNamed(name: string): ServiceAccountObject[] {
    return this.accountsByName.get(name) ?? [];
  }

  /** ServiceAccounts of that name, or that a kustomize build renamed from it, in workspace order. */
  serviceAccountsNamedOrWritten(name: string): ServiceAccountObject[] {
    const renamed = this.accountsByWrittenName.get(name);
    if (!renamed) return this.serviceAccountsNamed(name);
    const found = new Set([...this.serviceAccountsNamed(name), ...renamed]);
    return [...found].sort((a, b) => this.accountPosition.get(a)! - this.accountPosition.get(b)!);
  }

  serviceAccountsIn(namespace: string | undefined): ServiceAccountObject[] {
    return this.accountsByNamespace.get(namespaceKey(namespace)) ?? [];
  }

  /** The first ServiceAccount defined as namespace/name. */
  serviceAccount(namespace: string | undefined, name: string): ServiceAccountObject | undefined {
    return this.objects('ServiceAccount', namespace, name)[0] as ServiceAccountObject | undefined;
  }

  /** Workloads of that namespace that run as the ServiceAccount (`default` when they name none). */
  workloadsRunningAs(namespace: string | undefined, name: string): WorkloadObject[] {
    return this.workloadsByAccount.get(key(namespaceKey(namespace), name)) ?? [];
  }
}

const lookups = new WeakMap<WorkspaceIndex, ObjectLookup>();

/** The lookup of an index, built on first use and kept as long as the index (one model version). */
export function lookupOf(index: WorkspaceIndex): ObjectLookup {
  let lookup = lookups.get(index);
  if (!lookup) {
    lookup = new ObjectLookup(index);
    lookups.set(index, lookup);
  }
  return lookup;
}

/**
 * The namespace a ServiceAccount subject points at (a RoleBinding's own namespace when omitted). Subjects
 * of objects in kustomize builds are already what the build makes of them.
 */
export function subjectNamespace(binding: BindingObject, subject: { kind: string; namespace?: string }): string | undefined {
  return subject.namespace || (binding.kind === 'RoleBinding' ? binding.namespace?.value : undefined);
}

// NUL never occurs in a Kubernetes name, so joined keys cannot collide; U+0001 stands for "no namespace".
const key = (a: string, b: string) => `${a}\u0000${b}`;
const namespaceKey = (namespace: string | undefined) => namespace ?? '\u0001';
const identityKey = (kind: string, namespace: string | undefined, name: string) => `${kind}\u0000${namespaceKey(namespace)}\u0000${name}`;

function push<K, V>(map: Map<K, V[]>, k: K, value: V): void {
  const list = map.get(k);
  if (list) list.push(value);
  else map.set(k, [value]);
}
