import type { CheckContext } from '../checks/check';
import { lookupOf } from '../model/object-lookup';
import type { RoleObject } from '../model/types';
import type { TextEdit } from '../edits/types';
import { markPlace } from '../rbac/undecided';
import { canI } from '../rbac/authorize';
import { indexOf, type PolicyIndex } from '../rbac/policy-index';
import { defaultRoleReason } from '../rbac/default-roles';
import { ruleAllows } from '../rbac/rule-matches';
import { identityOf, subjectMatches } from '../rbac/subjects';
import type { AccessRequest, RbacBinding, RbacRole } from '../rbac/types';
import type { DenialFacts } from './denial';
import { editRoleToGrant } from './edit-existing-role';
import { repairNearMiss, type NearMissRepair } from './repair-near-miss';
import { escalationFixes } from './escalation-fixes';
import { planGrant, refusal, verifyCommand, type GrantOptions, type GrantPlan } from './grant-plan';
import { bindingName, grantName, renderBinding, renderGrant } from './render-grant';
import { describeReach, editReach, reachesOnlySubject } from './edit-reach';
import { freeName } from './free-names';
import { validateDenial, type Refusal } from './validate-denial';
import { accessFileOf } from './access-file';
import { printable } from '../emit/yaml-scalar';
import { qualifiedResource } from '../rbac/resource-name';

export interface FixOptions extends GrantOptions {
  /** The namespace for a denial whose message does not say where it happened. */
  namespace?: string;
}

export interface FixSuggestion {
  title: string;
  kind: 'edit' | 'new';
  detail?: string;
  yaml?: string;
  edits?: TextEdit[];
  /** Where the new YAML would best be saved: beside a role bound to the subject (else its binding or ServiceAccount). */
  suggestedPath?: string;
  /** `<subject>-access.yaml`: the new YAML's file name. */
  fileName?: string;
  /** The recommended change for its denial: the first one listed, and the one the CLI prints. */
  recommended?: boolean;
  /** An edit that grants someone besides the denied subject (or the subject beyond the denied scope): who, in words. */
  widens?: string[];
  /** `kubectl auth can-i … --as …`: the command that proves the change lets the denied request through. */
  verify?: string;
}

/** The request the API server denied, as authorization attributes. */
export function requestOf(denial: DenialFacts): AccessRequest | undefined {
  if (!denial.verb) return undefined;
  if (denial.nonResourceURL) return { kind: 'non-resource', verb: denial.verb, path: denial.nonResourceURL };
  if (denial.resource === null || denial.apiGroup === null) return undefined;
  return {
    kind: 'resource', verb: denial.verb, apiGroup: denial.apiGroup, resource: denial.resource,
    subresource: denial.subresource ?? undefined, name: denial.resourceName ?? undefined,
    namespace: denial.scope === 'cluster' ? undefined : denial.namespace ?? undefined,
  };
}

/**
 * Least-privilege fixes, the exact grant first: (a) edit a role that reaches exactly the denied subject
 * (every binding to it, and to every role it is aggregated into, names that subject alone, in the denied
 * scope), else (b) a new Role and binding for the subject alone; then (c) bind a role that already grants
 * it, (d) bind a built-in view/edit/admin, and last (e) an edit of a role others hold too, its title
 * naming who else gains. Default roles are never edited.
 */
export function suggestFixes(context: CheckContext, pasted: DenialFacts, options: FixOptions = {}): FixSuggestion[] {
  const checked = validateDenial(pasted, { namespace: options.namespace, isNamespaced: (g, r) => context.catalog.isNamespaced(g, r) });
  if ('refusal' in checked) return [];
  const denial = checked.denial;
  if (denial.kind === 'rbac-escalation') {
    const fixes = escalationFixes(denial, indexOf(context.policy));
    if (fixes.length) fixes[0].recommended = true;
    return fixes;
  }
  if (refusal(denial)) return [];
  const plan = planGrant(denial, { ...options, isNamespaced: (g, r) => context.catalog.isNamespaced(g, r) });
  const request = requestOf(denial);
  if (!plan || !request) return [];
  const removed = denial.apiGroup !== null && denial.resource ? context.catalog.removedFrom(denial.apiGroup, denial.resource) : undefined;
  if (removed) plan.notes.push(`${removed.group}/${removed.resource} was removed in Kubernetes ${removed.removedIn}${removed.movedTo ? `; current clients request it from ${removed.movedTo}` : ''}.`);
  const index = indexOf(context.policy);
  const user = identityOf(plan.asUser, denial.subject?.groups ?? []);
  const already = canI(index, user, request);
  // A rule that might grant it (a chart branch not decided) is never "already granted": said, not counted.
  for (const { mark } of already.undecided) plan.notes.push(`Not counted as granted: ${mark.why}${mark.file ? ` (${markPlace(mark)})` : ''}; it would allow this only if it renders.`);
  if (already.allowed && already.decidedBy) {
    const { binding, role } = already.decidedBy;
    const where = binding.origin.source === 'workspace' || role.origin.source === 'workspace'
      ? 'in these manifests: apply them to the cluster'
      : `in cluster ${binding.origin.cluster ?? role.origin.cluster ?? ''} now: retry the request (the grant may be newer than the error)`;
    return [{ title: `Already granted by ${binding.kind} ${binding.name} → ${role.kind} ${role.name} ${where}`, kind: 'edit', edits: [], recommended: true }];
  }
  const edits = editBoundRoles(context, index, plan, user);
  const exact = edits.find((e) => !e.widens);
  const widening = exact ? undefined : edits.find((e) => e.widens);
  // Least privilege first: the exact grant (an edit that reaches the subject alone, or new objects), then
  // existing roles to bind, then an edit that widens others' access, said as such.
  const out: FixSuggestion[] = [...(exact ? [exact] : []), newGrant(context, index, plan), ...bindExistingRoles(context, index, plan, request)];
  if (widening) out.push(widening);
  out[0].recommended = true;
  return out;
}

/** Why an RBAC denial gets no generated YAML (a field Kubernetes would not accept, a wildcard, no scope). */
export function refusalOf(context: CheckContext, denial: DenialFacts, options: FixOptions = {}): Refusal | undefined {
  if (!denial.rbac) return undefined;
  const checked = validateDenial(denial, { namespace: options.namespace, isNamespaced: (g, r) => context.catalog.isNamespaced(g, r) });
  return 'refusal' in checked ? checked.refusal : undefined;
}

function boundBindings(index: PolicyIndex, plan: GrantPlan, user: ReturnType<typeof identityOf>): RbacBinding[] {
  const crbs = index.clusterRoleBindingsFor(user).filter((b) => b.subjects.some((s) => subjectMatches(s, undefined, user)));
  const rbs = plan.namespace ? index.roleBindingsFor(user, plan.namespace).filter((b) => b.subjects.some((s) => subjectMatches(s, plan.namespace, user))) : [];
  return plan.scope === 'cluster' ? crbs : [...rbs, ...crbs];
}

/**
 * Edits of workspace roles bound to the subject, one per role, each with who else it reaches: an edit
 * whose `widens` is undefined grants the subject alone, in the denied scope. Default roles are skipped.
 */
function editBoundRoles(context: CheckContext, index: PolicyIndex, plan: GrantPlan, user: ReturnType<typeof identityOf>): FixSuggestion[] {
  const out: FixSuggestion[] = [];
  const indexes = reachIndexes(context, index);
  for (const binding of boundBindings(index, plan, user)) {
    const role = index.resolve(binding.roleRef, binding.namespace);
    if (!role || role.origin.source !== 'workspace' || role.aggregationRule || defaultRoleReason(role)) continue;
    const object = lookupOf(context.index).objects(role.kind, role.kind === 'Role' ? role.namespace : undefined, role.name)[0] as RoleObject | undefined;
    if (!object) continue;
    const reach = editReach(indexes, role, plan.asUser, plan.scope === 'cluster' ? undefined : plan.namespace);
    const exact = reachesOnlySubject(reach);
    if (!exact && out.some((e) => e.widens)) continue;
    const widens = exact ? undefined : [...reach.others, ...reach.wider.map((w) => `${printable(plan.subject.name)} in ${w}`)];
    const via = `bound to ${printable(plan.subject.name)} by ${binding.kind} ${binding.name}`;
    const suffix = exact ? `, already ${via} (no one else holds it)` : ` (${via}): widens access, ${describeReach(reach, printable(plan.subject.name))}`;
    const prefix = exact ? '' : 'Alternative: ';
    const detail = `${exact ? '' : `Every binding to ${role.kind} ${role.name}${reach.aggregatedInto.length ? ` and to the ClusterRoles it is aggregated into (${reach.aggregatedInto.join(', ')})` : ''} gains this. `}Verify: ${verifyCommand(plan)}`;
    const repair = repairNearMiss(context.fileOf(object), object, plan.rules[0], context.catalog);
    const edits = repair ? repair.edits : editRoleToGrant(context.fileOf(object), object, plan.rules[0]);
    if (!edits || edits.length === 0) continue;
    const what = repair ? `${describeRepair(repair)} in` : `Add ${plan.rules[0].verbs.join(', ')} on ${describeTarget(plan)} to`;
    out.push({ title: `${prefix}${exact ? what : lowerFirst(what)} ${role.kind} ${role.name}${suffix}`, detail, kind: 'edit', edits, verify: verifyCommand(plan), ...(widens ? { widens } : {}) });
    if (exact) break;
  }
  return out;
}

/** The policies whose bindings say who an edit reaches: the merged one, and a connected cluster's own. */
function reachIndexes(context: CheckContext, index: PolicyIndex): PolicyIndex[] {
  return context.cluster ? [index, indexOf(context.cluster.policy)] : [index];
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function bindExistingRoles(context: CheckContext, index: PolicyIndex, plan: GrantPlan, request: AccessRequest): FixSuggestion[] {
  const candidates = index.allRoles().filter((role) => {
    if (role.kind === 'Role' && (plan.scope === 'cluster' || role.namespace !== plan.namespace)) return false;
    if (role.origin.source === 'builtin' && !['view', 'edit', 'admin'].includes(role.name)) return false;
    return index.rulesOf(role).some((rule) => ruleAllows(rule, request));
  });
  const ranked = candidates.sort((a, b) => rank(a) - rank(b)).slice(0, 3);
  return ranked.map((role: RbacRole) => {
    const bindingKind = plan.scope === 'cluster' ? 'ClusterRoleBinding' : 'RoleBinding';
    const builtin = role.origin.source === 'builtin';
    const live = role.origin.source === 'cluster' ? ` (live in cluster ${role.origin.cluster}; ${index.rulesOf(role).length} rule${index.rulesOf(role).length === 1 ? '' : 's'}: check it grants nothing you do not want)` : '';
    return {
      title: `${builtin ? 'Alternative: bind' : 'Bind'} the existing ${role.kind} ${role.name}${builtin ? ` (default role; grants much more: ${index.rulesOf(role).length} rules)` : live} with a ${bindingKind}`,
      detail: plan.scope === 'namespace' && role.kind === 'ClusterRole' ? `A RoleBinding limits the ClusterRole to namespace ${plan.namespace}.` : undefined,
      kind: 'new' as const,
      verify: verifyCommand(plan),
      yaml: renderBinding(plan, role.kind, role.name, bindingKind, freeName(index, plan.scope === 'cluster' ? 'ClusterRole' : 'Role', plan.namespace, bindingName(plan, role.name), true)),
      ...newFile(context, plan),
    };
  });
}

/** Workspace roles first, then the cluster's own, then the smallest built-in one. */
function rank(role: RbacRole): number {
  if (role.origin.source === 'workspace') return 0;
  if (role.origin.source === 'cluster') return 0.5;
  return { view: 1, edit: 2, admin: 3 }[role.name] ?? 4;
}

function newGrant(context: CheckContext, index: PolicyIndex, plan: GrantPlan): FixSuggestion {
  const cluster = plan.scope === 'cluster';
  const detail = cluster
    ? 'Cluster-wide. If the subject needs this in a few namespaces only, bind the ClusterRole with a RoleBinding in each of them instead.'
    : `Namespace ${plan.namespace} only.`;
  const name = freeName(index, cluster ? 'ClusterRole' : 'Role', plan.namespace, grantName(plan));
  return {
    title: `New ${cluster ? 'ClusterRole and ClusterRoleBinding' : `Role and RoleBinding in ${plan.namespace}`}: ${plan.rules[0].verbs.join(', ')} on ${describeTarget(plan)}`,
    detail: `${detail} Only ${printable(plan.subject.name)} is bound. Verify: ${verifyCommand(plan)}`,
    kind: 'new',
    verify: verifyCommand(plan),
    yaml: renderGrant(plan, name),
    ...newFile(context, plan),
  };
}

function describeTarget(plan: GrantPlan): string {
  const rule = plan.rules[0];
  if (rule.nonResourceURLs) return rule.nonResourceURLs.join(', ');
  const group = rule.apiGroups?.[0];
  return `${(rule.resources ?? []).map((r) => qualifiedResource(r, group)).join(', ')}${rule.resourceNames ? ` named ${rule.resourceNames.join(', ')}` : ''}`;
}

/** `<subject>-access.yaml`, beside a role bound to the subject when the workspace has one. */
function newFile(context: CheckContext, plan: GrantPlan): { fileName: string; suggestedPath?: string } {
  const file = accessFileOf(context, plan.subject);
  return file.path ? { fileName: file.fileName, suggestedPath: file.path } : { fileName: file.fileName };
}

/** `Change pods/logs to pods/log (the entry never matched) and add list`: what a near-miss repair does. */
function describeRepair(repair: NearMissRepair): string {
  const changes = repair.changes.map((c) => `${printable(c.from) || '""'} to ${printable(c.to) || '""'}`).join(', ');
  const added = repair.addedVerbs.length ? ` and add ${repair.addedVerbs.join(', ')}` : '';
  return `Change ${changes} (the entry never matched)${added}`;
}
