import { aggregateClusterRoles, selectorMatches } from './aggregation';
import { ruleAllows } from './rule-matches';
import { serviceAccountUser } from './subjects';
import type { AccessRequest, Policy, PolicyRule, RbacBinding, RbacRole, RoleRef, Subject, UserInfo } from './types';

/** A rule that could not be read (values not known), at its line; `file` when it is another role's. */
export type Unread = { line?: number; why: string; rule?: PolicyRule; file?: string };
import type { UndecidedMark } from './undecided';

/** Identity of an RBAC object: kind, namespace (only for the namespaced kinds) and name. */
function key(kind: string, namespace: string | undefined, name: string): string {
  const namespaced = kind === 'Role' || kind === 'RoleBinding';
  return `${kind}/${namespaced ? (namespace ?? '') : ''}/${name}`;
}

const identity = (o: RbacRole | RbacBinding) => key(o.kind, o.namespace, o.name);

/**
 * Policies in order of precedence (workspace, cluster, defaults): an object replaces those of the same
 * kind, namespace and name in the policies after it, and comes first.
 */
export function mergePolicies(...policies: Policy[]): Policy {
  const firstOf = <T extends RbacRole | RbacBinding>(lists: T[][]): T[] => {
    const seen = new Set<string>();
    return lists.flat().filter((o) => !seen.has(identity(o)) && Boolean(seen.add(identity(o))));
  };
  const partial = policies.filter((p) => p.partial && (p.partial.roles.length > 0 || p.partial.bindings.length > 0));
  return {
    roles: firstOf(policies.map((p) => p.roles)),
    bindings: firstOf(policies.map((p) => p.bindings)),
    ...(partial.length > 0 ? { partial: { roles: partial.flatMap((p) => p.partial!.roles), bindings: partial.flatMap((p) => p.partial!.bindings) } } : {}),
  };
}

/** What a binding's roleRef resolves to: the role, or the error the authorizer reports (`RBAC: …`). */
export type RoleResolution = { role: RbacRole; error?: undefined } | { role?: undefined; error: string };

/** A policy indexed for evaluation: roles by identity with aggregated rules, bindings by namespace. */
export class PolicyIndex {
  private readonly roles = new Map<string, RbacRole>();
  private readonly effective: Map<RbacRole, PolicyRule[]>;
  readonly clusterRoleBindings: RbacBinding[];
  private readonly roleBindings = new Map<string, RbacBinding[]>();
  private rolesByName: Map<string, RbacRole[]> | undefined;
  private namesByNamespace: Map<string, string[]> | undefined;
  private relatedBindings: { byRoleRef: Map<string, RbacBinding[]>; byGroup: Map<string, RbacBinding[]> } | undefined;
  private undecidedRules: WeakMap<PolicyRule, UndecidedMark> | undefined;
  private bySubject: { clusterWide: Map<string, RbacBinding[]>; inNamespace: Map<string, RbacBinding[]>; anyNamespace: Map<string, RbacBinding[]>; order: Map<RbacBinding, number> } | undefined;

  constructor(readonly policy: Policy) {
    // The first definition wins, as mergeWithBuiltins puts workspace objects first.
    for (const role of policy.roles) {
      const k = identity(role);
      if (!this.roles.has(k)) this.roles.set(k, role);
    }
    const partialClusterRoles = (policy.partial?.roles ?? []).filter((r) => r.kind === 'ClusterRole');
    this.effective = aggregateClusterRoles([...[...this.roles.values()].filter((r) => r.kind === 'ClusterRole'), ...partialClusterRoles], (rule) => this.undecidedRule(rule) !== undefined, {
      labelsUnknown: (role) => !!role.undecided?.labels || !!role.unknownParts?.labels,
      partial: (role) => !!role.unknownParts,
      might: (rule, source) => this.mightCopy(rule, source),
    });
    this.clusterRoleBindings = policy.bindings.filter((b) => b.kind === 'ClusterRoleBinding');
    for (const binding of policy.bindings) {
      if (binding.kind !== 'RoleBinding') continue;
      const ns = binding.namespace ?? '';
      const list = this.roleBindings.get(ns);
      if (list) list.push(binding);
      else this.roleBindings.set(ns, [binding]);
    }
  }

  /**
   * The ClusterRoleBindings that may apply to a user (a subject names the user, a group of theirs or
   * the ServiceAccount they are), in policy order: callers still match each subject exactly, but no
   * longer visit every binding of a large workspace for every question.
   */
  clusterRoleBindingsFor(user: UserInfo): RbacBinding[] {
    return this.candidates(this.subjects().clusterWide, userKeys(user));
  }

  /** The RoleBindings of a namespace that may apply to a user, in policy order. */
  roleBindingsFor(user: UserInfo, namespace: string): RbacBinding[] {
    return this.candidates(this.subjects().inNamespace, userKeys(user).map((k) => `${namespace}\u0000${k}`));
  }

  /** The RoleBindings of every namespace that may apply to a user, in policy order. */
  allRoleBindingsFor(user: UserInfo): RbacBinding[] {
    return this.candidates(this.subjects().anyNamespace, userKeys(user));
  }

  private candidates(map: Map<string, RbacBinding[]>, keys: string[]): RbacBinding[] {
    const found = new Set<RbacBinding>();
    for (const k of keys) for (const binding of map.get(k) ?? []) found.add(binding);
    const order = this.subjects().order;
    return [...found].sort((a, b) => order.get(a)! - order.get(b)!);
  }

  private subjects(): NonNullable<PolicyIndex['bySubject']> {
    if (this.bySubject) return this.bySubject;
    const built = { clusterWide: new Map<string, RbacBinding[]>(), inNamespace: new Map<string, RbacBinding[]>(), anyNamespace: new Map<string, RbacBinding[]>(), order: new Map<RbacBinding, number>() };
    const add = (map: Map<string, RbacBinding[]>, k: string, binding: RbacBinding) => {
      const list = map.get(k);
      if (!list) map.set(k, [binding]);
      else if (list[list.length - 1] !== binding) list.push(binding);
    };
    this.clusterRoleBindings.forEach((binding, position) => {
      built.order.set(binding, position);
      for (const subject of binding.subjects) {
        const k = subjectKey(subject, undefined);
        if (k) add(built.clusterWide, k, binding);
      }
    });
    this.allRoleBindings().forEach((binding, position) => {
      built.order.set(binding, position);
      for (const subject of binding.subjects) {
        const k = subjectKey(subject, binding.namespace);
        if (!k) continue;
        add(built.inNamespace, `${binding.namespace ?? ''}\u0000${k}`, binding);
        add(built.anyNamespace, k, binding);
      }
    });
    this.bySubject = built;
    return built;
  }

  /** The bindings that refer to a role (a Role: from RoleBindings of its namespace), in policy order. */
  bindingsOfRole(role: RbacRole): RbacBinding[] {
    const referring = this.related().byRoleRef.get(`${role.kind}/${role.name}`) ?? [];
    return role.kind === 'ClusterRole' ? referring : referring.filter((b) => b.kind === 'RoleBinding' && b.namespace === role.namespace);
  }

  /** The bindings with a Group subject of that name, in policy order. */
  bindingsOfGroup(group: string): RbacBinding[] {
    return this.related().byGroup.get(group) ?? [];
  }

  private related(): { byRoleRef: Map<string, RbacBinding[]>; byGroup: Map<string, RbacBinding[]> } {
    if (this.relatedBindings) return this.relatedBindings;
    const built = { byRoleRef: new Map<string, RbacBinding[]>(), byGroup: new Map<string, RbacBinding[]>() };
    for (const binding of this.policy.bindings) {
      push(built.byRoleRef, `${binding.roleRef.kind}/${binding.roleRef.name}`, binding);
      for (const group of new Set(binding.subjects.filter((s) => s.kind === 'Group').map((s) => s.name))) push(built.byGroup, group, binding);
    }
    this.relatedBindings = built;
    return built;
  }

  /** Roles of a kind and name in any namespace (a ClusterRole has one at most). */
  rolesNamed(kind: 'Role' | 'ClusterRole', name: string): RbacRole[] {
    return this.byName().get(`${kind}/${name}`) ?? [];
  }

  /** The names of the roles of a kind in a namespace (every ClusterRole's when the kind is ClusterRole). */
  roleNamesIn(kind: 'Role' | 'ClusterRole', namespace: string | undefined): string[] {
    if (!this.namesByNamespace) {
      this.namesByNamespace = new Map();
      for (const role of this.roles.values()) {
        const k = `${role.kind}/${role.kind === 'Role' ? role.namespace ?? '' : ''}`;
        const list = this.namesByNamespace.get(k);
        if (list) list.push(role.name);
        else this.namesByNamespace.set(k, [role.name]);
      }
    }
    return this.namesByNamespace.get(`${kind}/${kind === 'Role' ? namespace ?? '' : ''}`) ?? [];
  }

  private byName(): Map<string, RbacRole[]> {
    if (!this.rolesByName) {
      this.rolesByName = new Map();
      for (const role of this.roles.values()) {
        const k = `${role.kind}/${role.name}`;
        const list = this.rolesByName.get(k);
        if (list) list.push(role);
        else this.rolesByName.set(k, [role]);
      }
    }
    return this.rolesByName;
  }

  roleBindingsIn(namespace: string): RbacBinding[] {
    return this.roleBindings.get(namespace) ?? [];
  }

  allRoleBindings(): RbacBinding[] {
    return [...this.roleBindings.values()].flat();
  }

  /** The role a binding refers to: a Role in the binding's namespace, or a ClusterRole by name. */
  resolve(roleRef: RoleRef, bindingNamespace: string | undefined): RbacRole | undefined {
    if (roleRef.kind === 'Role') return bindingNamespace ? this.roles.get(key('Role', bindingNamespace, roleRef.name)) : undefined;
    if (roleRef.kind === 'ClusterRole') return this.roles.get(key('ClusterRole', undefined, roleRef.name));
    return undefined;
  }

  /**
   * As GetRoleReferenceRules: a `Role` in the binding's namespace (a ClusterRoleBinding has none, so
   * it is never found), a `ClusterRole` by name, any other kind unsupported. roleRef.apiGroup is not read.
   */
  resolveRef(roleRef: RoleRef, bindingNamespace: string | undefined): RoleResolution {
    if (roleRef.kind !== 'Role' && roleRef.kind !== 'ClusterRole') return { error: `unsupported role reference kind: "${roleRef.kind}"` };
    const role = this.resolve(roleRef, bindingNamespace);
    if (role) return { role };
    return { error: `${roleRef.kind === 'Role' ? 'role' : 'clusterrole'}.rbac.authorization.k8s.io "${roleRef.name}" not found` };
  }

  getRole(kind: 'Role' | 'ClusterRole', name: string, namespace?: string): RbacRole | undefined {
    return this.roles.get(key(kind, namespace, name));
  }

  /** A role's rules as the authorizer sees them (aggregated ClusterRoles included). */
  rulesOf(role: RbacRole): PolicyRule[] {
    return this.effective.get(role) ?? role.rules;
  }

  allRoles(): RbacRole[] {
    return [...this.roles.values()];
  }

  /** Roles charts render whose name, namespace or labels could not be read: never resolved by name (see partial-grants.ts). */
  partialRoles(): RbacRole[] {
    return this.policy.partial?.roles ?? [];
  }

  /** Bindings charts render whose name, namespace, roleRef or subjects could not be read (see partial-grants.ts). */
  partialBindings(): RbacBinding[] {
    return this.policy.partial?.bindings ?? [];
  }

  /** Every role of a kind a binding in `namespace` could refer to (Roles of that namespace; every ClusterRole). */
  rolesOfKind(kind: 'Role' | 'ClusterRole', namespace: string | undefined): RbacRole[] {
    if (kind === 'Role' && !namespace) return [];
    return this.roleNamesIn(kind, namespace).map((name) => this.getRole(kind, name, kind === 'Role' ? namespace : undefined)!);
  }

  private unreadSubjects: RbacBinding[] | undefined;

  /** Bindings some of whose subjects could not be read (values not known), in policy order. */
  bindingsWithUnreadSubjects(): RbacBinding[] {
    return (this.unreadSubjects ??= this.policy.bindings.filter((b) => b.undecided?.unread?.length));
  }

  private readonly unreadMemo = new Map<RbacRole, Unread[]>();

  /**
   * Rules of a role that could not be read (values not known), with those of every ClusterRole an
   * aggregationRule pulls in (or might: labels not known), transitively: the role might grant what they allow.
   */
  unreadOf(role: RbacRole): Unread[] {
    const own = role.undecided?.unread ?? [];
    if (!role.aggregationRule) return own;
    let found = this.unreadMemo.get(role);
    if (found) return found;
    found = [...own];
    const sources = [...this.roles.values(), ...this.partialRoles()].filter((r) => r.kind === 'ClusterRole');
    const seen = new Set<RbacRole>([role]);
    const queue = [role];
    while (queue.length > 0) {
      const aggregator = queue.shift()!;
      for (const source of sources) {
        if (seen.has(source)) continue;
        const selected = aggregator.aggregationRule!.clusterRoleSelectors.some((s) => selectorMatches(s, source.labels ?? {})) || !!source.undecided?.labels || !!source.unknownParts?.labels;
        if (!selected) continue;
        seen.add(source);
        for (const entry of source.undecided?.unread ?? []) found.push({ ...entry, why: `ClusterRole ${source.name}, aggregated into it, has rules that could not be read: ${entry.why}`, file: source.origin.file });
        if (source.aggregationRule) queue.push(source);
      }
    }
    this.unreadMemo.set(role, found);
    return found;
  }

  /** The first rule of a role (aggregated ones included) that could not be read and might allow the request. */
  unreadRuleFor(role: RbacRole, request: AccessRequest): Unread | undefined {
    return this.unreadOf(role).find((entry) => !entry.rule || ruleAllows(entry.rule, request));
  }

  private readonly copies = new WeakMap<RbacRole, WeakMap<PolicyRule, PolicyRule>>();
  private readonly copyMarks = new WeakMap<PolicyRule, UndecidedMark>();

  /**
   * The copy of a rule that an aggregating ClusterRole takes from a source it only might select (labels
   * not known) or that might not exist as read (a chart object read in part): undecided, at the source.
   */
  private mightCopy(rule: PolicyRule, source: RbacRole): PolicyRule {
    let bySource = this.copies.get(source);
    if (!bySource) this.copies.set(source, (bySource = new WeakMap()));
    let copy = bySource.get(rule);
    if (!copy) {
      copy = { ...rule };
      bySource.set(rule, copy);
      const why = source.unknownParts
        ? `ClusterRole ${source.name} could not be read (${source.unknownParts.why}); its rules might be aggregated`
        : `ClusterRole ${source.name} has labels that could not be read (${source.undecided!.labels}); an aggregationRule might select it`;
      this.copyMarks.set(copy, this.undecidedRule(rule) ?? { why, file: source.origin.file, line: source.origin.line });
    }
    return copy;
  }

  /**
   * Why a rule may not render (undefined: it is known), named at its own role and line. Rules keep their
   * identity through aggregation, so a rule an aggregated ClusterRole takes from an undecided one stays undecided.
   */
  undecidedRule(rule: PolicyRule): UndecidedMark | undefined {
    if (!this.undecidedRules) {
      this.undecidedRules = new WeakMap();
      for (const role of this.roles.values()) {
        const { undecided } = role;
        if (!undecided) continue;
        const items = new Map(undecided.items?.map((item) => [item.index, item.why]));
        role.rules.forEach((r, i) => {
          const why = undecided.object ?? items.get(i);
          if (why === undefined || this.undecidedRules!.has(r)) return;
          const line = undecided.object ? role.origin.line : role.origin.ruleLines?.[i] ?? role.origin.line;
          this.undecidedRules!.set(r, { why: `rule ${i + 1} of ${role.kind} ${role.name} ${why}`, file: role.origin.file, line });
        });
      }
    }
    return this.undecidedRules.get(rule) ?? this.copyMarks.get(rule);
  }
}

/** The user name (U) or group (G) a subject stands for; undefined when it can match nobody (subjectMatches). */
function subjectKey(subject: Subject, bindingNamespace: string | undefined): string | undefined {
  if (subject.kind === 'User') return `U\u0000${subject.name}`;
  if (subject.kind === 'Group') return `G\u0000${subject.name}`;
  if (subject.kind !== 'ServiceAccount') return undefined;
  const namespace = subject.namespace || bindingNamespace;
  return namespace ? `U\u0000${serviceAccountUser(namespace, subject.name)}` : undefined;
}

function userKeys(user: UserInfo): string[] {
  return [`U\u0000${user.name}`, ...user.groups.map((g) => `G\u0000${g}`)];
}

function push<V>(map: Map<string, V[]>, k: string, value: V): void {
  const list = map.get(k);
  if (list) list.push(value);
  else map.set(k, [value]);
}

const indexes = new WeakMap<Policy, PolicyIndex>();

/** The index of a policy, built once per policy object. */
export function indexOf(policy: Policy): PolicyIndex {
  let index = indexes.get(policy);
  if (!index) {
    index = new PolicyIndex(policy);
    indexes.set(policy, index);
  }
  return index;
}
