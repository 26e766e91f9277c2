// Plain RBAC data, independent of where it came from (workspace YAML, built-in defaults, a cluster).

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface Subject {
  kind: string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

export interface RoleRef {
  apiGroup: string;
  kind: string;
  name: string;
}

/** Where an RBAC object comes from; `file`/`line` are set for workspace objects (0-based line). */
export interface Origin {
  source: 'workspace' | 'builtin' | 'cluster';
  file?: string;
  line?: number;
  /** For roles: the line of each rule, in order. */
  ruleLines?: number[];
  /** Read from a live cluster through this kubeconfig context. */
  cluster?: string;
}

/**
 * Parts of an object whose rendering could not be decided (a chart template's branch whose condition
 * is not known): they may or may not exist, so they are never read as granting anything.
 */
export interface Undecided {
  /** The object itself (or its roleRef) may not render as read: why, a clause after its kind and name ("renders only under …"). */
  object?: string;
  /** The rules (roles) or subjects (bindings) that may not render, by index, and why (a clause, as for `object`). */
  items?: { index: number; why: string }[];
  /**
   * Rules (roles) or subjects (bindings) left out because their values are not known (0-based lines): a
   * subject might be anyone; a rule might grant what `rule` (its known parts, `*` for the unknown ones)
   * allows, or anything without it. Nothing is granted from them; answers say "might".
   */
  unread?: { line?: number; why: string; rule?: PolicyRule }[];
  /** A role's labels are printed where they could not be read: why. An aggregationRule might select it. */
  labels?: string;
}

/**
 * What of a role or binding a chart renders could not be read (values not known): its own name or
 * namespace, its roleRef, its subjects or its labels. Such an object is only in `Policy.partial`, under
 * placeholder names (NOT_KNOWN); it may exist as anything its known parts allow, so it only "might" grant.
 */
export interface UnknownParts {
  /** Why it was left out, a clause after its kind (`its roleRef is not known`). */
  why: string;
  name?: boolean;
  namespace?: boolean;
  roleRefKind?: boolean;
  roleRefName?: boolean;
  /** Some subjects could not be read: anyone might be one of them. */
  subjects?: boolean;
  /** Labels printed where they could not be read: any aggregationRule might select it. */
  labels?: boolean;
}

/** The placeholder of a name or namespace that is not known (never a valid Kubernetes name). */
export const NOT_KNOWN = '(not known)';

export interface RbacRole {
  kind: 'Role' | 'ClusterRole';
  name: string;
  /** Effective namespace for Roles; undefined for ClusterRoles. */
  namespace?: string;
  labels: Record<string, string>;
  rules: PolicyRule[];
  aggregationRule?: { clusterRoleSelectors: LabelSelector[] };
  origin: Origin;
  /** Rules (items) or the whole role that may not render: never granted, only "might". */
  undecided?: Undecided;
  /** Set on the objects of `Policy.partial` only. */
  unknownParts?: UnknownParts;
}

export interface RbacBinding {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  /** Effective namespace for RoleBindings; undefined for ClusterRoleBindings. */
  namespace?: string;
  roleRef: RoleRef;
  subjects: Subject[];
  origin: Origin;
  /** Subjects (items) or the whole binding that may not render: never granted, only "might". */
  undecided?: Undecided;
  /** Set on the objects of `Policy.partial` only. */
  unknownParts?: UnknownParts;
}

/** Everything the evaluator needs. Workspace objects and built-in defaults are merged by the caller. */
export interface Policy {
  roles: RbacRole[];
  bindings: RbacBinding[];
  /**
   * Roles and bindings a chart renders whose name, namespace, roleRef or subjects could not be read:
   * never resolved by name nor counted as granting, only as "might" (see partial-grants.ts).
   */
  partial?: { roles: RbacRole[]; bindings: RbacBinding[] };
}

/** An authenticated identity, as the authorizer sees it. */
export interface UserInfo {
  name: string;
  groups: string[];
}

/** Authorization attributes of one request (what the API server derives from the HTTP request). */
export interface ResourceRequest {
  kind: 'resource';
  verb: string;
  apiGroup: string;
  resource: string;
  subresource?: string;
  name?: string;
  /** Empty or undefined: cluster scope (or all namespaces). */
  namespace?: string;
}

export interface NonResourceRequest {
  kind: 'non-resource';
  verb: string;
  path: string;
}

export type AccessRequest = ResourceRequest | NonResourceRequest;
