import { removePair, removeSeqItem } from '../../edits/yaml-edits';
import type { Fix, TextEdit } from '../../edits/types';
import { insertRuleAfter } from '../rule-edits';
import { pairOf } from '../../model/yaml-nodes';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, grantedElsewhere, judgeableGroups, rangeOfNode, scalarItems, ruleNodes, type RuleNodes } from '../helpers';
import type { Finding } from '../types';

const info = checkInfo('RBAC007')!;
/** Requests that carry no object name: a rule with resourceNames never matches them. */
const NEVER_NAMED = new Set(['create', 'deletecollection']);
/** Named only when the client selects one object with fieldSelector=metadata.name=…. */
const NAMED_BY_FIELD_SELECTOR = new Set(['list', 'watch']);

export const rbac007: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const rule of ruleNodes(context)) {
      if (scalarItems(rule.fields.resourceNames).length === 0) continue;
      const verbs = scalarItems(rule.fields.verbs);
      // A subresource request (POST …/serviceaccounts/NAME/token) carries its object's name: only
      // rules on top-level resources lose create/deletecollection to resourceNames.
      const resources = scalarItems(rule.fields.resources).map((r) => r.value);
      const topLevel = resources.filter((r) => !r.includes('/'));
      if (topLevel.length === 0) continue;
      // Aggregated API servers (unknown groups) may interpret resourceNames themselves.
      const groups = judgeableGroups(context, rule);
      if (!groups) continue;
      const coveredElsewhere = (verb: string) => groups.every((g) => topLevel.every((r) => grantedElsewhere(rule, g, r, [verb])));
      for (const verb of verbs.filter((v) => NEVER_NAMED.has(v.value))) {
        const why = verb.value === 'create'
          ? 'an object has no name yet when it is created, so `create` can never be limited by resourceNames'
          : '`deletecollection` requests name no object';
        if (coveredElsewhere(verb.value)) {
          findings.push({ ...finding(info, rule.file, rangeOfNode(rule.file, rule.role, verb.node),
            `This rule has resourceNames, and ${why}; another rule of this role already grants \`${verb.value}\`, so this entry is redundant.`,
            [{ title: `Remove ${verb.value}`, isPreferred: true, edits: [removeSeqItem(rule.file, rule.role.doc, rule.fields.verbs!, verb.index)] }]), severity: 'information' });
          continue;
        }
        // With other verbs that do work by name, `create` is dead weight; alone, the rule is broken.
        const alone = verbs.every((v) => NEVER_NAMED.has(v.value) || NAMED_BY_FIELD_SELECTOR.has(v.value));
        const f = finding(info, rule.file, rangeOfNode(rule.file, rule.role, verb.node),
          `This rule has resourceNames, and ${why}: \`${verb.value}\` is never allowed by it.`,
          [splitFix(rule, verb.value, verbs.length, true)]);
        findings.push(alone ? f : { ...f, severity: 'information' });
      }
      for (const verb of verbs.filter((v) => NAMED_BY_FIELD_SELECTOR.has(v.value) && !coveredElsewhere(v.value))) {
        findings.push({
          ...finding(info, rule.file, rangeOfNode(rule.file, rule.role, verb.node),
            `With resourceNames, \`${verb.value}\` is allowed only for requests that select one of these names with fieldSelector=metadata.name=…; a plain ${verb.value} is denied.`,
            [splitFix(rule, verb.value, verbs.length, false)]),
          severity: 'information',
        });
      }
    }
    return findings;
  },
};

/** Moves one verb to a new rule without resourceNames, right after this one. */
function splitFix(rule: RuleNodes, verb: string, verbCount: number, preferred: boolean): Fix {
  const widen = verb === 'list' || verb === 'watch' ? ` (lets it ${verb} every object of these resources)` : '';
  if (verbCount === 1) {
    const pair = pairOf(rule.node, 'resourceNames')!;
    return { title: `Remove resourceNames${widen}`, isPreferred: preferred, edits: [removePair(rule.file, rule.role.doc, rule.node, pair)] };
  }
  const verbsSeq = rule.fields.verbs!;
  const item = scalarItems(verbsSeq).find((i) => i.value === verb)!;
  const edits: TextEdit[] = [removeSeqItem(rule.file, rule.role.doc, verbsSeq, item.index)];
  const newRule = {
    apiGroups: scalarItems(rule.fields.apiGroups).map((i) => i.value),
    resources: scalarItems(rule.fields.resources).map((i) => i.value),
    verbs: [verb],
  };
  edits.push(insertRuleAfter(rule, newRule));
  return { title: `Move ${verb} to a rule without resourceNames${widen}`, isPreferred: preferred, edits };
}
