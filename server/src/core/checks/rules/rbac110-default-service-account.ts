import { valueNode } from '../../model/yaml-nodes';
import { subjectNamespace } from '../../navigation/relations';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { describe, finding, rangeOfNode, subjectEntries } from '../helpers';
import type { Finding } from '../types';

const info = checkInfo('RBAC110')!;

export const rbac110: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const { binding, file, node, subject } of subjectEntries(context)) {
      if (subject.kind !== 'ServiceAccount' || subject.name !== 'default') continue;
      const ns = subjectNamespace(binding, subject) ?? '(unset)';
      findings.push(finding(info, file, rangeOfNode(file, binding, valueNode(node, 'name') ?? node),
        `${describe(binding)} grants ${binding.roleRef.name} to the default ServiceAccount of ${ns}: every pod there that names no ServiceAccount gets it. Give the workload its own ServiceAccount.`));
    }
    return findings;
  },
};
