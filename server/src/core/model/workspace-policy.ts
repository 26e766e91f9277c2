import type { Policy, RbacBinding, RbacRole } from '../rbac/types';
import { nodeRange, objectRange } from './locate';
import { offsetToPosition } from './positions';
import { mapItems, seqAt } from './yaml-nodes';
import type { BindingObject, K8sObject, RoleObject } from './types';
import type { WorkspaceModel } from './workspace-model';
import { positioned, releasedAnchors } from './syntax-trees';

/** The workspace's Roles and bindings as plain RBAC data for the evaluator, with file:line origins. */
export function workspacePolicy(model: WorkspaceModel): Policy {
  const { roles, bindings } = model.index;
  return {
    roles: roles.map((role) => toRbacRole(model, role)),
    bindings: bindings.map((binding) => toRbacBinding(model, binding)),
  };
}

function origin(model: WorkspaceModel, object: K8sObject) {
  const file = model.getFile(object.doc.file);
  return { source: 'workspace' as const, file: object.doc.file, line: file ? objectRange(file, object).start.line : undefined };
}

export function toRbacRole(model: WorkspaceModel, role: RoleObject): RbacRole {
  const file = model.getFile(role.doc.file);
  const released = releasedAnchors(role)?.rules;
  const ruleLines = !file || !positioned(role.doc) ? undefined
    : released ? released.map((at) => offsetToPosition(file.lineStarts, role.doc.start + at).line)
      : mapItems(seqAt(role.node, 'rules')).map((r) => nodeRange(file, role.doc, r).start.line);
  return {
    kind: role.kind,
    name: role.name,
    namespace: role.kind === 'Role' ? role.namespace?.value : undefined,
    labels: role.labels,
    rules: role.rules,
    aggregationRule: role.aggregationRule,
    origin: { ...origin(model, role), ruleLines },
    ...undecidedOf(model, role),
  };
}

export function toRbacBinding(model: WorkspaceModel, binding: BindingObject): RbacBinding {
  return {
    kind: binding.kind,
    name: binding.name,
    namespace: binding.kind === 'RoleBinding' ? binding.namespace?.value : undefined,
    roleRef: binding.roleRef,
    subjects: binding.subjects,
    origin: origin(model, binding),
    ...undecidedOf(model, binding),
  };
}

/** The object's undecided parts, with the rules or subjects that could not be read placed at their lines. */
function undecidedOf(model: WorkspaceModel, object: RoleObject | BindingObject): Pick<RbacRole, 'undecided'> {
  if (!object.undecided && !object.unread?.length) return {};
  const file = model.getFile(object.doc.file);
  const unread = object.unread?.map(({ offset, ...rest }) => ({ ...rest, ...(file ? { line: offsetToPosition(file.lineStarts, object.doc.start + offset).line } : {}) }));
  return { undecided: { ...object.undecided, ...(unread?.length ? { unread } : {}) } };
}

/**
 * The roles and bindings charts render but that could not be read whole (unknown name, namespace or
 * roleRef), as far as they are known, at their file:line: answers say they "might" grant.
 */
export function partialPolicy(model: WorkspaceModel): NonNullable<Policy['partial']> {
  const out: NonNullable<Policy['partial']> = { roles: [], bindings: [] };
  for (const file of model.allFiles()) {
    for (const skipped of file.helm?.skipped ?? []) {
      if (!skipped.partial) continue;
      const { unread, inReleaseNamespace: _, start, ...object } = skipped.partial;
      const lineOf = (offset: number) => offsetToPosition(file.lineStarts, offset).line;
      const origin = { source: 'workspace' as const, file: file.path, line: lineOf(skipped.offset + (start ?? 0)) };
      const undecided = unread?.length ? { undecided: { unread: unread.map(({ offset, ...rest }) => ({ ...rest, line: lineOf(skipped.offset + offset) })) } } : {};
      if ('rules' in object) out.roles.push({ ...object, origin, ...undecided });
      else out.bindings.push({ ...object, origin, ...undecided });
    }
  }
  return out;
}
