import { splitResource } from '../../catalog/catalog';
import { appendToSeq, removeSeqItem, replaceScalar } from '../../edits/yaml-edits';
import { HTTP_METHOD_TO_VERB, KNOWN_VERBS, VERB_INTENTS } from '../../catalog/verbs';
import { nearest } from '../../catalog/suggest';
import { checkInfo } from '../check-catalog';
import type { Check, CheckContext } from '../check';
import { finding, judgeableGroups, rangeOfNode, ruleNodes, scalarItems, type RuleNodes } from '../helpers';
import type { Finding } from '../types';
import { meantGroup } from './rbac004-version-in-api-groups';

const info = checkInfo('RBAC001')!;

type Item = ReturnType<typeof scalarItems>[number];

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
        // (knative's `knsubscribe`): stay silent unless it is clearly a typo, a case or an HTTP method,
        // or a word for a set of verbs (`read`) on resources whose verbs are all known.
        if (!suggestion) {
          const intent = intentFinding(context, rule, item);
          if (intent) findings.push(intent);
          continue;
        }
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

/**
 * `read`, `view`, `readonly`, `write`: words for a set of verbs. Judged only where every resource of
 * the rule has known verbs (built-in, a workspace CRD, a connected cluster), so a custom verb of an
 * unknown resource stays silent. The fix writes the verbs the resources support.
 */
function intentFinding(context: CheckContext, rule: RuleNodes, item: Item): Finding | undefined {
  const meant = VERB_INTENTS[item.value.toLowerCase()];
  const supported = meant && supportedVerbs(context, rule);
  if (!meant || !supported) return undefined;
  const listed = new Set(scalarItems(rule.fields.verbs).map((v) => v.value));
  const verbs = meant.filter((v) => supported.has(v));
  if (verbs.length === 0) return undefined;
  const missing = verbs.filter((v) => !listed.has(v));
  const range = rangeOfNode(rule.file, rule.role, item.node);
  const words = verbs.map((v) => `\`${v}\``).join(', ');
  if (missing.length === 0) {
    return {
      ...finding(info, rule.file, range, `Unknown verb \`${item.value}\`: RBAC has no such verb; the rule already lists ${words}, so this entry only adds noise.`,
        [{ title: `Remove ${item.value}`, isPreferred: true, edits: [removeSeqItem(rule.file, rule.role.doc, rule.fields.verbs!, item.index)] }]),
      severity: 'information',
    };
  }
  const [first, ...rest] = missing;
  const edits = [replaceScalar(rule.file, rule.role.doc, item.node, first)];
  if (rest.length) edits.push(appendToSeq(rule.file, rule.role.doc, rule.fields.verbs!, rest));
  return finding(info, rule.file, range,
    `Unknown verb \`${item.value}\`: RBAC has no such verb (no component checks it), so it never matches a request. To grant ${item.value.toLowerCase()} access, list the verbs: ${words}.`,
    [{ title: `Change to ${missing.join(', ')}`, isPreferred: true, edits }]);
}

/** Every verb some resource of the rule supports; undefined when a resource's verbs are not known. */
function supportedVerbs(context: CheckContext, rule: RuleNodes): Set<string> | undefined {
  // `core` or `apps/v1` beside `read` is RBAC004's to report; it must not hide this finding.
  const groups = judgeableGroups(context, rule, (group) => meantGroup(context, group));
  const resources = scalarItems(rule.fields.resources).map((r) => r.value);
  if (!groups || resources.length === 0) return undefined;
  const out = new Set<string>();
  for (const resource of resources) {
    const [base, sub] = splitResource(resource);
    const verbs = groups.map((g) => context.catalog.verbsOf(g, base, sub)).filter((v): v is string[] => v !== undefined);
    if (verbs.length === 0) return undefined;
    for (const list of verbs) for (const v of list) out.add(v);
  }
  return out;
}
