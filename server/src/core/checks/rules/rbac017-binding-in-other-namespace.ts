import { echo, plain } from '../../emit/yaml-document';
import { insertDocumentsAfter } from '../../edits/insert-documents';
import { objectLocation } from '../../model/locate';
import { lookupOf } from '../../model/object-lookup';
import { mapAt } from '../../model/yaml-nodes';
import { subjectNamespace, workloadsOfServiceAccount } from '../../navigation/relations';
import { subjectItem } from '../../edits/render-rule';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, valueRange } from '../helpers';
import type { Finding } from '../types';
import { positioned } from '../../model/syntax-trees';

const info = checkInfo('RBAC017')!;

export const rbac017: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    const lookup = lookupOf(context.index);
    for (const binding of context.index.bindings) {
      if (binding.kind !== 'RoleBinding' || !positioned(binding.doc) || binding.namespace?.source === 'implicit') continue;
      const grantNs = binding.namespace!.value;
      for (const subject of binding.subjects) {
        if (subject.kind !== 'ServiceAccount') continue;
        const saNs = subjectNamespace(binding, subject);
        if (!saNs || saNs === grantNs) continue;
        const sa = lookup.serviceAccount(saNs, subject.name);
        if (!sa) continue;
        const workloads = workloadsOfServiceAccount(context.index, sa);
        if (workloads.length === 0) continue;
        // Cross-namespace access is often intended; say so only when the ServiceAccount has no grant where it runs.
        const grantedAtHome = lookup.bindingsOfServiceAccount(saNs, sa.name).some((b) => b.kind === 'ClusterRoleBinding' || b.namespace?.value === saNs);
        if (grantedAtHome) continue;
        const file = context.fileOf(binding);
        const fixes = binding.roleRef.kind === 'ClusterRole' && binding.listIndex === undefined
          ? [{
            title: `Also bind ${binding.roleRef.name} in ${saNs}`,
            edits: [insertDocumentsAfter(file, binding.doc, [{
              body: {
                apiVersion: plain('rbac.authorization.k8s.io/v1'), kind: plain('RoleBinding'), metadata: { name: echo(binding.name), namespace: echo(saNs) },
                roleRef: { apiGroup: plain('rbac.authorization.k8s.io'), kind: plain('ClusterRole'), name: echo(binding.roleRef.name) },
                subjects: [subjectItem({ kind: 'ServiceAccount', name: sa.name, namespace: saNs })],
              },
            }])],
          }]
          : [];
        findings.push(finding(info, file, valueRange(file, binding, mapAt(binding.node, 'metadata'), 'namespace'),
          `This grants ServiceAccount ${saNs}/${sa.name} access in namespace ${grantNs} only, while its workloads run in ${saNs}, where it has no permissions. Right if it manages ${grantNs}; otherwise bind the role in ${saNs}.`,
          fixes, workloads.map((w) => ({ location: objectLocation(context.fileOf(w), w), message: `${w.kind} ${w.name} runs in ${saNs}` }))));
      }
    }
    return findings;
  },
};
