import { removeSeqItem, replaceScalar } from '../../edits/yaml-edits';
import type { Fix } from '../../edits/types';
import { checkInfo } from '../check-catalog';
import type { Check, CheckContext } from '../check';
import { finding, rangeOfNode, ruleNodes, scalarItems, type RuleNodes } from '../helpers';
import type { Finding } from '../types';

const info = checkInfo('RBAC004')!;
/** `apps/v1`, `rbac.authorization.k8s.io/v1beta1`, or a bare version such as `v1` (meaning the core group). */
const WITH_VERSION = /^(?:(.+)\/)?v\d+(?:(?:alpha|beta)\d+)?$/;

/** The group meant by an apiGroups entry that holds a version; `core/v1` and `v1` mean the core group `""`. */
export function stripVersion(group: string): string | undefined {
  const match = WITH_VERSION.exec(group);
  if (!match) return undefined;
  return match[1] === undefined || match[1] === 'core' ? '' : match[1];
}

/**
 * `core` is what kubectl's `TYPE.core` and the docs call the core group, but no API group has that
 * name: RBAC matches the empty string. Judged only while no CRD or cluster serves a group `core`.
 */
function coreGroupWord(context: CheckContext, group: string): boolean {
  return group === 'core' && !context.catalog.isKnownGroup('core');
}

/**
 * The group an apiGroups entry means, as this check's fix writes it (`core`, `v1` → `""`, `apps/v1` →
 * `apps`), so other checks judge the rest of the rule while this one reports the spelling.
 */
export function meantGroup(context: CheckContext, group: string): string {
  if (coreGroupWord(context, group)) return '';
  return stripVersion(group) ?? group;
}

export const rbac004: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const rule of ruleNodes(context)) {
      const groups = scalarItems(rule.fields.apiGroups);
      for (const item of groups) {
        if (coreGroupWord(context, item.value)) {
          findings.push(coreGroupFinding(rule, item, groups.some((g) => g.value === '')));
          continue;
        }
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

/** `core` in apiGroups: an error, or only information when `""` is listed too (the entry is then dead weight). */
function coreGroupFinding(rule: RuleNodes, item: ReturnType<typeof scalarItems>[number], coreListed: boolean): Finding {
  const range = rangeOfNode(rule.file, rule.role, item.node);
  if (coreListed) {
    const remove: Fix = { title: 'Remove core', isPreferred: true, edits: [removeSeqItem(rule.file, rule.role.doc, rule.fields.apiGroups!, item.index)] };
    return { ...finding(info, rule.file, range, 'There is no API group called `core`: the core group is `""`, which this rule already lists, so this entry only adds noise.', [remove]), severity: 'information' };
  }
  const change: Fix = { title: 'Change to ""', isPreferred: true, edits: [replaceScalar(rule.file, rule.role.doc, item.node, '')] };
  return finding(info, rule.file, range, 'There is no API group called `core`: RBAC names the core group (pods, services, configmaps…) `""`, so this entry never matches a request.', [change]);
}
