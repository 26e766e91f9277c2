import { valueNode } from '../../model/yaml-nodes';
import { subjectNamespace } from '../../navigation/relations';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { describe, finding, rangeOfNode, subjectNodes } from '../helpers';
import type { Finding } from '../types';

const info = checkInfo('RBAC110')!;

export const rbac110: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const binding of context.index.bindings) {
      if (!binding.doc.yaml) continue;
      const file = context.fileOf(binding);
      subjectNodes(binding).forEach((node, i) => {
        const subject = binding.subjects[i];
        if (subject?.kind !== 'ServiceAccount' || subject.name !== 'default') return;
        const ns = subjectNamespace(binding, subject) ?? '(unset)';
        findings.push(finding(info, file, rangeOfNode(file, binding, valueNode(node, 'name') ?? node),
          `${describe(binding)} grants ${binding.roleRef.name} to the default ServiceAccount of ${ns}: every pod there that names no ServiceAccount gets it. Give the workload its own ServiceAccount.`));
      });
    }
    return findings;
  },
};
