import { nameRange, objectLocation } from '../model/locate';
import { nodeAt } from '../model/node-at';
import type { K8sObject, Location, Position, SourceFile } from '../model/types';
import type { WorkspaceModel } from '../model/workspace-model';
import {
  bindingsOfRole, bindingsOfServiceAccount, rolesOfBinding, serviceAccountsNamed, subjectNamespace,
  workloadsOfServiceAccount,
} from './relations';

function location(model: WorkspaceModel, object: K8sObject): Location | undefined {
  const file = model.getFile(object.doc.file);
  return file ? { file: file.path, range: nameRange(file, object) } : undefined;
}

function defined<T>(items: (T | undefined)[]): T[] {
  return items.filter((i): i is T => i !== undefined);
}

/** Go to Definition: roleRef.name → the role; a ServiceAccount subject or serviceAccountName → the ServiceAccount. */
export function definitionAt(model: WorkspaceModel, file: SourceFile, position: Position): Location[] {
  const at = nodeAt(file, position);
  const object = at?.object;
  if (!at || !object) return [];
  const index = model.index;
  const path = at.path.join('.');
  if (object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') {
    if (path === 'roleRef.name' || path === 'roleRef') return defined(rolesOfBinding(index, object).map((r) => location(model, r)));
    const subjectIndex = at.path[0] === 'subjects' && typeof at.path[1] === 'number' ? at.path[1] : undefined;
    const subject = subjectIndex !== undefined ? object.subjects[subjectIndex] : undefined;
    if (subject?.kind === 'ServiceAccount') {
      return defined(serviceAccountsNamed(index, subject.name, subjectNamespace(object, subject)).map((sa) => location(model, sa)));
    }
  }
  if ('podSpecNode' in object && (at.path.includes('serviceAccountName') || at.path.includes('serviceAccount'))) {
    return defined(serviceAccountsNamed(index, object.serviceAccountName ?? 'default', object.namespace?.value).map((sa) => location(model, sa)));
  }
  return [];
}

/** Find References on a role (its bindings) or a ServiceAccount (its bindings and workloads). */
export function referencesAt(model: WorkspaceModel, file: SourceFile, position: Position, includeDeclaration: boolean): Location[] {
  const at = nodeAt(file, position);
  const object = at?.object;
  if (!object) return [];
  const index = model.index;
  let related: K8sObject[] = [];
  if (object.kind === 'Role' || object.kind === 'ClusterRole') related = bindingsOfRole(index, object);
  else if (object.kind === 'ServiceAccount') related = [...bindingsOfServiceAccount(index, object), ...workloadsOfServiceAccount(index, object)];
  else return [];
  const locations = defined(related.map((r) => {
    const f = model.getFile(r.doc.file);
    return f ? objectLocation(f, r) : undefined;
  }));
  const self = includeDeclaration ? location(model, object) : undefined;
  return self ? [self, ...locations] : locations;
}
