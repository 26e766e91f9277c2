import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, rangeOfNode, ruleNodes, scalarItems } from '../helpers';
import { boundClusterWide, heldByPeople, ruleOf } from '../risky-helpers';
import type { Finding } from '../types';

const info = checkInfo('RBAC101')!;

export const rbac101: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const rule of ruleNodes(context)) {
      const data = ruleOf(rule);
      const star = ['verbs', 'resources', 'apiGroups'].flatMap((f) => scalarItems(rule.fields[f as 'verbs']).filter((i) => i.value === '*').map((i) => ({ field: f, item: i })));
      const urls = scalarItems(rule.fields.nonResourceURLs).find((i) => i.value === '*');
      if (star.length === 0 && !urls) continue;
      const at = star[0]?.item ?? urls!;
      const fields = star.map((s) => s.field);
      const paths = urls ? 'every non-resource path (/metrics, /debug, /logs…)' : (data.nonResourceURLs ?? []).join(', ');
      // A non-resource rule (`nonResourceURLs`, no `resources`): its verbs apply to paths, not to API groups.
      const nonResource = !data.resources?.length && (data.nonResourceURLs?.length ?? 0) > 0;
      const what = urls && star.length === 0 ? paths
        : nonResource ? `${fields.includes('verbs') ? 'every verb' : data.verbs.join(', ')} on ${paths}`
        : [fields.includes('verbs') ? 'every verb, including escalate, bind and impersonate,' : `${data.verbs.join(', ')}`,
          fields.includes('resources') ? 'on every resource and subresource' : `on ${(data.resources ?? []).join(', ')}`,
          fields.includes('apiGroups') ? 'of every API group, present and future' : `in ${(data.apiGroups ?? []).map((g) => g || 'core').join(', ')}`].join(' ');
      // Wildcards over the built-in groups grant far more than the author probably listed; a wildcard
      // limited to a project's own API group is the common "manage my CRDs" pattern.
      const broad = fields.includes('apiGroups') || ((data.apiGroups ?? []).some((g) => context.catalog.isKnownGroup(g) && context.catalog.entries.some((e) => e.group === g && e.source === 'builtin')) && fields.includes('resources'));
      const clusterWide = boundClusterWide(context, rule.role);
      findings.push({
        ...finding(info, rule.file, rangeOfNode(rule.file, rule.role, at.node), `Wildcard: this rule grants ${what}${clusterWide ? ', cluster-wide' : ''}. Resources and verbs added later are granted too.`),
        severity: broad && clusterWide && heldByPeople(context, rule.role) ? 'warning' : 'information',
      });
    }
    return findings;
  },
};
