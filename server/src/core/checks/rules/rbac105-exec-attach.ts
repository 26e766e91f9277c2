import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, rangeOfNode, ruleNodes, scalarItems } from '../helpers';
import { allows, hasWildcard, ruleOf } from '../risky-helpers';
import type { Finding } from '../types';

const info = checkInfo('RBAC105')!;
const STREAMS = ['exec', 'attach', 'portforward', 'ephemeralcontainers'];

export const rbac105: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const rule of ruleNodes(context)) {
      const data = ruleOf(rule);
      if (hasWildcard(data)) continue;
      const subs = STREAMS.filter((s) => allows(data, ['create', 'get', 'update', 'patch'], '', 'pods', s).length > 0);
      if (subs.length === 0) continue;
      const item = scalarItems(rule.fields.resources).find((i) => subs.some((s) => i.value === `pods/${s}`));
      findings.push(finding(info, rule.file, rangeOfNode(rule.file, rule.role, item?.node ?? rule.node),
        `Grants pods/${subs.join(', pods/')}: a shell or a debug container in running pods, with their ServiceAccount tokens and mounted Secrets.`));
    }
    return findings;
  },
};
