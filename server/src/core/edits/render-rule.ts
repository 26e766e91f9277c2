import type { PolicyRule } from '../rbac/types';

const FIELD_ORDER = ['apiGroups', 'resources', 'resourceNames', 'nonResourceURLs', 'verbs'] as const;

/** A flow list in the style most manifests use: `["get", "list"]`. */
export function flowList(values: string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
}

/**
 * A rule as a block-sequence item. `itemIndent` is the text before `- ` on the rules' lines, so the new
 * item lines up with its siblings.
 */
export function renderRuleItem(rule: PolicyRule, itemIndent: string): string {
  const lines: string[] = [];
  for (const field of FIELD_ORDER) {
    const values = rule[field];
    if (values === undefined) continue;
    lines.push(`${field}: ${flowList(values)}`);
  }
  return lines.map((line, i) => `${itemIndent}${i === 0 ? '- ' : '  '}${line}`).join('\n');
}
