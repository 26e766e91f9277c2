import { flowList } from '../../edits/render-rule';
import { styleOf } from '../../edits/file-style';
import { emitField } from '../../emit/yaml-document';
import { isMap, isSeq } from 'yaml';
import { columnIndent, insertAfterLineOf, removePair, removeSeqItem } from '../../edits/yaml-edits';
import type { Fix } from '../../edits/types';
import { pairOf, seqAt } from '../../model/yaml-nodes';
import { splitResource } from '../../catalog/catalog';
import { printedFromUnsetValues } from '../../helm/read/unset-values';
import { checkInfo } from '../check-catalog';
import type { Check, CheckContext } from '../check';
import { finding, keyRange, rangeOfNode, ruleNodes, scalarItems, type RuleNodes } from '../helpers';
import type { Finding } from '../types';
import { positioned } from '../../model/syntax-trees';

const info = checkInfo('RBAC006')!;

/** The API server's validation of one rule (pkg/apis/rbac/validation). */
export const rbac006: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const rule of ruleNodes(context)) {
      // A field a chart prints from a value it leaves for the install to set is not known: not judged empty.
      if (RULE_FIELDS.some((field) => printedNil(rule, field))) continue;
      const has = (field: keyof RuleNodes['fields']) => scalarItems(rule.fields[field]).length > 0;
      const at = rangeOfNode(rule.file, rule.role, rule.node);
      const problem = (message: string, fixes: Fix[] = [], range = at) =>
        findings.push(finding(info, rule.file, range, `${message}: the API server rejects this ${rule.role.kind}.`, fixes));
      if (!has('verbs')) problem('A rule needs at least one verb', [], pairOf(rule.node, 'verbs') ? keyRange(rule.file, rule.role, rule.node, 'verbs') : at);
      if (has('nonResourceURLs')) {
        if (rule.role.kind === 'Role') problem('A Role cannot grant nonResourceURLs (paths are cluster-wide; use a ClusterRole)', [removeRuleFix(rule)], keyRange(rule.file, rule.role, rule.node, 'nonResourceURLs'));
        else if (has('resources') || has('apiGroups') || has('resourceNames')) problem('A rule cannot grant both resources and nonResourceURLs; split it in two', [], keyRange(rule.file, rule.role, rule.node, 'nonResourceURLs'));
        continue;
      }
      if (!has('resources') && !has('apiGroups')) problem('A rule needs resources (with apiGroups) or nonResourceURLs');
      else if (!has('apiGroups')) problem('A rule with resources needs at least one apiGroup ("" for the core group)', addGroupsFix(context, rule), keyRange(rule.file, rule.role, rule.node, 'resources'));
      else if (!has('resources')) problem('A rule with apiGroups needs at least one resource', [], keyRange(rule.file, rule.role, rule.node, 'apiGroups'));
    }
    findings.push(...emptyAggregationRules(context));
    return findings;
  },
};

const RULE_FIELDS = ['verbs', 'apiGroups', 'resources', 'nonResourceURLs'] as const;

/**
 * The field is empty, and its value (on the line of its key, or on the lines of actions alone below it) is
 * printed from a value no values file sets (see printedFromUnsetValues).
 */
function printedNil(rule: RuleNodes, field: typeof RULE_FIELDS[number]): boolean {
  if (!rule.file.helm || scalarItems(rule.fields[field]).length > 0) return false;
  const key = pairOf(rule.node, field)?.key as { range?: number[] } | undefined;
  if (!key?.range) return false;
  const text = rule.file.text;
  const keyEnd = rule.role.doc.start + key.range[1];
  const lineEnd = (from: number) => (text.indexOf('\n', from) === -1 ? text.length : text.indexOf('\n', from));
  let end = lineEnd(keyEnd);
  if (/^\s*:\s*$/.test(text.slice(keyEnd, end))) {
    // `verbs:` then `{{ toYaml .Values.verbs | indent 2 }}` on lines of their own.
    const actionsAlone = (line: string) => line.includes('{{') && line.replace(/\{\{[\s\S]*?\}\}/g, '').trim() === '';
    while (end < text.length && actionsAlone(text.slice(end + 1, lineEnd(end + 1)))) end = lineEnd(end + 1);
  }
  return printedFromUnsetValues(rule.file, keyEnd, end);
}

/**
 * `aggregationRule` present with no `clusterRoleSelectors`: the API server requires at least one
 * selector when the field is set (`aggregationRule:` left empty is null, which is fine).
 */
function emptyAggregationRules(context: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const role of context.index.roles) {
    if (role.kind !== 'ClusterRole' || !positioned(role.doc)) continue;
    const pair = pairOf(role.node, 'aggregationRule');
    const value = pair?.value;
    if (!pair || !isMap(value)) continue;
    const selectors = value.get('clusterRoleSelectors', true);
    if (isSeq(selectors) && selectors.items.length > 0) continue;
    const file = context.fileOf(role);
    out.push(finding(info, file, keyRange(file, role, role.node, 'aggregationRule'),
      'An aggregationRule needs at least one clusterRoleSelector: the API server rejects this ClusterRole.',
      [{ title: 'Remove the empty aggregationRule', isPreferred: true, edits: [removePair(file, role.doc, role.node, pair)] }]));
  }
  return out;
}

/** Adds `apiGroups:` with the groups that serve the rule's resources, above `resources:`. */
function addGroupsFix(context: CheckContext, rule: RuleNodes): Fix[] {
  const groups = new Set<string>();
  for (const item of scalarItems(rule.fields.resources)) {
    const serving = context.catalog.groupsServing(splitResource(item.value)[0]).filter((g) => g !== 'extensions');
    if (serving.length !== 1) return [];
    groups.add(serving[0]);
  }
  if (groups.size === 0 || rule.node.flow || pairOf(rule.node, 'apiGroups')) return [];
  const first = rule.node.items[0];
  const keyStart = rule.role.doc.start + ((first.key as { range?: number[] }).range?.[0] ?? 0);
  const valueEnd = rule.role.doc.start + ((first.value as { range?: number[] } | null)?.range?.[1] ?? 0);
  return [{
    title: `Add apiGroups: ${flowList([...groups])}`,
    isPreferred: true,
    edits: [insertAfterLineOf(rule.file, Math.max(keyStart, valueEnd), emitField('apiGroups', [...groups], columnIndent(rule.file, keyStart), styleOf(rule.file)))],
  }];
}

function removeRuleFix(rule: RuleNodes): Fix {
  return { title: 'Remove this rule (grant the paths with a ClusterRole)', edits: [removeSeqItem(rule.file, rule.role.doc, seqAt(rule.role.node, 'rules')!, rule.index)] };
}
