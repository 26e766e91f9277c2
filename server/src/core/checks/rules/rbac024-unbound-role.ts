import { echo, plain } from '../../emit/yaml-document';
import { insertDocumentsAfter } from '../../edits/insert-documents';
import { replaceScalar } from '../../edits/yaml-edits';
import type { Fix } from '../../edits/types';
import { freeName } from '../../fix-forbidden/free-names';
import { lookupOf } from '../../model/object-lookup';
import type { BindingObject, RoleObject } from '../../model/types';
import { mapAt, valueNode } from '../../model/yaml-nodes';
import { bindingsOfRole } from '../../navigation/relations';
import { indexOf } from '../../rbac/policy-index';
import { subjectItem } from '../../edits/render-rule';
import { nearMissBindingsOf } from '../near-miss-bindings';
import { checkInfo } from '../check-catalog';
import type { Check, CheckContext } from '../check';
import { finding, nameRange } from '../helpers';
import type { Finding } from '../types';
import { positioned } from '../../model/syntax-trees';

const info = checkInfo('RBAC024')!;

export const rbac024: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const role of context.index.roles) {
      if (!positioned(role.doc) || role.aggregationRule || bindingsOfRole(context.index, role).length > 0) continue;
      // A default role's copy.
      if (role.labels['kubernetes.io/bootstrapping'] === 'rbac-defaults') continue;
      // ClusterRoles are often published for users to bind (or feed an aggregated one); only Roles are clearly meant for one namespace's subjects.
      if (role.kind === 'ClusterRole') continue;
      const account = lookupOf(context.index).serviceAccount(role.namespace?.value, role.name);
      const nearMisses = nearMissBindingsOf(context, role);
      const file = context.fileOf(role);
      const meant = nearMisses.map((b) => `${b.kind} ${b.name} names ${b.roleRef.name}, which looks like a typo for it.`).join(' ');
      findings.push(finding(info, file, nameRange(file, role),
        `Role ${role.namespace?.value}/${role.name} is bound nowhere, so it grants nothing.${meant ? ` ${meant}` : account ? ` ServiceAccount ${account.name} in the same namespace looks like its intended subject.` : ''}`,
        [...nearMisses.flatMap((b) => repairRoleRef(context, b, role.name)), ...(account ? bindFix(context, role, account.name, nearMisses.length === 0) : [])]));
    }
    return findings;
  },
};

/** The near-miss binding's roleRef changed to the Role's name: the binding its author wrote, working. */
function repairRoleRef(context: CheckContext, binding: BindingObject, name: string): Fix[] {
  const ref = valueNode(mapAt(binding.node, 'roleRef')!, 'name');
  if (!ref) return [];
  return [{ title: `Change ${binding.kind} ${binding.name}'s roleRef to ${name}`, isPreferred: true, edits: [replaceScalar(context.fileOf(binding), binding.doc, ref, name)] }];
}

/** A new RoleBinding of the Role to the ServiceAccount of its name, under a name no binding there has. */
function bindFix(context: CheckContext, role: RoleObject, account: string, preferred: boolean): Fix[] {
  if (role.listIndex !== undefined) return [];
  const file = context.fileOf(role);
  const namespace = role.namespace?.source === 'implicit' ? undefined : role.namespace!.value;
  const name = freeName(indexOf(context.policy), 'Role', role.namespace?.value, role.name, true);
  const edit = insertDocumentsAfter(file, role.doc, [{
    body: {
      apiVersion: plain('rbac.authorization.k8s.io/v1'), kind: plain('RoleBinding'), metadata: { name: echo(name), namespace: namespace === undefined ? undefined : echo(namespace) },
      roleRef: { apiGroup: plain('rbac.authorization.k8s.io'), kind: plain('Role'), name: echo(role.name) },
      subjects: [subjectItem({ kind: 'ServiceAccount', name: account, namespace: role.namespace!.value })],
    },
  }]);
  return [{ title: `Bind it to ServiceAccount ${account}${name === role.name ? '' : ` (RoleBinding ${name})`}`, isPreferred: preferred, edits: [edit] }];
}
