import { splitResource } from '../../catalog/catalog';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, fullyListedGroups, grantedElsewhere, rangeOfNode, ruleNodes, scalarItems } from '../helpers';
import { regroupFixes } from '../rule-edits';
import type { Finding } from '../types';
import { meantGroup } from './rbac004-version-in-api-groups';

const info = checkInfo('RBAC002')!;

const groupLabel = (g: string) => (g === '' ? '"" (core)' : `\`${g}\``);

export const rbac002: Check = {
  ...info,
  run(context) {
    const { catalog } = context;
    const findings: Finding[] = [];
    for (const rule of ruleNodes(context)) {
      // Judged in the groups meant (`core` is "", `apps/v1` is apps): RBAC004's finding must not hide this one.
      const groups = fullyListedGroups(context, rule, (group) => meantGroup(context, group));
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
          servedBy.length === 1 && !covered ? regroupFixes(rule, item.index, servedBy[0], catalog) : []);
        findings.push(legacy ? { ...f, severity: 'information' } : f);
      }
    }
    return findings;
  },
};
