import { scalar } from '../../emit/yaml-scalar';
import { insertAfterLineOf } from '../../edits/yaml-edits';
import type { Fix } from '../../edits/types';
import { lookupOf } from '../../model/object-lookup';
import type { RoleObject } from '../../model/types';
import { bindingsOfRole } from '../../navigation/relations';
import { renderSubjectItem as renderSubject } from '../../edits/render-rule';
import { checkInfo } from '../check-catalog';
import type { Check, CheckContext } from '../check';
import { finding, nameRange } from '../helpers';
import type { Finding } from '../types';

const info = checkInfo('RBAC024')!;

export const rbac024: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const role of context.index.roles) {
      if (!role.doc.yaml || role.aggregationRule || bindingsOfRole(context.index, role).length > 0) continue;
      // A default role's copy.
      if (role.labels['kubernetes.io/bootstrapping'] === 'rbac-defaults') continue;
      // ClusterRoles are often published for users to bind (or feed an aggregated one); only Roles are clearly meant for one namespace's subjects.
      if (role.kind === 'ClusterRole') continue;
      const account = lookupOf(context.index).serviceAccount(role.namespace?.value, role.name);
      const file = context.fileOf(role);
      findings.push(finding(info, file, nameRange(file, role),
        `Role ${role.namespace?.value}/${role.name} is bound nowhere, so it grants nothing.${account ? ` ServiceAccount ${account.name} in the same namespace looks like its intended subject.` : ''}`,
        account ? bindFix(context, role, account.name) : []));
    }
    return findings;
  },
};

function bindFix(context: CheckContext, role: RoleObject, account: string): Fix[] {
  if (role.listIndex !== undefined) return [];
  const file = context.fileOf(role);
  const ns = role.namespace?.source === 'implicit' ? '' : `\n  namespace: ${scalar(role.namespace!.value)}`;
  const text = ['---', 'apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', `metadata:\n  name: ${scalar(role.name)}${ns}`,
    `roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: ${scalar(role.name)}`, 'subjects:',
    renderSubject({ kind: 'ServiceAccount', name: account, namespace: role.namespace!.value })].join('\n');
  return [{ title: `Bind it to ServiceAccount ${account}`, isPreferred: true, edits: [insertAfterLineOf(file, file.text.slice(role.doc.start, role.doc.end).trimEnd().length + role.doc.start, text)] }];
}
