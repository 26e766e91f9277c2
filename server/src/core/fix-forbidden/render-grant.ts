import { flowList } from '../edits/render-rule';
import type { PolicyRule, Subject } from '../rbac/types';
import { verifyCommand, type GrantPlan } from './grant-plan';

/** Readable, valid object names: `web-pods-reader` from subject and what it may do. */
export function grantName(plan: GrantPlan): string {
  const who = plan.subject.name.replace(/^system:serviceaccount:[^:]+:/, '').replace(/[^a-z0-9-]+/gi, '-').toLowerCase();
  const rule = plan.rules[0];
  const what = (rule.resources?.[0] ?? 'paths').replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  const verb = rule.verbs.length === 1 ? rule.verbs[0].toLowerCase() : 'access';
  return `${who}-${what}-${verb}`.replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 63);
}

export function renderRules(rules: PolicyRule[], indent = ''): string {
  return rules.map((rule) => {
    const fields = (['apiGroups', 'resources', 'resourceNames', 'nonResourceURLs', 'verbs'] as const).filter((f) => rule[f] !== undefined);
    return fields.map((f, i) => `${indent}${i === 0 ? '- ' : '  '}${f}: ${flowList(rule[f]!)}`).join('\n');
  }).join('\n');
}

export function renderSubject(subject: Subject, indent = ''): string {
  const lines = [`- kind: ${subject.kind}`, `  name: ${/^[A-Za-z0-9][A-Za-z0-9.:@_-]*$/.test(subject.name) ? subject.name : JSON.stringify(subject.name)}`];
  if (subject.kind === 'ServiceAccount') lines.push(`  namespace: ${subject.namespace}`);
  else lines.push('  apiGroup: rbac.authorization.k8s.io');
  return lines.map((l) => indent + l).join('\n');
}

/** Role + RoleBinding (or ClusterRole + ClusterRoleBinding) as one multi-document YAML text. */
export function renderGrant(plan: GrantPlan, name = grantName(plan)): string {
  const cluster = plan.scope === 'cluster';
  const meta = (extra = '') => `metadata:\n  name: ${name}\n${cluster ? '' : `  namespace: ${plan.namespace}\n`}${extra}`;
  return [
    `# Grants exactly what was denied. Verify after applying:`,
    `#   ${verifyCommand(plan)}`,
    ...plan.notes.map((n) => `# ${n}`),
    'apiVersion: rbac.authorization.k8s.io/v1',
    `kind: ${cluster ? 'ClusterRole' : 'Role'}`,
    meta().trimEnd(),
    'rules:',
    renderRules(plan.rules),
    '---',
    'apiVersion: rbac.authorization.k8s.io/v1',
    `kind: ${cluster ? 'ClusterRoleBinding' : 'RoleBinding'}`,
    meta().trimEnd(),
    'roleRef:',
    '  apiGroup: rbac.authorization.k8s.io',
    `  kind: ${cluster ? 'ClusterRole' : 'Role'}`,
    `  name: ${name}`,
    'subjects:',
    renderSubject(plan.subject),
    '',
  ].join('\n');
}

/** A binding only (to an existing role), as YAML. */
export function renderBinding(plan: GrantPlan, roleKind: 'Role' | 'ClusterRole', roleName: string, bindingKind: 'RoleBinding' | 'ClusterRoleBinding'): string {
  const name = `${grantName(plan).split('-')[0]}-${roleName.replace(/[^a-z0-9-]+/gi, '-')}`.toLowerCase().slice(0, 63);
  return [
    `# Binds the existing ${roleKind} ${roleName}, which already allows the denied request. Verify:`,
    `#   ${verifyCommand(plan)}`,
    'apiVersion: rbac.authorization.k8s.io/v1',
    `kind: ${bindingKind}`,
    'metadata:',
    `  name: ${name}`,
    ...(bindingKind === 'RoleBinding' ? [`  namespace: ${plan.namespace}`] : []),
    'roleRef:',
    '  apiGroup: rbac.authorization.k8s.io',
    `  kind: ${roleKind}`,
    `  name: ${roleName}`,
    'subjects:',
    renderSubject(plan.subject),
    '',
  ].join('\n');
}
