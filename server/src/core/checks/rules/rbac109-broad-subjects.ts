import { valueNode } from '../../model/yaml-nodes';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { describe, finding, rangeOfNode, subjectEntries } from '../helpers';
import type { Finding } from '../types';

const info = checkInfo('RBAC109')!;
const BROAD: Record<string, string> = {
  'system:anonymous': 'anyone, without credentials',
  'system:unauthenticated': 'anyone, without credentials',
  'system:authenticated': 'every authenticated user and ServiceAccount',
  'system:serviceaccounts': 'every ServiceAccount of every namespace',
  'system:masters': 'the superuser group, which bypasses RBAC anyway',
};

export const rbac109: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const { binding, file, node, subject } of subjectEntries(context)) {
      if ((subject.kind !== 'Group' && subject.kind !== 'User') || !(subject.name in BROAD)) continue;
      findings.push(finding(info, file, rangeOfNode(file, binding, valueNode(node, 'name') ?? node),
        `${describe(binding)} grants ${binding.roleRef.kind} ${binding.roleRef.name} to ${subject.name}: ${BROAD[subject.name]}.`));
    }
    return findings;
  },
};
