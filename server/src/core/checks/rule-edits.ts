import { renderRuleItem } from '../edits/render-rule';
import type { TextEdit } from '../edits/types';
import { indentationAt, insertAfterLineOf, removeSeqItem } from '../edits/yaml-edits';
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
  return insertAfterLineOf(rule.file, end, renderRuleItem(newRule, lineIndent));
}

