import type { CheckContext } from '../checks/check';
import type { Denial } from '../forbidden/types';
import { planGrant, refusal, verifyCommand, type GrantOptions, type GrantPlan } from '../fix-forbidden/grant-plan';
import { validateDenial } from '../fix-forbidden/validate-denial';
import { requestOf, type FixOptions } from '../fix-forbidden/suggest-fixes';
import { canI, effectiveNamespace } from '../rbac/authorize';
import { indexOf, type PolicyIndex } from '../rbac/policy-index';
import { ruleAllows } from '../rbac/rule-matches';
import { identityOf } from '../rbac/subjects';
import type { AccessRequest, PolicyRule, RbacBinding, UserInfo } from '../rbac/types';
import { grantName } from '../fix-forbidden/render-grant';
import { freeName } from '../fix-forbidden/free-names';
import { nextSteps } from './client-patterns';
import { compactRules, rulesKey } from './compact-rules';
import { editBoundRoles } from './edit-bound-roles';
import { clusterRoleName, generatedName, namespaceRoleName, sharedRoleName, subjectStem } from './names';
import type { Consolidation, NewBinding, NewRole, SkippedDenial, SubjectChange } from './types';

/**
 * One grantable denial. A whole log holds one per denial until its subject's change is made, so its
 * grant is planned again then rather than kept (planning is cheap, a plan is not small).
 */
interface Granted {
  index: number;
  /** The denial as validated (its scope settled): the pasted object itself when validation changed nothing. */
  denial: Denial;
}

interface PlannedGrant extends Granted {
  plan: GrantPlan;
}

/** A subject's grantable denials. */
interface SubjectGrants {
  subject: GrantPlan['subject'];
  asUser: string;
  granted: Granted[];
}

/**
 * All denials of one subject become one change: per namespace one Role and RoleBinding; cluster-scoped
 * and all-namespaces requests one ClusterRole and ClusterRoleBinding; identical rules needed in two or
 * more namespaces (and nothing cluster-wide) one ClusterRole bound by a RoleBinding in each. Subjects
 * are never merged. A workspace role bound to the subject alone (editReach) is edited instead; a role
 * anyone else holds, and a default role, never is. New objects never take the name of an existing one.
 */
export function consolidate(context: CheckContext, denials: readonly Denial[], options: FixOptions = {}): Consolidation {
  const plan = consolidationPlan(context, denials, options);
  return { changes: [...plan.changes()], skipped: plan.skipped };
}

/** What consolidate settles before writing any change; the changes are made one by one as they are read. */
export interface ConsolidationPlan {
  skipped: SkippedDenial[];
  /** How many denials the changes grant. */
  granted: number;
  /** How many subjects the changes are for. */
  subjects: number;
  changes(): Iterable<SubjectChange>;
}

/** consolidate, each subject's change made only when the caller reaches it: a whole log's output streams. */
export function consolidationPlan(context: CheckContext, denials: readonly Denial[], options: FixOptions = {}): ConsolidationPlan {
  const skipped: SkippedDenial[] = [];
  const bySubject = new Map<string, SubjectGrants>();
  const grantOptions = { ...options, isNamespaced: (g: string, r: string) => context.catalog.isNamespaced(g, r) };
  const index = indexOf(context.policy);
  denials.forEach((pasted, i) => {
    const checked = pasted.rbac ? validateDenial(pasted, { namespace: options.namespace, isNamespaced: (g, r) => context.catalog.isNamespaced(g, r) }) : undefined;
    if (checked && 'refusal' in checked) {
      skipped.push({ denial: i, reason: checked.refusal.reason });
      return;
    }
    const settled = checked?.denial ?? pasted;
    const denial = settled.scope === pasted.scope && settled.namespace === pasted.namespace ? pasted : settled;
    const reason = whyNotGranted(denial);
    if (reason) {
      if (denial.rbac) skipped.push({ denial: i, reason });
      return;
    }
    const plan = planGrant(denial, grantOptions);
    const request = requestOf(denial);
    if (!plan || !request) {
      skipped.push({ denial: i, reason: 'The message does not say enough (subject, verb or resource) to write a rule.' });
      return;
    }
    const user = identityOf(plan.asUser, denial.subject?.groups ?? []);
    if (someRuleAllows(index, user, request) && canI(index, user, request).allowed) {
      skipped.push({ denial: i, reason: 'Already granted by the manifests or roles known here.', alreadyAllowed: true });
      return;
    }
    const key = `${plan.subject.kind}/${plan.subject.namespace ?? ''}/${plan.subject.name}`;
    const grants = bySubject.get(key) ?? { subject: plan.subject, asUser: plan.asUser, granted: [] };
    grants.granted.push({ index: i, denial });
    bySubject.set(key, grants);
  });
  let count = 0;
  for (const grants of bySubject.values()) count += grants.granted.length;
  return {
    skipped,
    granted: count,
    subjects: bySubject.size,
    *changes() {
      // Two subjects whose names read alike (`a.b`, `a-b`) must not get objects of the same name.
      const reserved = new Set<string>();
      for (const grants of bySubject.values()) yield changeFor(context, index, grants, denials, reserved, grantOptions);
    },
  };
}

/**
 * Whether a rule of a role bound to the user allows the request: canI allows nothing else, so a log's
 * denials (nearly all still denied) skip its explanations (every rule's mismatches, the closest rules).
 */
function someRuleAllows(index: PolicyIndex, user: UserInfo, request: AccessRequest): boolean {
  const namespace = effectiveNamespace(request);
  const allows = (binding: RbacBinding, bindingNamespace: string | undefined) => {
    const role = index.resolve(binding.roleRef, bindingNamespace);
    return !!role && index.rulesOf(role).some((rule) => ruleAllows(rule, request));
  };
  return index.clusterRoleBindingsFor(user).some((binding) => allows(binding, undefined))
    || (!!namespace && index.roleBindingsFor(user, namespace).some((binding) => allows(binding, namespace)));
}

function whyNotGranted(denial: Denial): string | undefined {
  if (!denial.rbac) return 'Not an RBAC denial.';
  if (denial.kind === 'rbac-escalation') return 'Escalation prevention: see the separate suggestions for this denial.';
  return refusal(denial) ?? (!denial.subject?.name ? 'The message does not name the denied subject.' : undefined);
}

function changeFor(context: CheckContext, index: PolicyIndex, grants: SubjectGrants, denials: readonly Denial[], reserved: Set<string>, options: GrantOptions): SubjectChange {
  const { subject, asUser } = grants;
  const granted: PlannedGrant[] = grants.granted.map((g) => ({ ...g, plan: planGrant(g.denial, options)! }));
  const free = (kind: 'Role' | 'ClusterRole', namespace: string | undefined, base: string, bindingOnly = false) => freeName(index, kind, namespace, base, bindingOnly, reserved);
  const groups = [...new Set(granted.flatMap((g) => denials[g.index].subject?.groups ?? []))];
  const clusterRules = compactRules(granted.filter((g) => g.plan.scope === 'cluster').flatMap((g) => g.plan.rules));
  const byNamespace = new Map<string, PolicyRule[]>();
  for (const g of granted) {
    if (g.plan.scope !== 'namespace') continue;
    // A namespaced request the cluster-wide rules already allow needs nothing more.
    const request = requestOf(g.denial)!;
    if (clusterRules.some((rule) => ruleAllows(rule, request))) continue;
    const ns = g.plan.namespace!;
    const rules = byNamespace.get(ns);
    if (rules) rules.push(...g.plan.rules);
    else byNamespace.set(ns, [...g.plan.rules]);
  }
  const change: SubjectChange = {
    subject, asUser, groups, denials: granted.map((g) => g.index), roles: [], bindings: [], edits: [],
    verify: [...new Set(granted.map((g) => verifyCommand(g.plan)))], notes: [],
    // A companion the subject already holds is no step at all.
    next: nextSteps(granted.map((g) => g.denial), (request) => {
      const user = identityOf(asUser, groups);
      return someRuleAllows(index, user, request) && canI(index, user, request).allowed;
    }),
  };
  const buckets = [...byNamespace].map(([namespace, rules]) => ({ namespace: namespace as string | undefined, rules: compactRules(rules) }));
  if (clusterRules.length) buckets.unshift({ namespace: undefined, rules: clusterRules });
  const remaining = editBoundRoles(context, index, change, buckets);
  if (granted.length === 1 && change.edits.length === 0) return singleGrant(free, change, granted[0].plan);
  const cluster = remaining.find((b) => b.namespace === undefined);
  const namespaced = remaining.filter((b): b is { namespace: string; rules: PolicyRule[] } => b.namespace !== undefined);
  if (cluster) addPair(change, 'ClusterRole', free('ClusterRole', undefined, clusterRoleName(subject)), undefined, cluster.rules, 'ClusterRoleBinding');
  const shared = cluster ? undefined : sharedRuleSet(namespaced);
  if (shared) {
    const name = free('ClusterRole', undefined, sharedRoleName(subject));
    change.roles.push({ kind: 'ClusterRole', name, rules: shared.rules });
    for (const ns of shared.namespaces) {
      const bindingName = free('Role', ns, generatedName(subjectStem(subject, ns), 'namespaced-access'), true);
      change.bindings.push({ kind: 'RoleBinding', name: bindingName, namespace: ns, roleRef: { kind: 'ClusterRole', name } });
    }
    change.notes.push(`The same rules are needed in ${shared.namespaces.length} namespaces: one ClusterRole, bound by a RoleBinding in each of them (it grants nothing elsewhere).`);
  }
  for (const bucket of namespaced) {
    if (shared?.namespaces.includes(bucket.namespace)) continue;
    addPair(change, 'Role', free('Role', bucket.namespace, namespaceRoleName(subject, bucket.namespace)), bucket.namespace, bucket.rules, 'RoleBinding');
  }
  return change;
}

/** One denial: exactly the Role and binding a single pasted 403 gets. */
function singleGrant(free: (kind: 'Role' | 'ClusterRole', namespace: string | undefined, base: string) => string, change: SubjectChange, plan: GrantPlan): SubjectChange {
  const kind = plan.scope === 'cluster' ? 'ClusterRole' : 'Role';
  const namespace = plan.scope === 'cluster' ? undefined : plan.namespace;
  addPair(change, kind, free(kind, namespace, grantName(plan)), namespace, plan.rules, `${kind}Binding`);
  change.single = plan;
  change.notes.push(...plan.notes);
  return change;
}

function addPair(change: SubjectChange, kind: NewRole['kind'], name: string, namespace: string | undefined, rules: PolicyRule[], bindingKind: NewBinding['kind']): void {
  change.roles.push({ kind, name, namespace, rules });
  change.bindings.push({ kind: bindingKind, name, namespace, roleRef: { kind, name } });
}

/** The rule set needed identically in the most namespaces (at least two), if any; first seen wins ties. */
function sharedRuleSet(buckets: { namespace: string; rules: PolicyRule[] }[]): { rules: PolicyRule[]; namespaces: string[] } | undefined {
  const groups = new Map<string, { rules: PolicyRule[]; namespaces: string[] }>();
  for (const bucket of buckets) {
    const key = rulesKey(bucket.rules);
    const group = groups.get(key) ?? { rules: bucket.rules, namespaces: [] };
    group.namespaces.push(bucket.namespace);
    groups.set(key, group);
  }
  let best: { rules: PolicyRule[]; namespaces: string[] } | undefined;
  for (const group of groups.values()) if (group.namespaces.length >= 2 && (!best || group.namespaces.length > best.namespaces.length)) best = group;
  return best;
}
