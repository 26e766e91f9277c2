import { printable } from '../emit/yaml-scalar';
import type { PolicyIndex } from '../rbac/policy-index';
import type { PolicyRule } from '../rbac/types';
import { freeName } from './free-names';
import type { DenialFacts, MissingRule } from './denial';
import type { GrantPlan } from './grant-plan';
import { objectName, renderGrant } from './render-grant';
import type { FixSuggestion } from './suggest-fixes';
import { partitionMissingRules } from './validate-denial';

/**
 * Escalation prevention: the creator of a role or binding must hold what it grants. Either give the
 * creator those rules, or the `escalate`/`bind` verb, which lets it grant anything: said plainly.
 * Rules with wildcards (or fields Kubernetes would not accept) are never copied: the suggestion names
 * them and leaves the decision to the user. The denial has passed validateDenial (its subject is valid).
 */
export function escalationFixes(denial: DenialFacts, index?: PolicyIndex): FixSuggestion[] {
  const s = denial.subject;
  if (!s || s.kind === 'unknown' || !s.name) return [];
  const subject = s.kind === 'ServiceAccount'
    ? { kind: 'ServiceAccount', name: s.name, namespace: s.namespace ?? undefined }
    : { kind: 'User', name: s.name, apiGroup: 'rbac.authorization.k8s.io' };
  const asUser = s.kind === 'ServiceAccount' ? `system:serviceaccount:${s.namespace}:${s.name}` : s.name;
  const who = printable(s.name);
  // New objects for the creator alone: never a name that would replace a role or binding others hold.
  const unique = (name: string) => (index ? freeName(index, 'ClusterRole', undefined, name) : name);
  const out: FixSuggestion[] = [];
  const { copyable, withheld } = partitionMissingRules(denial.missingRules ?? []);
  const rules: PolicyRule[] = copyable.map((r) => {
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
      subject, asUser, rules, scope: 'cluster',
      headline: `Grants the ${rules.length} rule(s) the creator tried to hand out, in every namespace and at cluster scope.`,
      notes: [
        'The creator must hold every permission it grants. A ClusterRoleBinding gives these rules everywhere;',
        'if the role or binding it creates lives in one namespace, bind this ClusterRole with a RoleBinding there instead.',
        ...(withheld.length ? [`Not included: ${withheld.length} rule(s) with wildcards or invalid fields; decide on them by hand.`] : []),
      ],
      verify: first.nonResourceURLs
        ? { verb: first.verbs[0], target: first.nonResourceURLs[0] }
        : { verb: first.verbs[0], target: `${first.resources?.[0]}${first.apiGroups?.[0] ? `.${first.apiGroups[0]}` : ''}`, allNamespaces: true },
    };
    out.push({
      title: `Give ${who} the ${rules.length} rule(s) it tries to grant${withheld.length ? ` (${withheld.length} wildcard or invalid rule(s) left out)` : ''}`,
      detail: `Least privilege: the creator gains exactly what it hands out.${withheldDetail(withheld)}`,
      kind: 'new',
      yaml: renderGrant(plan, unique(objectName(s.name, 'grantable'))),
    });
  } else if (withheld.length) {
    out.push({
      title: `${who} tries to grant ${withheld.length} rule(s) with wildcards or invalid fields: nothing generated`,
      detail: `Giving the creator a wildcard rule gives it far more than one request needs; decide by hand.${withheldDetail(withheld)}`,
      kind: 'edit',
      edits: [],
    });
  }
  const binding = /bindings$/.test(denial.resource ?? '');
  const verb = binding ? 'bind' : 'escalate';
  const target = denial.resource?.startsWith('cluster') ? 'clusterroles' : 'roles';
  const plan: GrantPlan = {
    subject, asUser, scope: 'cluster',
    headline: `Grants ${verb} on all ${target} (API group rbac.authorization.k8s.io) in every namespace and at cluster scope.`,
    notes: [
      `RISK: \`${verb}\` lets ${who} ${binding ? 'bind any role, including cluster-admin,' : 'write roles with any permission'} without holding it:`,
      'it is equivalent to full control. Restrict it with resourceNames to the roles it manages where you can.',
    ],
    rules: [{ apiGroups: ['rbac.authorization.k8s.io'], resources: [target], verbs: [verb] }],
    verify: { verb, target: `${target}.rbac.authorization.k8s.io`, allNamespaces: true },
  };
  out.push({
    title: `Alternative: allow ${who} to ${verb} ${target} (powerful: it can then grant permissions it does not hold)`,
    kind: 'new',
    yaml: renderGrant(plan, unique(objectName(s.name, verb))),
  });
  return out;
}

function withheldDetail(withheld: MissingRule[]): string {
  if (!withheld.length) return '';
  const shown = withheld.slice(0, 3).map((r) => printable(JSON.stringify(r)).slice(0, 200));
  return ` Missing and not copied: ${shown.join('; ')}${withheld.length > 3 ? '; …' : ''}.`;
}
