import { columnIndent, insertAfterLineOf, replaceScalar } from '../../edits/yaml-edits';
import type { Fix } from '../../edits/types';
import { mapAt, stringAt, valueNode } from '../../model/yaml-nodes';
import type { BindingObject } from '../../model/types';
import { checkInfo } from '../check-catalog';
import type { Check, CheckContext } from '../check';
import { finding, keyRange, valueRange } from '../helpers';
import { nameProblem } from './rbac027-invalid-name';
import type { Finding } from '../types';
import { positioned } from '../../model/syntax-trees';

const info = checkInfo('RBAC010')!;
const RBAC_GROUP = 'rbac.authorization.k8s.io';

export const rbac010: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const binding of context.index.bindings) {
      if (!positioned(binding.doc)) continue;
      findings.push(...checkRoleRef(context, binding));
    }
    return findings;
  },
};

function checkRoleRef(context: CheckContext, binding: BindingObject): Finding[] {
  const file = context.fileOf(binding);
  const ref = mapAt(binding.node, 'roleRef');
  if (!ref) {
    return [finding(info, file, keyRange(file, binding, binding.node, 'kind'), `${binding.kind} has no roleRef: the API server rejects it (roleRef is required and cannot be changed later).`)];
  }
  const out: Finding[] = [];
  const kind = stringAt(ref, 'kind');
  const apiGroup = stringAt(ref, 'apiGroup');
  const name = stringAt(ref, 'name');
  // An empty or missing apiGroup is defaulted to rbac.authorization.k8s.io by the API server.
  if (apiGroup !== undefined && apiGroup !== '' && apiGroup !== RBAC_GROUP) {
    out.push(finding(info, file, valueRange(file, binding, ref, 'apiGroup'),
      `roleRef.apiGroup must be ${RBAC_GROUP}, not "${apiGroup}": the API server rejects this ${binding.kind}.`,
      [{ title: `Change to ${RBAC_GROUP}`, isPreferred: true, edits: [replaceScalar(file, binding.doc, valueNode(ref, 'apiGroup')!, RBAC_GROUP)] }]));
  }
  if (binding.kind === 'ClusterRoleBinding' && kind === 'Role') {
    out.push(finding(info, file, valueRange(file, binding, ref, 'kind'),
      'A ClusterRoleBinding can only refer to a ClusterRole: the API server rejects roleRef.kind Role here. Use a RoleBinding in the Role\'s namespace, or make the role a ClusterRole.',
      [{ title: 'Change roleRef.kind to ClusterRole', edits: [replaceScalar(file, binding.doc, valueNode(ref, 'kind')!, 'ClusterRole')] }]));
  } else if (kind === undefined || kind === '') {
    out.push(finding(info, file, keyRange(file, binding, ref, 'kind'), 'roleRef.kind is required: Role or ClusterRole.', kindFixes(context, binding, ref)));
  } else if (kind !== 'Role' && kind !== 'ClusterRole') {
    out.push(finding(info, file, valueRange(file, binding, ref, 'kind'),
      `roleRef.kind must be Role or ClusterRole, not "${kind}": the API server rejects this ${binding.kind}.`, kindFixes(context, binding, ref)));
  }
  if (name === undefined || name === '') {
    out.push(finding(info, file, name === undefined ? keyRange(file, binding, binding.node, 'roleRef') : valueRange(file, binding, ref, 'name'),
      'roleRef.name is required: the API server rejects a binding that names no role.'));
  } else if (nameProblem(name, undefined)) {
    // The same path-segment rules as metadata.name (RBAC027): `a/b`, `50%`, `.` and `..` are rejected.
    out.push(finding(info, file, valueRange(file, binding, ref, 'name'),
      `roleRef.name \`${name}\` cannot name a role (no \`/\` or \`%\`, not \`.\` or \`..\`): the API server rejects this ${binding.kind}.`));
  }
  return out;
}

/** Proposes the kind(s) whose role of that name exists. */
function kindFixes(context: CheckContext, binding: BindingObject, ref: NonNullable<ReturnType<typeof mapAt>>): Fix[] {
  const file = context.fileOf(binding);
  const name = stringAt(ref, 'name') ?? '';
  const namespace = binding.kind === 'RoleBinding' ? binding.namespace?.value : undefined;
  const candidates = (binding.kind === 'ClusterRoleBinding' ? ['ClusterRole'] : ['Role', 'ClusterRole'])
    .filter((k) => context.resolveRoleRef({ apiGroup: RBAC_GROUP, kind: k, name }, namespace));
  const kindNode = valueNode(ref, 'kind');
  if (!kindNode && ref.flow) return [];
  return (candidates.length ? candidates : binding.kind === 'ClusterRoleBinding' ? ['ClusterRole'] : []).map((k) => ({
    title: `Set roleRef.kind to ${k}`,
    isPreferred: candidates.length === 1,
    edits: [kindNode
      ? replaceScalar(file, binding.doc, kindNode, k)
      : insertAfterLineOf(file, binding.doc.start + (ref.range?.[0] ?? 0), `${columnIndent(file, binding.doc.start + (ref.range?.[0] ?? 0))}kind: ${k}`)],
  }));
}


