import { splitResource, type ResourceCatalog } from '../catalog/catalog';
import { styleOf } from '../edits/file-style';
import { renderRuleItem } from '../edits/render-rule';
import type { Fix, TextEdit } from '../edits/types';
import { appendToSeq, indentationAt, insertAfterLineOf, removeSeqItem, replaceScalar } from '../edits/yaml-edits';
import { seqAt } from '../model/yaml-nodes';
import type { PolicyRule } from '../rbac/types';
import { scalarItems, type RuleNodes } from './helpers';

/** The rule's current content as plain data. */
export function ruleData(rule: RuleNodes): PolicyRule {
  const values = (field: keyof RuleNodes['fields']) => (rule.fields[field] ? scalarItems(rule.fields[field]).map((i) => i.value) : undefined);
  const out: PolicyRule = { verbs: values('verbs') ?? [] };
  for (const field of ['apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const) {
    const v = values(field);
    if (v !== undefined) out[field] = v;
  }
  return out;
}

/** Removes one resource from a rule; when it is the rule's only resource, the whole rule goes. */
export function removeResourceFromRule(rule: RuleNodes, resourceIndex: number, rulesSeq: import('yaml').YAMLSeq): TextEdit {
  const resources = rule.fields.resources!;
  if (scalarItems(resources).length <= 1) return removeSeqItem(rule.file, rule.role.doc, rulesSeq, rule.index);
  return removeSeqItem(rule.file, rule.role.doc, resources, resourceIndex);
}

/** Adds a rule right after `rule`, lined up with it. */
export function insertRuleAfter(rule: RuleNodes, newRule: PolicyRule): TextEdit {
  const { lineIndent } = indentationAt(rule.file, rule.role.doc, rule.node);
  const end = rule.role.doc.start + (rule.node.range?.[1] ?? 0);
  return insertAfterLineOf(rule.file, end, renderRuleItem(newRule, lineIndent, styleOf(rule.file)));
}


/**
 * Fixes that put resource `resourceIndex` of a rule in group `target` (renamed to `rename`, when the
 * written name is not the resource's name): one group that serves nothing else in the rule is
 * replaced; a rule with one resource gains the group; otherwise the resource moves to its own rule.
 */
export function regroupFixes(rule: RuleNodes, resourceIndex: number, target: string, catalog: ResourceCatalog, rename?: string): Fix[] {
  const items = scalarItems(rule.fields.resources);
  const resources = items.map((r, i) => (i === resourceIndex && rename ? rename : r.value));
  const renameEdits = rename ? [replaceScalar(rule.file, rule.role.doc, items[resourceIndex].node, rename)] : [];
  const what = rename ? `Change to ${rename} in apiGroups "${target}"` : undefined;
  const groupItems = scalarItems(rule.fields.apiGroups);
  const groupServesOthers = (g: string) => resources.some((r, i) => i !== resourceIndex && (r === '*' || catalog.lookup(g, splitResource(r)[0])));
  if (groupItems.length === 1 && !groupServesOthers(groupItems[0].value) && resources.every((r) => catalog.lookup(target, splitResource(r)[0]))) {
    return [{ title: what ?? `Change apiGroups to "${target}"`, isPreferred: true, edits: [replaceScalar(rule.file, rule.role.doc, groupItems[0].node, target), ...renameEdits] }];
  }
  if (resources.length < 2) {
    if (groupItems.length === 1) return [];
    return [{ title: what ?? `Add "${target}" to apiGroups`, isPreferred: true, edits: [appendToSeq(rule.file, rule.role.doc, rule.fields.apiGroups!, [target]), ...renameEdits] }];
  }
  const moved = { ...ruleData(rule), apiGroups: [target], resources: [resources[resourceIndex]] };
  const rulesSeq = seqAt(rule.role.node, 'rules')!;
  return [{
    title: `Move ${resources[resourceIndex]} to its own rule with apiGroups "${target}"`,
    isPreferred: true,
    edits: [removeResourceFromRule(rule, resourceIndex, rulesSeq), insertRuleAfter(rule, moved)],
  }];
}
