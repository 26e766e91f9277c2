import { appendToSeq } from '../../edits/yaml-edits';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, grantedElsewhere, rangeOfNode, ruleNodes, scalarItems, type RuleNodes } from '../helpers';
import type { Finding } from '../types';

const info = checkInfo('RBAC023')!;

/** Verbs that clients use together: an informer lists then watches; an update reads first; exec streams need both. */
const COMPANIONS: { when: string; needs: string; why: string; resources?: RegExp; unlessAny?: string[] }[] = [
  { when: 'watch', needs: 'list', why: 'clients (informers, kubectl get -w) list before they watch' },
  // Informers read through list/watch and update from their cache: only flag updates with no way to read.
  { when: 'update', needs: 'get', why: 'an update replaces an object the client has read first, and this role can read it neither with get nor through list/watch', unlessAny: ['list', 'watch', 'patch'] },
  { when: 'create', needs: 'get', why: 'WebSocket clients (client libraries, newer kubectl) open exec/attach/port-forward streams with get', resources: /^pods\/(exec|attach|portforward)$/ },
  { when: 'get', needs: 'create', why: 'kubectl exec/attach/port-forward over SPDY use create', resources: /^pods\/(exec|attach|portforward)$/ },
];

export const rbac023: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const rule of ruleNodes(context)) {
      const verbs = scalarItems(rule.fields.verbs);
      const names = verbs.map((v) => v.value);
      if (names.includes('*') || rule.fields.nonResourceURLs) continue;
      const resources = scalarItems(rule.fields.resources).map((r) => r.value);
      const groups = scalarItems(rule.fields.apiGroups).map((g) => g.value);
      for (const companion of COMPANIONS) {
        const verb = verbs.find((v) => v.value === companion.when);
        if (!verb || names.includes(companion.needs)) continue;
        if (companion.unlessAny?.some((v) => names.includes(v))) continue;
        const affected = resources.filter((r) => (companion.resources ? companion.resources.test(r) : !r.includes('/')));
        if (affected.length === 0 || (companion.resources && affected.length !== resources.length)) continue;
        if (affected.every((r) => groups.every((g) => grantedElsewhere(rule, g, r, [companion.needs]) || grantedByName(rule, g, r, companion.needs)))) continue;
        findings.push(finding(info, rule.file, rangeOfNode(rule.file, rule.role, verb.node),
          `\`${companion.when}\` without \`${companion.needs}\`: ${companion.why}, so the client will likely still be denied.`,
          [{ title: `Add ${companion.needs}`, isPreferred: true, edits: [appendToSeq(rule.file, rule.role.doc, rule.fields.verbs!, [companion.needs])] }]));
      }
    }
    return findings;
  },
};

/**
 * Another rule grants the companion verb on some objects of the resource by name (`get` on the one Secret
 * a controller updates, `create` kept apart because it cannot be limited by name): those are the objects
 * the client works on, so the pair is complete where it is used.
 */
function grantedByName(rule: RuleNodes, group: string, resource: string, verb: string): boolean {
  const covers = (list: string[] | undefined, value: string) => !!list && (list.includes(value) || list.includes('*'));
  return rule.role.rules.some((other, index) => index !== rule.index && (other.resourceNames?.length ?? 0) > 0
    && covers(other.verbs, verb) && covers(other.apiGroups, group) && covers(other.resources, resource));
}
