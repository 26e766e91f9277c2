import { echo, plain } from '../../emit/yaml-document';
import { insertDocumentsAfter } from '../../edits/insert-documents';
import { replaceScalar } from '../../edits/yaml-edits';
import { nearRoleName } from '../near-miss-bindings';
import type { Fix } from '../../edits/types';
import { mapAt, valueNode } from '../../model/yaml-nodes';
import type { BindingObject } from '../../model/types';
import { indexOf } from '../../rbac/policy-index';
import { checkInfo } from '../check-catalog';
import type { Check, CheckContext } from '../check';
import { finding, valueRange } from '../helpers';
import { nameProblem } from './rbac027-invalid-name';
import { patchedField, type PatchedField } from '../../kustomize/patched-fields';
import type { Finding } from '../types';
import { positioned } from '../../model/syntax-trees';

const info = checkInfo('RBAC009')!;

export const rbac009: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const binding of context.index.bindings) {
      const { kind, name } = binding.roleRef;
      if (!positioned(binding.doc) || !name || (kind !== 'Role' && kind !== 'ClusterRole')) continue;
      if (nameProblem(name, undefined)) continue; // not a name at all: RBAC010
      if (binding.kind === 'ClusterRoleBinding' && kind === 'Role') continue; // RBAC010
      const namespace = binding.kind === 'RoleBinding' ? binding.namespace?.value : undefined;
      if (context.resolveRoleRef(binding.roleRef, namespace)) continue;
      // A Role of that name elsewhere is RBAC011's case (or, with a namespace only assumed, maybe the one
      // it is applied to); a Role that exists in no namespace is missing whatever the binding's namespace.
      if (kind === 'Role' && indexOf(context.policy).rolesNamed('Role', name).length > 0) continue;
      // Distributions and add-ons ship system: roles that no manifest defines.
      if (name.startsWith('system:')) continue;
      // A kustomize patch that set the roleRef is where it is written: pointed at and fixed there.
      const patched = patchedField(binding, 'roleRef');
      const at = patched ? { ...binding, doc: patched.doc } : binding;
      const file = context.fileOf(at);
      const ref = patched ? patched.map : mapAt(binding.node, 'roleRef')!;
      findings.push(finding(info, file, valueRange(file, at, ref, 'name'),
        `${kind} "${name}" is not defined in the workspace${context.builtinPolicy.roles.length ? ' nor among the default roles' : ''}${context.cluster ? ` nor in cluster ${context.cluster.context}` : ''}: this binding grants nothing until it exists.`,
        fixes(context, binding, namespace, patched)));
    }
    return findings;
  },
};

function fixes(context: CheckContext, binding: BindingObject, namespace: string | undefined, patched?: PatchedField): Fix[] {
  const { kind, name } = binding.roleRef;
  const at = patched ? { ...binding, doc: patched.doc } : binding;
  const file = context.fileOf(at);
  const ref = patched ? patched.map : mapAt(binding.node, 'roleRef')!;
  const near = nearRoleName(context, binding);
  const out: Fix[] = [];
  if (near) out.push({ title: `Change to ${near}`, isPreferred: true, edits: [replaceScalar(file, at.doc, valueNode(ref, 'name')!, near)] });
  // Not into a patch file: every document there is read as a patch.
  if (binding.listIndex === undefined && !patched) {
    // A binding without a namespace goes wherever it is applied: the Role created beside it goes there too.
    const placed = kind === 'Role' && namespace && binding.namespace?.source !== 'implicit' ? namespace : undefined;
    const edit = insertDocumentsAfter(file, binding.doc, [{
      body: { apiVersion: plain('rbac.authorization.k8s.io/v1'), kind: plain(kind), metadata: { name: echo(name), namespace: placed === undefined ? undefined : echo(placed) }, rules: [] },
    }]);
    out.push({ title: `Create ${kind} ${name} (empty; add its rules)`, edits: [{ ...edit, newText: edit.newText.replace(/rules: \[\](\n?)$/, 'rules: [] # add the permissions this binding should grant$1') }] });
  }
  return out;
}
