import type { PolicyIndex } from './policy-index';
import { ruleAllows } from './rule-matches';
import { subjectMatches } from './subjects';
import type { AccessRequest, PolicyRule, RbacBinding, RbacRole, Subject, UserInfo } from './types';
import type { UndecidedMark } from './undecided';

/**
 * Roles and bindings a chart renders whose name, namespace, roleRef or subjects could not be read
 * (`Policy.partial`). They exist in some form, so a request their known parts could grant is "might",
 * never "no"; a request their known parts cannot grant stays a plain no. A roleRef that resolves to a
 * role of the workspace (or the defaults) refers to that role; one that resolves to none might refer
 * to a role whose name is not known.
 */

/** A grant that holds only if a partial object renders as its known parts allow. */
export interface PartialGrant {
  binding: RbacBinding;
  role: RbacRole;
  /** Undefined (ruleIndex -1) when only rules that could not be read might allow the request. */
  rule?: PolicyRule;
  ruleIndex: number;
  mark: UndecidedMark;
  /** The binding's subjects that might be the requester (resolved: a ServiceAccount has its namespace); `anyone` when they are not all known. */
  subjects: Subject[];
  anyone: boolean;
}

const describe = (o: RbacRole | RbacBinding) => `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;

/** The namespace a partial binding applies in for a request in `namespace` (undefined: cluster-wide), or null when it cannot apply there. */
function scopeOf(binding: RbacBinding, namespace: string | undefined): string | undefined | null {
  if (binding.kind === 'ClusterRoleBinding') return undefined;
  if (!namespace) return null;
  if (binding.unknownParts?.namespace || binding.namespace === namespace) return namespace;
  return null;
}

/** Partial roles a roleRef might name (a roleRef whose name is not known might name any of them). */
function partialRolesFor(index: PolicyIndex, binding: RbacBinding, kind: string, bindingNamespace: string | undefined): RbacRole[] {
  const anyName = !!binding.unknownParts?.roleRefName;
  return index.partialRoles().filter((role) =>
    role.kind === kind && (anyName || role.unknownParts?.name || role.name === binding.roleRef.name)
    && (kind === 'ClusterRole' || role.unknownParts?.namespace || role.namespace === bindingNamespace));
}

/**
 * The roles a binding's roleRef might resolve to, in namespace `bindingNamespace`: for a roleRef fully
 * known, the role it names when that exists, else the partial roles that might carry its name; for a
 * roleRef whose kind or name is not known, every role it could name.
 */
export function rolesMightBeReferred(index: PolicyIndex, binding: RbacBinding, bindingNamespace: string | undefined): RbacRole[] {
  const parts = binding.unknownParts;
  const kinds = parts?.roleRefKind ? (['Role', 'ClusterRole'] as const) : [binding.roleRef.kind];
  const out: RbacRole[] = [];
  for (const kind of kinds) {
    if (kind !== 'Role' && kind !== 'ClusterRole') continue;
    if (kind === 'Role' && !bindingNamespace) continue;
    if (parts?.roleRefName) out.push(...index.rolesOfKind(kind, bindingNamespace));
    else {
      const known = index.resolve({ apiGroup: binding.roleRef.apiGroup, kind, name: binding.roleRef.name }, bindingNamespace);
      if (known) {
        out.push(known);
        continue;
      }
    }
    out.push(...partialRolesFor(index, binding, kind, bindingNamespace));
  }
  return out;
}

/** The first rule of the first of these roles that would allow the request (ruleIndex -1: only rules that could not be read might). */
function grantingRule(index: PolicyIndex, roles: RbacRole[], request: AccessRequest): { role: RbacRole; rule?: PolicyRule; ruleIndex: number } | undefined {
  let unread: RbacRole | undefined;
  for (const role of roles) {
    const rules = index.rulesOf(role);
    const ruleIndex = rules.findIndex((rule) => ruleAllows(rule, request));
    if (ruleIndex !== -1) return { role, rule: rules[ruleIndex], ruleIndex };
    if (!unread && index.unreadRuleFor(role, request)) unread = role;
  }
  return unread ? { role: unread, ruleIndex: -1 } : undefined;
}

/** Why a partial binding or a role reached through it only might grant, placed at the part not known. */
export function partialMark(binding: RbacBinding, role: RbacRole): UndecidedMark {
  if (binding.unknownParts) {
    const any = binding.unknownParts.roleRefName ? `; it might bind any ${binding.unknownParts.roleRefKind ? 'role' : binding.roleRef.kind}` : '';
    return { why: `${describe(binding)} could not be read (${binding.unknownParts.why})${any}`, file: binding.origin.file, line: binding.origin.line };
  }
  return {
    why: `${describe(binding)} refers to ${binding.roleRef.kind} ${binding.roleRef.name}, which is not found; ${describe(role)} could not be read (${role.unknownParts!.why}) and might be it`,
    file: role.origin.file, line: role.origin.line,
  };
}

/** A known binding whose roleRef resolves to no role: a partial role that might be the one it names, if it would allow the request. */
export function unresolvedRefGrant(index: PolicyIndex, binding: RbacBinding, bindingNamespace: string | undefined, request: AccessRequest): { role: RbacRole; rule?: PolicyRule; ruleIndex: number; mark: UndecidedMark } | undefined {
  if (index.partialRoles().length === 0 || (binding.roleRef.kind !== 'Role' && binding.roleRef.kind !== 'ClusterRole')) return undefined;
  const found = grantingRule(index, partialRolesFor(index, binding, binding.roleRef.kind, bindingNamespace), request);
  return found && { ...found, mark: partialMark(binding, found.role) };
}

/**
 * Partial bindings that might allow the request: those that may apply in its namespace, whose known
 * subjects match the user (any user, when `user` is undefined and for subjects not known), and whose
 * roleRef might name a role that would allow it.
 */
export function partialBindingGrants(index: PolicyIndex, request: AccessRequest, namespace: string | undefined, user?: UserInfo): PartialGrant[] {
  const out: PartialGrant[] = [];
  for (const binding of index.partialBindings()) {
    const scope = scopeOf(binding, namespace);
    if (scope === null) continue;
    const subjects = binding.subjects
      .map((s) => (s.kind === 'ServiceAccount' && !s.namespace && scope ? { ...s, namespace: scope } : s))
      .filter((s) => ['User', 'Group', 'ServiceAccount'].includes(s.kind) && (s.kind !== 'ServiceAccount' || !!s.namespace))
      .filter((s) => !user || subjectMatches(s, scope, user));
    const anyone = !!binding.unknownParts?.subjects;
    if (subjects.length === 0 && !anyone) continue;
    const found = grantingRule(index, rolesMightBeReferred(index, binding, scope), request);
    if (found) out.push({ binding, ...found, mark: partialMark(binding, found.role), subjects, anyone });
  }
  return out;
}

/**
 * For a user's permission tables: the rules partial objects might give them, in namespace `namespace`
 * (undefined: cluster-wide only). A roleRef whose name is not known might name any role: one rule
 * standing for everything, as cluster-admin's.
 */
export function partialRulesFor(index: PolicyIndex, user: UserInfo, namespace: string | undefined): { binding: RbacBinding; role: RbacRole; rule: PolicyRule; ruleIndex: number; clusterWide: boolean; mark: UndecidedMark }[] {
  const out: ReturnType<typeof partialRulesFor> = [];
  const add = (binding: RbacBinding, roles: RbacRole[], clusterWide: boolean) => {
    for (const role of roles) index.rulesOf(role).forEach((rule, ruleIndex) => out.push({ binding, role, rule, ruleIndex, clusterWide, mark: partialMark(binding, role) }));
  };
  for (const binding of index.partialBindings()) {
    const scope = scopeOf(binding, namespace);
    if (scope === null) continue;
    if (!binding.unknownParts?.subjects && !binding.subjects.some((s) => subjectMatches(s, scope, user))) continue;
    const clusterWide = binding.kind === 'ClusterRoleBinding';
    if (binding.unknownParts?.roleRefName) {
      const any: RbacRole = { kind: binding.unknownParts.roleRefKind || binding.roleRef.kind !== 'Role' ? 'ClusterRole' : 'Role', name: binding.roleRef.name, labels: {}, rules: ANYTHING, origin: binding.origin };
      add(binding, [any], clusterWide);
    } else add(binding, rolesMightBeReferred(index, binding, scope), clusterWide);
  }
  return out;
}

/** What a role not known might hold: everything (cluster-admin's rules). */
const ANYTHING: PolicyRule[] = [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['*'], nonResourceURLs: ['*'] }];

/** The partial bindings whose roleRef might name this (known) role: editing it might grant their subjects too. */
export function partialBindingsReaching(index: PolicyIndex, role: RbacRole): RbacBinding[] {
  return index.partialBindings().filter((binding) => {
    const parts = binding.unknownParts;
    if (!parts?.roleRefKind && binding.roleRef.kind !== role.kind) return false;
    if (!parts?.roleRefName && binding.roleRef.name !== role.name) return false;
    if (role.kind === 'ClusterRole') return true;
    return binding.kind === 'RoleBinding' && (!!parts?.namespace || binding.namespace === role.namespace);
  });
}
