import type { EffectiveRule } from '../../core/rbac/effective-permissions';

/** kubectl's `auth can-i --list` table, plus where each rule comes from. */
export function formatRulesTable(rules: EffectiveRule[]): string {
  const rows = rules.map(({ rule, binding, role, clusterWide }) => [
    (rule.resources ?? []).flatMap((r) => (rule.apiGroups ?? ['']).map((g) => (g === '' ? r : `${r}.${g}`))).join(', ') || '',
    (rule.nonResourceURLs ?? []).join(', '),
    (rule.resourceNames ?? []).join(', '),
    `[${rule.verbs.join(' ')}]`,
    `${binding.kind}/${binding.name} → ${role.kind}/${role.name}${clusterWide ? ' (cluster-wide)' : ''}`,
  ]);
  const header = ['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs', 'Granted by'];
  const table = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  return table.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('   ').trimEnd()).join('\n');
}
