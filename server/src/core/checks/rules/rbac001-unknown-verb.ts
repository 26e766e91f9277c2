import { removeSeqItem, replaceScalar } from '../../edits/yaml-edits';
import { HTTP_METHOD_TO_VERB, KNOWN_VERBS } from '../../catalog/verbs';
import { nearest } from '../../catalog/suggest';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, rangeOfNode, ruleNodes, scalarItems } from '../helpers';
import type { Finding } from '../types';

const info = checkInfo('RBAC001')!;

/** What the author most likely meant by an unknown verb. */
export function suggestVerb(verb: string): string | undefined {
  const lower = verb.toLowerCase();
  if (KNOWN_VERBS.includes(lower)) return lower;
  if (HTTP_METHOD_TO_VERB[lower]) return HTTP_METHOD_TO_VERB[lower];
  return nearest(lower, KNOWN_VERBS.filter((v) => v !== '*'));
}

export const rbac001: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const rule of ruleNodes(context)) {
      // Non-resource rules take HTTP-method verbs (get, post, put…), which are valid there.
      if (rule.fields.nonResourceURLs) continue;
      for (const item of scalarItems(rule.fields.verbs)) {
        if (KNOWN_VERBS.includes(item.value)) continue;
        const suggestion = suggestVerb(item.value);
        // A lower-case word far from every verb may be a custom verb that a component checks itself
        // (knative's `knsubscribe`): stay silent unless it is clearly a typo, a case or an HTTP method.
        if (!suggestion) continue;
        const why = item.value.toLowerCase() === suggestion
          ? 'RBAC compares verbs case-sensitively'
          : HTTP_METHOD_TO_VERB[item.value.toLowerCase()] ? `RBAC uses API verbs, not HTTP methods (${item.value.toUpperCase()} is \`${suggestion}\`)` : 'no component checks this verb';
        const present = scalarItems(rule.fields.verbs).some((v) => v.value === suggestion);
        if (present) {
          // The intended verb is listed too: the entry is dead weight, not a missing permission.
          findings.push({
            ...finding(info, rule.file, rangeOfNode(rule.file, rule.role, item.node),
              `Unknown verb \`${item.value}\`: ${why}; the rule already lists \`${suggestion}\`, so this entry only adds noise.`,
              [{ title: `Remove ${item.value}`, isPreferred: true, edits: [removeSeqItem(rule.file, rule.role.doc, rule.fields.verbs!, item.index)] }]),
            severity: 'information',
          });
          continue;
        }
        findings.push(finding(info, rule.file, rangeOfNode(rule.file, rule.role, item.node),
          `Unknown verb \`${item.value}\`: ${why}, so it never matches a request. Did you mean \`${suggestion}\`?`,
          [{ title: `Change to ${suggestion}`, isPreferred: true, edits: [replaceScalar(rule.file, rule.role.doc, item.node, suggestion)] }]));
      }
    }
    return findings;
  },
};
