import { insertInOrder, placeOf, removeInOrder } from './object-order';
import { WORKLOAD_KINDS, type BindingObject, type K8sObject, type RoleObject, type ServiceAccountObject, type WorkloadObject } from './types';
import type { WorkspaceIndex } from './workspace-model';

/**
 * The workspace's objects by (kind, namespace, name) and by the references between them, built in one
 * pass per index. Checks, hovers and navigation look up here instead of scanning the object lists, so
 * cross-object work grows linearly with the workspace. An edit updates it in place (`remove` the
 * file's old objects, `add` its new ones); every list stays in workspace order, as a fresh build's.
 */
export class ObjectLookup {
  private readonly identities = new Map<string, K8sObject[]>();
  /** Identity keys defined more than once, so duplicates are found without visiting every identity. */
  private readonly repeated = new Set<string>();
  private readonly rolesByName = new Map<string, RoleObject[]>();
  private readonly bindingsByRoleRef = new Map<string, BindingObject[]>();
  private readonly bindingsBySubject = new Map<string, BindingObject[]>();
  private readonly bindingsBySubjectName = new Map<string, BindingObject[]>();
  private readonly accountsByName = new Map<string, ServiceAccountObject[]>();
  private readonly accountsByWrittenName = new Map<string, ServiceAccountObject[]>();
  private readonly accountsByNamespace = new Map<string, ServiceAccountObject[]>();
  private readonly workloadsByAccount = new Map<string, WorkloadObject[]>();
  private readonly workloadsByAccountName = new Map<string, WorkloadObject[]>();
  private readonly workloadsByNamespace = new Map<string, WorkloadObject[]>();
  private readonly members = new Set<K8sObject>();

  constructor(index: WorkspaceIndex) {
    for (const object of index.objects) this.add(object);
  }

  /** Whether the object is in the index this lookup was built from. */
  has(object: K8sObject): boolean {
    return this.members.has(object);
  }

  /** Adds an object of the index (in place, in workspace order). */
  add(object: K8sObject): void {
    this.members.add(object);
    this.visit(object, insertInOrder);
    const identity = identityKey(object.kind, object.namespace?.value, object.name);
    if ((this.identities.get(identity)?.length ?? 0) > 1) this.repeated.add(identity);
  }

  /** Takes an object out (its file changed or went away). */
  remove(object: K8sObject): void {
    if (!this.members.delete(object)) return;
    this.visit(object, removeInOrder);
    const identity = identityKey(object.kind, object.namespace?.value, object.name);
    if ((this.identities.get(identity)?.length ?? 0) < 2) this.repeated.delete(identity);
  }

  /** Files an object under each of its keys (or takes it out of them): one place that knows the keys. */
  private visit(object: K8sObject, apply: <T extends K8sObject>(list: T[], object: T) => unknown): void {
    at(this.identities, identityKey(object.kind, object.namespace?.value, object.name), object, apply);
    if (object.kind === 'Role' || object.kind === 'ClusterRole') {
      at(this.rolesByName, key(object.kind, object.name), object as RoleObject, apply);
    } else if (object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') {
      const binding = object as BindingObject;
      at(this.bindingsByRoleRef, key(binding.roleRef.kind, binding.roleRef.name), binding, apply);
      const accounts = new Set<string>();
      const names = new Set<string>();
      for (const subject of binding.subjects) {
        if (subject.kind !== 'ServiceAccount') continue;
        names.add(subject.name);
        const namespace = subjectNamespace(binding, subject);
        if (namespace !== undefined) accounts.add(key(namespace, subject.name));
      }
      for (const account of accounts) at(this.bindingsBySubject, account, binding, apply);
      for (const name of names) at(this.bindingsBySubjectName, name, binding, apply);
    } else if (object.kind === 'ServiceAccount') {
      const sa = object as ServiceAccountObject;
      at(this.accountsByName, sa.name, sa, apply);
      const written = sa.kustomize?.written.name;
      if (written !== undefined && written !== sa.name) at(this.accountsByWrittenName, written, sa, apply);
      at(this.accountsByNamespace, namespaceKey(sa.namespace?.value), sa, apply);
    } else if (WORKLOADS.has(object.kind)) {
      const workload = object as WorkloadObject;
      const account = workload.serviceAccountName ?? 'default';
      at(this.workloadsByAccount, key(namespaceKey(workload.namespace?.value), account), workload, apply);
      at(this.workloadsByAccountName, account, workload, apply);
      at(this.workloadsByNamespace, namespaceKey(workload.namespace?.value), workload, apply);
    }
  }

  /** Bindings with a ServiceAccount subject of that name, in any namespace. */
  bindingsWithAccountNamed(name: string): BindingObject[] {
    return this.bindingsBySubjectName.get(name) ?? [];
  }

  /** Workloads that run as a ServiceAccount of that name (`default` when they name none), in any namespace. */
  workloadsRunningAsAnyNamed(name: string): WorkloadObject[] {
    return this.workloadsByAccountName.get(name) ?? [];
  }

  /** Workloads of a namespace. */
  workloadsIn(namespace: string | undefined): WorkloadObject[] {
    return this.workloadsByNamespace.get(namespaceKey(namespace)) ?? [];
  }

  /** Objects of that kind, namespace (undefined for cluster-scoped kinds) and name: several when defined twice. */
  objects(kind: string, namespace: string | undefined, name: string): K8sObject[] {
    return this.identities.get(identityKey(kind, namespace, name)) ?? [];
  }

  /** Every (kind, namespace, name) defined more than once, its objects in workspace order; in the order first seen. */
  *definedMoreThanOnce(): Generator<K8sObject[]> {
    for (const identity of this.repeated) yield this.identities.get(identity)!;
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
    return [...found].sort((a, b) => placeOf(a) - placeOf(b));
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

/** The lookup of an index if one was built (an in-place update of the index updates it too). */
export function existingLookupOf(index: WorkspaceIndex): ObjectLookup | undefined {
  return lookups.get(index);
}

/** Lets an index that holds some of another's objects (what a check reruns on) look up in the whole one. */
export function shareLookup(index: WorkspaceIndex, lookup: ObjectLookup): void {
  lookups.set(index, lookup);
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

function at<T extends K8sObject>(map: Map<string, T[]>, k: string, object: T, apply: (list: T[], object: T) => unknown): void {
  let list = map.get(k);
  if (!list) {
    list = [];
    map.set(k, list);
  }
  apply(list, object);
  if (list.length === 0) map.delete(k);
}

const WORKLOADS: ReadonlySet<string> = new Set(WORKLOAD_KINDS);
