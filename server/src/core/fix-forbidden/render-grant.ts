import { emitDocuments, emitSeqItems, plain, type YamlMap, type YamlStyle } from '../emit/yaml-document';
import type { PolicyRule, Subject } from '../rbac/types';
import { verifyCommand, type GrantPlan } from './grant-plan';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** A readable, valid object name (DNS subdomain, at most 63 characters) made of the given words. */
export function objectName(...words: string[]): string {
  const name = words.join('-').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').slice(0, 63).replace(/^-+|-+$/g, '');
  return name || 'grant';
}

/** `web-pods-reader` from subject and what it may do. */
export function grantName(plan: GrantPlan): string {
  const who = plan.subject.name.replace(/^system:serviceaccount:[^:]+:/, '');
  const rule = plan.rules[0];
  const what = rule.resources?.[0] ?? 'paths';
  const verb = rule.verbs.length === 1 ? rule.verbs[0] : 'access';
  return objectName(who, what, verb);
}

export function ruleMap(rule: PolicyRule): YamlMap {
  return { apiGroups: rule.apiGroups, resources: rule.resources, resourceNames: rule.resourceNames, nonResourceURLs: rule.nonResourceURLs, verbs: rule.verbs };
}

/** Rules as block-sequence items, each line prefixed by `indent` (to line up with a user's list). */
export function renderRules(rules: PolicyRule[], indent = '', style?: YamlStyle): string {
  return emitSeqItems(rules.map(ruleMap), indent, style);
}

export function subjectMap(subject: Subject): YamlMap {
  return subject.kind === 'ServiceAccount'
    ? { kind: plain('ServiceAccount'), name: subject.name, namespace: subject.namespace }
    : { kind: plain(subject.kind), name: subject.name, apiGroup: plain(RBAC_GROUP) };
}

function metadata(name: string, namespace: string | undefined): YamlMap {
  return { name, namespace };
}

/** Role + RoleBinding (or ClusterRole + ClusterRoleBinding) as one multi-document YAML text. */
export function renderGrant(plan: GrantPlan, name = grantName(plan)): string {
  const cluster = plan.scope === 'cluster';
  const roleKind = cluster ? 'ClusterRole' : 'Role';
  const namespace = cluster ? undefined : plan.namespace;
  return emitDocuments([
    {
      comments: [plan.headline, ...plan.notes, 'Verify after applying:', `  ${verifyCommand(plan)}`],
      body: { apiVersion: plain(`${RBAC_GROUP}/v1`), kind: plain(roleKind), metadata: metadata(name, namespace), rules: plan.rules.map(ruleMap) },
    },
    {
      body: {
        apiVersion: plain(`${RBAC_GROUP}/v1`), kind: plain(`${roleKind}Binding`), metadata: metadata(name, namespace),
        roleRef: { apiGroup: plain(RBAC_GROUP), kind: plain(roleKind), name },
        subjects: [subjectMap(plan.subject)],
      },
    },
  ]);
}

/** `web-view`: the name of a binding of the subject to an existing role. */
export function bindingName(plan: GrantPlan, roleName: string): string {
  return objectName(plan.subject.name.replace(/^system:serviceaccount:[^:]+:/, ''), roleName);
}

/** A binding only (to an existing role), as YAML. */
export function renderBinding(plan: GrantPlan, roleKind: 'Role' | 'ClusterRole', roleName: string, bindingKind: 'RoleBinding' | 'ClusterRoleBinding', name = bindingName(plan, roleName)): string {
  return emitDocuments([{
    comments: [`Binds the existing ${roleKind} ${roleName}, which already allows the denied request. Verify:`, `  ${verifyCommand(plan)}`],
    body: {
      apiVersion: plain(`${RBAC_GROUP}/v1`), kind: plain(bindingKind),
      metadata: metadata(name, bindingKind === 'RoleBinding' ? plan.namespace : undefined),
      roleRef: { apiGroup: plain(RBAC_GROUP), kind: plain(roleKind), name: roleName },
      subjects: [subjectMap(plan.subject)],
    },
  }]);
}
