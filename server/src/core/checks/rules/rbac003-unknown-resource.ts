import { splitResource } from '../../catalog/catalog';
import { replaceScalar } from '../../edits/yaml-edits';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, judgeableGroups, rangeOfNode, ruleNodes, scalarItems } from '../helpers';
import type { Finding } from '../types';

const info = checkInfo('RBAC003')!;

const WHY: Record<string, string> = {
  kind: 'rules name resources by their plural, lower-case name, not their Kind',
  case: 'resource names are lower-case and compared exactly',
  singular: 'rules use the plural name',
  'short name': 'short names work in kubectl, not in RBAC rules',
  subresource: 'no such subresource',
  spelling: 'no such resource',
  plural: 'rules use the plural name',
};

export const rbac003: Check = {
  ...info,
  run(context) {
    const { catalog } = context;
    const findings: Finding[] = [];
    for (const rule of ruleNodes(context)) {
      const groups = judgeableGroups(context, rule);
      if (!groups) continue;
      for (const item of scalarItems(rule.fields.resources)) {
        const [base, sub] = splitResource(item.value);
        if (base === '*' || groups.some((g) => catalog.isKnownResource(g, item.value))) continue;
        const servedSomewhere = catalog.groupsServing(base).length > 0;
        if (servedSomewhere && sub === undefined) continue; // served by another group: RBAC002
        if (servedSomewhere && !groups.some((g) => catalog.lookup(g, base))) continue;
        const suggestion = catalog.suggest(groups, item.value);
        if (!suggestion || suggestion.resource === item.value) continue;
        findings.push(finding(info, rule.file, rangeOfNode(rule.file, rule.role, item.node),
          `Unknown ${sub !== undefined && servedSomewhere ? 'subresource' : 'resource'} \`${item.value}\` (${WHY[suggestion.why]}): this entry never matches a request. Did you mean \`${suggestion.resource}\`?`,
          [{ title: `Change to ${suggestion.resource}`, isPreferred: true, edits: [replaceScalar(rule.file, rule.role.doc, item.node, suggestion.resource)] }]));
      }
    }
    return findings;
  },
};
