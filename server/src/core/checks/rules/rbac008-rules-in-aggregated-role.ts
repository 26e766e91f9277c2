import { quoted, scalar } from '../../emit/yaml-scalar';
import { styleOf } from '../../edits/file-style';
import { renderRules } from '../../fix-forbidden/render-grant';
import { insertAfterLineOf, removePair } from '../../edits/yaml-edits';
import type { Fix } from '../../edits/types';
import { pairOf } from '../../model/yaml-nodes';
import type { RoleObject, SourceFile } from '../../model/types';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, keyRange } from '../helpers';
import { positioned } from '../../model/syntax-trees';

const info = checkInfo('RBAC008')!;

export const rbac008: Check = {
  ...info,
  run(context) {
    return context.index.roles
      .filter((role) => role.kind === 'ClusterRole' && role.aggregationRule && role.rules.length > 0 && positioned(role.doc))
      .map((role) => {
        const file = context.fileOf(role);
        return finding(info, file, keyRange(file, role, role.node, 'rules'),
          `ClusterRole ${role.name} has an aggregationRule: the controller replaces its rules with those of the ClusterRoles its selectors match, so these ${role.rules.length} rule(s) are overwritten.`,
          moveFix(file, role));
      });
  },
};

/** Moves the rules to a new ClusterRole carrying the labels the first selector matches. */
function moveFix(file: SourceFile, role: RoleObject): Fix[] {
  const labels = role.aggregationRule?.clusterRoleSelectors.find((s) => s.matchLabels && Object.keys(s.matchLabels).length > 0)?.matchLabels;
  if (!labels || role.listIndex !== undefined) return [];
  // Laid out as the file lays out its YAML (label keys are the user's, so the lines are written here).
  const style = styleOf(file);
  const pad = ' '.repeat(style.indent);
  const lines = [
    '---',
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: ClusterRole',
    'metadata:',
    `${pad}name: ${scalar(`${role.name}-rules`)}`,
    `${pad}labels:`,
    ...Object.entries(labels).map(([k, v]) => `${pad}${pad}${scalar(k)}: ${quoted(v)}`),
    'rules:',
    renderRules(role.rules, style.indentSequences ? pad : '', style),
  ];
  const docEnd = file.text.slice(role.doc.start, role.doc.end).trimEnd().length + role.doc.start;
  return [{
    title: `Move the rules to a new ClusterRole ${role.name}-rules that aggregates into ${role.name}`,
    isPreferred: true,
    edits: [removePair(file, role.doc, role.node, pairOf(role.node, 'rules')!), insertAfterLineOf(file, docEnd, lines.join('\n'))],
  }];
}
