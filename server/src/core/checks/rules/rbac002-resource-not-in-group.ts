import { splitResource, type ResourceCatalog } from '../../catalog/catalog';
import { appendToSeq, replaceScalar } from '../../edits/yaml-edits';
import type { Fix } from '../../edits/types';
import { seqAt } from '../../model/yaml-nodes';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, judgeableGroups, grantedElsewhere, rangeOfNode, ruleNodes, scalarItems, type RuleNodes } from '../helpers';
import { insertRuleAfter, removeResourceFromRule, ruleData } from '../rule-edits';
import type { Finding } from '../types';

const info = checkInfo('RBAC002')!;

const groupLabel = (g: string) => (g === '' ? '"" (core)' : `\`${g}\``);

export const rbac002: Check = {
  ...info,
  run(context) {
    const { catalog } = context;
    const findings: Finding[] = [];
    for (const rule of ruleNodes(context)) {
      const groups = judgeableGroups(context, rule);
      if (!groups) continue;
      for (const item of scalarItems(rule.fields.resources)) {
        const [base] = splitResource(item.value);
        if (base === '*' || groups.some((g) => catalog.lookup(g, base) || catalog.isKnownResource(g, item.value))) continue;
        const servedBy = catalog.groupsServing(base).filter((g) => g !== 'extensions');
        const removed = groups.map((g) => catalog.removedFrom(g, base)).find(Boolean);
        if (servedBy.length === 0 && !removed) continue; // an unknown name: RBAC003's business
        const where = servedBy.length ? `it is served by ${servedBy.map(groupLabel).join(', ')}` : 'no group serves it any more';
        const history = removed ? ` ${removed.group}/${removed.resource} was removed in Kubernetes ${removed.removedIn}.` : '';
        const verbs = scalarItems(rule.fields.verbs).map((v) => v.value);
        const covered = servedBy.some((g) => grantedElsewhere(rule, g, item.value, verbs));
        // A leftover for old clusters is harmless when another rule grants the same in the right group,
        // or when the resource no longer exists anywhere (kept for clusters that still serve it).
        const legacy = covered || servedBy.length === 0;
        const note = covered ? ' Another rule of this role already grants it there, so this entry is only a leftover for old clusters.'
          : servedBy.length === 0 ? ' It matters only on clusters older than that.' : '';
        const f = finding(info, rule.file, rangeOfNode(rule.file, rule.role, item.node),
          `\`${base}\` is not served by ${groups.map(groupLabel).join(' or ')}: ${where}, so this entry never grants it on current clusters.${history}${note}`,
          servedBy.length === 1 && !covered ? fixes(rule, item.index, servedBy[0], catalog) : []);
        findings.push(legacy ? { ...f, severity: 'information' } : f);
      }
    }
    return findings;
  },
};

/** One group that serves nothing else in the rule is replaced; otherwise the resource moves to its own rule. */
function fixes(rule: RuleNodes, resourceIndex: number, target: string, catalog: ResourceCatalog): Fix[] {
  const resources = scalarItems(rule.fields.resources).map((r) => r.value);
  const groupItems = scalarItems(rule.fields.apiGroups);
  const groupServesOthers = (g: string) => resources.some((r, i) => i !== resourceIndex && (r === '*' || catalog.lookup(g, splitResource(r)[0])));
  if (groupItems.length === 1 && !groupServesOthers(groupItems[0].value) && resources.every((r) => catalog.lookup(target, splitResource(r)[0]))) {
    return [{ title: `Change apiGroups to "${target}"`, isPreferred: true, edits: [replaceScalar(rule.file, rule.role.doc, groupItems[0].node, target)] }];
  }
  if (resources.length < 2) {
    if (groupItems.length === 1) return [];
    return [{ title: `Add "${target}" to apiGroups`, isPreferred: true, edits: [appendToSeq(rule.file, rule.role.doc, rule.fields.apiGroups!, [target])] }];
  }
  const data = ruleData(rule);
  const moved = { ...data, apiGroups: [target], resources: [resources[resourceIndex]] };
  const rulesSeq = seqAt(rule.role.node, 'rules')!;
  return [{
    title: `Move ${resources[resourceIndex]} to its own rule with apiGroups "${target}"`,
    isPreferred: true,
    edits: [removeResourceFromRule(rule, resourceIndex, rulesSeq), insertRuleAfter(rule, moved)],
  }];
}
