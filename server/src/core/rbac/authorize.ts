import type { PolicyIndex } from './policy-index';
import { partialBindingGrants, unresolvedRefGrant } from './partial-grants';
import { ruleMismatches, type Mismatch } from './rule-matches';
import { subjectMatches } from './subjects';
import type { AccessRequest, PolicyRule, RbacBinding, RbacRole, Subject, UserInfo } from './types';
import { subjectUndecided, undecidedChain, type UndecidedMark } from './undecided';

/** A rule that did not match, with every part that failed. */
export interface RuleMiss {
  rule: PolicyRule;
  ruleIndex: number;
  failed: Mismatch[];
}

/** A binding that applies to the user, with the role it resolves to and how close its rules came. */
export interface ConsideredBinding {
  binding: RbacBinding;
  /** The first subject of the binding that names the user (or a group of theirs). */
  subject: Subject;
  role?: RbacRole;
  /** Why the role could not be resolved (also listed in the decision's resolutionErrors). */
  error?: string;
  /** For each rule of the role, the first part that did not match (undefined: it matched). */
  mismatches: (Mismatch | undefined)[];
  /** The rules that missed by the fewest parts (empty when a rule matched or the role has no rules). */
  closestMisses: RuleMiss[];
  /** A rule matched, but part of its chain may not render: it might grant, and is not counted as granting. */
  undecided?: UndecidedGrant;
}

/**
 * A rule that would grant the request if everything undecided about its chain rendered as read; without
 * `rule` (ruleIndex -1), rules of the role, or subjects of the binding, that could not be read at all.
 */
export interface UndecidedGrant {
  binding: RbacBinding;
  role: RbacRole;
  rule?: PolicyRule;
  ruleIndex: number;
  mark: UndecidedMark;
}

export interface Decision {
  allowed: boolean;
  decidedBy?: { binding: RbacBinding; role: RbacRole; rule: PolicyRule; ruleIndex: number };
  /** Applicable bindings in visiting order, up to the one that allowed (all of them when denied). */
  considered: ConsideredBinding[];
  resolutionErrors: string[];
  /** The namespace the request was evaluated in (undefined: cluster scope). */
  namespace?: string;
  /**
   * Not allowed by what is known, but rules whose rendering could not be decided would allow it: the
   * answer is "unknown", never "yes". Empty when allowed.
   */
  undecided: UndecidedGrant[];
}

/**
 * Kubernetes' RBAC authorizer (VisitRulesFor): ClusterRoleBindings first, then — only when the request
 * has a namespace — the RoleBindings of that namespace. Any matching rule allows; nothing ever denies.
 * A binding whose role cannot be resolved adds a resolution error; the other bindings still count.
 */
export function canI(index: PolicyIndex, user: UserInfo, request: AccessRequest): Decision {
  const namespace = effectiveNamespace(request);
  const decision: Decision = { allowed: false, considered: [], resolutionErrors: [], namespace, undecided: [] };
  const visit = (binding: RbacBinding, bindingNamespace: string | undefined): boolean => {
    const matching = binding.subjects.flatMap((s, i) => (subjectMatches(s, bindingNamespace, user) ? [i] : []));
    if (matching.length === 0) return false;
    // A subject that certainly renders decides; one that may not only makes the binding's grants possible.
    const known = matching.filter((i) => !subjectUndecided(binding, i));
    const subject = binding.subjects[known[0] ?? matching[0]];
    const resolution = index.resolveRef(binding.roleRef, bindingNamespace);
    if (!resolution.role) {
      decision.resolutionErrors.push(resolution.error);
      // A role a chart renders under a name that could not be read might be the one it names.
      const partial = unresolvedRefGrant(index, binding, bindingNamespace, request);
      const undecided = partial && { binding, role: partial.role, ...(partial.rule ? { rule: partial.rule } : {}), ruleIndex: partial.ruleIndex, mark: partial.mark };
      decision.considered.push({ binding, subject, error: resolution.error, mismatches: [], closestMisses: [], ...(undecided ? { undecided } : {}) });
      if (undecided) decision.undecided.push(undecided);
      return false;
    }
    const role = resolution.role;
    const rules = index.rulesOf(role);
    const failures = rules.map((rule) => ruleMismatches(rule, request));
    let ruleIndex = -1;
    let undecided: UndecidedGrant | undefined;
    for (let i = 0; i < rules.length && ruleIndex === -1; i++) {
      if (failures[i].length > 0) continue;
      const mark = undecidedChain(index, binding, known.length > 0, role, rules[i]);
      if (!mark) ruleIndex = i;
      else undecided ??= { binding, role, rule: rules[i], ruleIndex: i, mark };
    }
    if (ruleIndex === -1 && !undecided) undecided = unreadRules(index, binding, role, request);
    const closestMisses = ruleIndex === -1 && !undecided ? closest(rules, failures) : [];
    decision.considered.push({ binding, subject, role, mismatches: failures.map((f) => f[0]), closestMisses, ...(ruleIndex === -1 && undecided ? { undecided } : {}) });
    if (ruleIndex === -1) {
      if (undecided) decision.undecided.push(undecided);
      return false;
    }
    decision.allowed = true;
    decision.undecided = [];
    decision.decidedBy = { binding, role, rule: rules[ruleIndex], ruleIndex };
    return true;
  };
  for (const binding of index.clusterRoleBindingsFor(user)) if (visit(binding, undefined)) return decision;
  if (namespace) for (const binding of index.roleBindingsFor(user, namespace)) if (visit(binding, namespace)) return decision;
  // Bindings whose subjects could not all be read: the user might be one of them.
  const visited = new Set(decision.considered.map((c) => c.binding));
  for (const binding of index.bindingsWithUnreadSubjects()) {
    if (visited.has(binding) || (binding.kind === 'RoleBinding' && binding.namespace !== namespace)) continue;
    const grant = unreadSubjectsGrant(index, binding, request);
    if (grant) decision.undecided.push(grant);
  }
  // Bindings a chart renders whose name, namespace, roleRef or subjects could not be read.
  for (const grant of partialBindingGrants(index, request, namespace, user)) {
    decision.undecided.push({ binding: grant.binding, role: grant.role, ...(grant.rule ? { rule: grant.rule } : {}), ruleIndex: grant.ruleIndex, mark: grant.mark });
  }
  return decision;
}

/** A role with a rule that could not be read might grant what its known parts allow (anything, if none are known). */
function unreadRules(index: PolicyIndex, binding: RbacBinding, role: RbacRole, request: AccessRequest): UndecidedGrant | undefined {
  const first = index.unreadRuleFor(role, request);
  if (!first) return undefined;
  return { binding, role, ruleIndex: -1, mark: { why: `${role.kind} ${role.name} has rules that could not be read (${first.why})`, file: first.file ?? role.origin.file, line: first.line ?? role.origin.line } };
}

/** A binding with subjects that could not be read, whose role would (or might) allow the request. */
export function unreadSubjectsGrant(index: PolicyIndex, binding: RbacBinding, request: AccessRequest): UndecidedGrant | undefined {
  const first = binding.undecided?.unread?.[0];
  const role = index.resolve(binding.roleRef, binding.namespace);
  if (!first || !role) return undefined;
  const rules = index.rulesOf(role);
  const ruleIndex = rules.findIndex((rule) => ruleMismatches(rule, request).length === 0);
  if (ruleIndex === -1 && !index.unreadRuleFor(role, request)) return undefined;
  return { binding, role, ruleIndex, ...(ruleIndex === -1 ? {} : { rule: rules[ruleIndex] }), mark: { why: `${binding.kind} ${binding.name} has subjects that could not be read (${first.why}), who might include this one`, file: binding.origin.file, line: first.line ?? binding.origin.line } };
}

/** `kind` misses count as worse than any combination of failed parts. */
const distance = (failed: Mismatch[]) => (failed.includes('kind') ? 10 : failed.length);

function closest(rules: PolicyRule[], failures: Mismatch[][]): RuleMiss[] {
  if (rules.length === 0) return [];
  const best = Math.min(...failures.map(distance));
  return rules.flatMap((rule, ruleIndex) => (distance(failures[ruleIndex]) === best ? [{ rule, ruleIndex, failed: failures[ruleIndex] }] : []));
}

/**
 * The namespace a request is evaluated in. A request on a named namespace object
 * (`/api/v1/namespaces/NAME[/status|/finalize]`: get, update, patch, delete, …) carries namespace NAME,
 * so a RoleBinding in NAME can allow it; list/watch (name only from a field selector) and create stay
 * cluster-scoped.
 */
export function effectiveNamespace(request: AccessRequest): string | undefined {
  if (request.kind !== 'resource') return undefined;
  if (request.namespace) return request.namespace;
  const namedNamespace = request.resource === 'namespaces' && !!request.name;
  return namedNamespace && !['list', 'watch', 'create'].includes(request.verb) ? request.name : undefined;
}

/**
 * The reason the RBAC authorizer gives with a denial: empty, or `RBAC: ` + the resolution errors
 * (several, de-duplicated, as `[e1, e2]`).
 */
export function rbacReason(resolutionErrors: string[]): string {
  const unique = [...new Set(resolutionErrors)];
  if (unique.length === 0) return '';
  return `RBAC: ${unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`}`;
}
