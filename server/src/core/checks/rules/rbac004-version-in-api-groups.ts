import { replaceScalar } from '../../edits/yaml-edits';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, rangeOfNode, ruleNodes, scalarItems } from '../helpers';

const info = checkInfo('RBAC004')!;
/** `apps/v1`, `rbac.authorization.k8s.io/v1beta1`, or a bare version such as `v1` (meaning the core group). */
const WITH_VERSION = /^(?:(.+)\/)?v\d+(?:(?:alpha|beta)\d+)?$/;

export function stripVersion(group: string): string | undefined {
  const match = WITH_VERSION.exec(group);
  return match ? match[1] ?? '' : undefined;
}

export const rbac004: Check = {
  ...info,
  run(context) {
    const findings = [];
    for (const rule of ruleNodes(context)) {
      for (const item of scalarItems(rule.fields.apiGroups)) {
        const group = stripVersion(item.value);
        if (group === undefined) continue;
        const shown = group === '' ? '"" (the core group)' : `\`${group}\``;
        findings.push(
          finding(
            info,
            rule.file,
            rangeOfNode(rule.file, rule.role, item.node),
            `apiGroups holds a group and version, \`${item.value}\`: RBAC matches the group alone, so this entry never matches. Use ${shown}.`,
            [{ title: `Change to ${group === '' ? '""' : group}`, isPreferred: true, edits: [replaceScalar(rule.file, rule.role.doc, item.node, group)] }],
          ),
        );
      }
    }
    return findings;
  },
};
