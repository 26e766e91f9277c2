import type { ObjectLookup } from '../model/object-lookup';
import { subjectNamespace } from '../model/object-lookup';
import type { IndexChange } from '../model/index-update';
import type { BindingObject, K8sObject, WorkloadObject } from '../model/types';
import { WORKLOAD_KINDS } from '../model/types';

const WORKLOADS: ReadonlySet<string> = new Set(WORKLOAD_KINDS);

/**
 * The files whose findings an edit may change: the changed files, and the files of every object a
 * check reads beside a changed object (before or after the edit): objects of the same identity, the
 * bindings of a changed role and the roles of a changed binding, the bindings and workloads of a changed
 * ServiceAccount, the ServiceAccount, bindings and namespace neighbours of a changed workload.
 * `wider` names findings that read more than that (RBAC005 asks the whole policy whether its subjects
 * already have the resource; RBAC009 suggests the nearest role name; RBAC005 and RBAC024 read the
 * bindings whose roleRef nearly names their role): their files are added when a
 * role or binding changed.
 */
export function affectedFiles(changes: readonly IndexChange[], lookup: ObjectLookup, wider: { rbac: Iterable<string> }): Set<string> {
  const files = new Set<string>();
  let rbacChanged = false;
  const add = (objects: readonly K8sObject[]) => {
    for (const object of objects) files.add(object.doc.file);
  };
  for (const change of changes) {
    for (const path of change.files) files.add(path);
    for (const object of [...change.removed, ...change.added]) {
      if (object.kind === 'Role' || object.kind === 'ClusterRole' || object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') rbacChanged = true;
      add(relatedTo(object, lookup));
    }
  }
  if (rbacChanged) for (const path of wider.rbac) files.add(path);
  return files;
}

function relatedTo(object: K8sObject, lookup: ObjectLookup): K8sObject[] {
  const namespace = object.namespace?.value;
  const out: K8sObject[] = [...lookup.objects(object.kind, namespace, object.name)];
  if (object.kind === 'Role' || object.kind === 'ClusterRole') {
    out.push(...lookup.bindingsReferringTo(object.kind, object.name), ...lookup.rolesNamed('Role', object.name), ...lookup.rolesNamed('ClusterRole', object.name));
    out.push(...lookup.objects('ServiceAccount', namespace, object.name));
  } else if (object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') {
    const binding = object as BindingObject;
    const { kind, name } = binding.roleRef;
    if (kind === 'Role' || kind === 'ClusterRole') out.push(...lookup.rolesNamed(kind, name));
    for (const subject of binding.subjects) {
      if (subject.kind !== 'ServiceAccount') continue;
      out.push(...lookup.serviceAccountsNamedOrWritten(subject.name));
      const accountNamespace = subjectNamespace(binding, subject);
      if (accountNamespace === undefined) continue;
      out.push(...lookup.bindingsOfServiceAccount(accountNamespace, subject.name), ...lookup.workloadsIn(accountNamespace));
    }
  } else if (object.kind === 'ServiceAccount') {
    out.push(...lookup.bindingsWithAccountNamed(object.name), ...lookup.workloadsRunningAsAnyNamed(object.name), ...lookup.workloadsIn(namespace));
    out.push(...lookup.objects('Role', namespace, object.name));
    const written = object.kustomize?.written.name;
    if (written !== undefined) out.push(...lookup.bindingsWithAccountNamed(written));
  } else if (WORKLOADS.has(object.kind)) {
    const account = (object as WorkloadObject).serviceAccountName ?? 'default';
    out.push(...lookup.serviceAccountsNamed(account), ...lookup.workloadsIn(namespace));
    if (namespace !== undefined) out.push(...lookup.bindingsOfServiceAccount(namespace, account));
  }
  return out;
}
