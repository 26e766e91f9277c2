import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, rangeOfNode, ruleNodes, scalarItems } from '../helpers';
import { allows, hasWildcard, ruleOf } from '../risky-helpers';
import type { Finding } from '../types';

const info = checkInfo('RBAC107')!;
const RBAC = ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'];

export const rbac107: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const rule of ruleNodes(context)) {
      const data = ruleOf(rule);
      if (hasWildcard(data)) continue;
      const hits = RBAC.filter((r) => allows(data, ['create', 'update', 'patch'], 'rbac.authorization.k8s.io', r).length > 0);
      if (hits.length === 0) continue;
      const item = scalarItems(rule.fields.resources).find((i) => hits.includes(i.value));
      findings.push(finding(info, rule.file, rangeOfNode(rule.file, rule.role, item?.node ?? rule.node),
        `Can write ${hits.join(', ')}: within what it already holds (escalation prevention), it can hand its permissions to anyone.`));
    }
    return findings;
  },
};
