import { scalar } from '../../emit/yaml-scalar';
import { columnIndent, insertAfterLineOf } from '../../edits/yaml-edits';
import { objectLocation } from '../../model/locate';
import { bindingsOfServiceAccount, workloadsOfServiceAccount } from '../../navigation/relations';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, keyRange } from '../helpers';
import type { Finding } from '../types';

const info = checkInfo('RBAC016')!;

export const rbac016: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const workload of context.index.workloads) {
      if ((workload.serviceAccountName ?? 'default') !== 'default' || !workload.doc.yaml || !workload.podSpecNode) continue;
      const app = workload.labels['app.kubernetes.io/name'] ?? workload.labels.app;
      const candidates = context.index.serviceAccounts.filter((sa) =>
        sa.name !== 'default' && sa.namespace?.value === workload.namespace?.value &&
        (sa.name === workload.name || (app !== undefined && (sa.labels['app.kubernetes.io/name'] ?? sa.labels.app) === app)) &&
        bindingsOfServiceAccount(context.index, sa).length > 0 &&
        workloadsOfServiceAccount(context.index, sa).length === 0);
      if (candidates.length !== 1) continue;
      const sa = candidates[0];
      const file = context.fileOf(workload);
      const spec = workload.podSpecNode;
      const firstKey = spec.items[0]?.key as { range?: number[] } | undefined;
      const fixes = firstKey?.range && !spec.flow
        ? (() => {
          const keyStart = workload.doc.start + firstKey.range![0];
          const lineStart = file.text.lastIndexOf('\n', keyStart - 1);
          return [{ title: `Run as ServiceAccount ${sa.name}`, isPreferred: true, edits: [insertAfterLineOf(file, Math.max(lineStart, 0), `${columnIndent(file, keyStart)}serviceAccountName: ${scalar(sa.name)}`)] }];
        })()
        : [];
      findings.push(finding(info, file, keyRange(file, workload, spec, spec.has('containers') ? 'containers' : 'serviceAccountName'),
        `${workload.kind} ${workload.name} runs as the namespace's default ServiceAccount, while ServiceAccount ${sa.name} — bound to roles and used by no workload — looks meant for it. Its pods get none of those permissions.`,
        fixes, [{ location: objectLocation(context.fileOf(sa), sa), message: `ServiceAccount ${sa.name}` }]));
    }
    return findings;
  },
};
