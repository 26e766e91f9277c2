import type { PolicyRule } from '../rbac/types';
import type { DenialFacts } from './denial';
import type { GrantPlan } from './grant-plan';
import { renderGrant } from './render-grant';
import type { FixSuggestion } from './suggest-fixes';

/**
 * Escalation prevention: the creator of a role or binding must hold what it grants. Either give the
 * creator those rules, or the `escalate`/`bind` verb, which lets it grant anything: said plainly.
 */
export function escalationFixes(denial: DenialFacts): FixSuggestion[] {
  const s = denial.subject;
  if (!s || s.kind === 'unknown' || !s.name) return [];
  const subject = s.kind === 'ServiceAccount'
    ? { kind: 'ServiceAccount', name: s.name, namespace: s.namespace ?? undefined }
    : { kind: 'User', name: s.name, apiGroup: 'rbac.authorization.k8s.io' };
  const asUser = s.kind === 'ServiceAccount' ? `system:serviceaccount:${s.namespace}:${s.name}` : s.name;
  const out: FixSuggestion[] = [];
  const rules: PolicyRule[] = (denial.missingRules ?? []).map((r) => {
    const rule: PolicyRule = { verbs: r.verbs };
    if (r.nonResourceURLs?.length) rule.nonResourceURLs = r.nonResourceURLs;
    else {
      rule.apiGroups = r.apiGroups;
      rule.resources = r.resources;
      if (r.resourceNames?.length) rule.resourceNames = r.resourceNames;
    }
    return rule;
  });
  if (rules.length > 0) {
    const first = rules[0];
    const plan: GrantPlan = {
      subject, asUser, rules, scope: 'cluster', notes: [
        'The creator must hold every permission it grants. A ClusterRoleBinding gives these rules everywhere;',
        'if the role or binding it creates lives in one namespace, bind this ClusterRole with a RoleBinding there instead.',
      ],
      verify: first.nonResourceURLs
        ? { verb: first.verbs[0], target: first.nonResourceURLs[0] }
        : { verb: first.verbs[0], target: `${first.resources?.[0]}${first.apiGroups?.[0] ? `.${first.apiGroups[0]}` : ''}`, allNamespaces: true },
    };
    out.push({
      title: `Give ${subject.name} the ${rules.length} rule(s) it tries to grant`,
      detail: 'Least privilege: the creator gains exactly what it hands out.',
      kind: 'new',
      yaml: renderGrant(plan, `${subject.name.replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}-grantable`.slice(0, 63)),
    });
  }
  const binding = /bindings$/.test(denial.resource ?? '');
  const verb = binding ? 'bind' : 'escalate';
  const target = denial.resource?.startsWith('cluster') ? 'clusterroles' : 'roles';
  const plan: GrantPlan = {
    subject, asUser, scope: 'cluster', notes: [
      `RISK: \`${verb}\` lets ${subject.name} ${binding ? 'bind any role, including cluster-admin,' : 'write roles with any permission'} without holding it:`,
      'it is equivalent to full control. Restrict it with resourceNames to the roles it manages where you can.',
    ],
    rules: [{ apiGroups: ['rbac.authorization.k8s.io'], resources: [target], verbs: [verb] }],
    verify: { verb, target: `${target}.rbac.authorization.k8s.io`, allNamespaces: true },
  };
  out.push({
    title: `Alternative: allow ${subject.name} to ${verb} ${target} (powerful: it can then grant permissions it does not hold)`,
    kind: 'new',
    yaml: renderGrant(plan, `${subject.name.replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}-${verb}`.slice(0, 63)),
  });
  return out;
}
