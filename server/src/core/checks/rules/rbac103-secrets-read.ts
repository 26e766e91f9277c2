import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, rangeOfNode, ruleNodes, scalarItems } from '../helpers';
import { allows, boundClusterWide, hasWildcard, heldByPeople, ruleOf } from '../risky-helpers';
import type { Finding } from '../types';

const info = checkInfo('RBAC103')!;

export const rbac103: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const rule of ruleNodes(context)) {
      const data = ruleOf(rule);
      if (hasWildcard(data) || data.resourceNames?.length) continue;
      const verbs = allows(data, ['get', 'list', 'watch'], '', 'secrets');
      if (verbs.length === 0) continue;
      const item = scalarItems(rule.fields.resources).find((r) => r.value === 'secrets');
      const clusterWide = boundClusterWide(context, rule.role);
      const listing = verbs.includes('list') || verbs.includes('watch');
      findings.push({
        ...finding(info, rule.file, rangeOfNode(rule.file, rule.role, item?.node ?? rule.node),
          `Reads Secrets (${verbs.join(', ')})${clusterWide ? ' in every namespace' : ''}${listing ? ': list and watch return every Secret\'s data, not only names' : ''}. Limit it with resourceNames where the names are known.`),
        severity: clusterWide && heldByPeople(context, rule.role) ? 'warning' : 'information',
      });
    }
    return findings;
  },
};
