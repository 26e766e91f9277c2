import { splitResource, type ResourceCatalog, type Suggestion } from '../../catalog/catalog';
import { replaceScalar } from '../../edits/yaml-edits';
import { seqAt } from '../../model/yaml-nodes';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, judgeableGroups, rangeOfNode, ruleNodes, scalarItems, type RuleNodes } from '../helpers';
import { regroupFixes, removeResourceFromRule } from '../rule-edits';
import type { Finding } from '../types';
import { meantGroup } from './rbac004-version-in-api-groups';

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

/** Reasons sure enough to name a resource of a group the rule does not list (a typo could mean anything). */
const OTHER_GROUP_REASONS = new Set(['kind', 'case', 'singular', 'short name', 'plural']);

type Item = ReturnType<typeof scalarItems>[number];

export const rbac003: Check = {
  ...info,
  run(context) {
    const { catalog } = context;
    const findings: Finding[] = [];
    for (const rule of ruleNodes(context)) {
      // Judged in the groups meant (`core` is "", `apps/v1` is apps): RBAC004's finding must not hide this one.
      const groups = judgeableGroups(context, rule, (group) => meantGroup(context, group));
      if (!groups) continue;
      for (const item of scalarItems(rule.fields.resources)) {
        const [base, sub] = splitResource(item.value);
        if (base === '*' || groups.some((g) => catalog.isKnownResource(g, item.value))) continue;
        const servedSomewhere = catalog.groupsServing(base).length > 0;
        if (servedSomewhere && sub === undefined) continue; // served by another group: RBAC002
        if (servedSomewhere && !groups.some((g) => catalog.lookup(g, base))) continue;
        const suggestion = catalog.suggest(groups, item.value);
        if (suggestion && suggestion.resource !== item.value) {
          findings.push(finding(info, rule.file, rangeOfNode(rule.file, rule.role, item.node),
            `Unknown ${sub !== undefined && servedSomewhere ? 'subresource' : 'resource'} \`${item.value}\` (${WHY[suggestion.why]}): this entry never matches a request. Did you mean \`${suggestion.resource}\`?`,
            [{ title: `Change to ${suggestion.resource}`, isPreferred: true, edits: [replaceScalar(rule.file, rule.role.doc, item.node, suggestion.resource)] }]));
          continue;
        }
        if (suggestion) continue;
        const found = sub === undefined ? inOtherGroup(catalog, rule, item) : missingSubresource(catalog, rule, item, groups);
        if (found) findings.push(found);
      }
    }
    return findings;
  },
};

/** `deployment`, `Deployment`, `deploy` or `job` under `""`: the name of a resource another group serves. */
function inOtherGroup(catalog: ResourceCatalog, rule: RuleNodes, item: Item): Finding | undefined {
  const suggestion: Suggestion | undefined = catalog.suggest(undefined, item.value);
  if (!suggestion || !OTHER_GROUP_REASONS.has(suggestion.why)) return undefined;
  const group = suggestion.group === '' ? '"" (the core group)' : `\`${suggestion.group}\``;
  return finding(info, rule.file, rangeOfNode(rule.file, rule.role, item.node),
    `Unknown resource \`${item.value}\` (${WHY[suggestion.why]}): this entry never matches a request. Did you mean \`${suggestion.resource}\`, served by ${group}?`,
    regroupFixes(rule, item.index, suggestion.group, catalog, suggestion.resource));
}

/**
 * A subresource that a built-in resource does not have (`configmaps/status`), with nothing close to
 * it. Built-in only: the subresources of CRDs and aggregated APIs depend on how they are served.
 */
function missingSubresource(catalog: ResourceCatalog, rule: RuleNodes, item: Item, groups: string[]): Finding | undefined {
  const [base, sub] = splitResource(item.value);
  const owner = groups.map((g) => catalog.lookup(g, base)).find((r) => r !== undefined);
  if (!owner || owner.source !== 'builtin' || !sub || sub.includes('*')) return undefined;
  const existing = catalog.subresourcesOf(owner.group, base);
  const has = existing.length ? `has no subresource \`${sub}\` (only ${existing.map((s) => `\`${base}/${s}\``).join(', ')})` : 'has no subresources at all';
  const only = scalarItems(rule.fields.resources).length <= 1;
  const fixes = [{ title: only ? `Remove this rule (it grants only ${item.value})` : `Remove ${item.value}`, isPreferred: true,
    edits: [removeResourceFromRule(rule, item.index, seqAt(rule.role.node, 'rules')!)] }];
  const removed = catalog.removedFrom(owner.group, item.value);
  if (removed) {
    // A leftover for clusters that still served it: information, as RBAC002 treats removed resources.
    return { ...finding(info, rule.file, rangeOfNode(rule.file, rule.role, item.node),
      `\`${item.value}\` was removed in Kubernetes ${removed.removedIn}${removed.note ? ` (${removed.note})` : ''}: this entry matters only on older clusters.`, fixes), severity: 'information' };
  }
  return finding(info, rule.file, rangeOfNode(rule.file, rule.role, item.node),
    `Unknown subresource \`${item.value}\`: \`${base}\` ${has}, so this entry never matches a request.`, fixes);
}
