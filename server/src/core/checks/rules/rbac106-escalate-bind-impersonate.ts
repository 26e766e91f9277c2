import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, rangeOfNode, ruleNodes, scalarItems } from '../helpers';
import { heldByPeople } from '../risky-helpers';
import type { Finding } from '../types';

const info = checkInfo('RBAC106')!;
const WHAT: Record<string, string> = {
  escalate: 'write roles with permissions it does not hold',
  bind: 'bind any role, cluster-admin included, without holding its permissions',
  impersonate: 'act as other users, groups or ServiceAccounts, with their permissions',
};

export const rbac106: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const rule of ruleNodes(context)) {
      for (const verb of scalarItems(rule.fields.verbs).filter((v) => v.value in WHAT)) {
        const names = scalarItems(rule.fields.resourceNames).map((n) => n.value);
        const limited = names.length > 0 ? ` (limited to ${names.join(', ')})` : '';
        findings.push({
          ...finding(info, rule.file, rangeOfNode(rule.file, rule.role, verb.node),
            `\`${verb.value}\` lets its subjects ${WHAT[verb.value]}${limited}: equivalent to the power it can reach.`),
          severity: names.length === 0 && heldByPeople(context, rule.role) ? 'warning' : 'information',
        });
      }
    }
    return findings;
  },
};
