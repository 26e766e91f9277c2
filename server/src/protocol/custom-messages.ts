/**
 * Custom requests between the extension and the language server, declared once with their types.
 * Self-contained on purpose: the client compiles this file without the server's core.
 */

export interface Pos { line: number; character: number }
export interface Rng { start: Pos; end: Pos }
export interface FileEdit { file: string; range: Rng; newText: string }

/** `rbacDoctor/forbidden`: parse a pasted 403 and propose RBAC changes. */
export const ForbiddenRequest = 'rbacDoctor/forbidden';
/** `text`: a message or a whole log; or, with `text` empty, `uri`: a log or audit file the server reads (streamed). */
export interface ForbiddenParams { text: string; uri?: string; options?: { resourceNames?: boolean; companions?: boolean; namespace?: string } }
export interface ForbiddenSuggestion {
  title: string;
  /** `edit`: changes to files of the workspace; `new`: a new YAML document. */
  kind: 'edit' | 'new';
  detail?: string;
  yaml?: string;
  edits?: FileEdit[];
  /** Where a new file would best be saved: beside a role bound to the subject (else its binding or ServiceAccount). */
  suggestedPath?: string;
  /** `<subject>-access.yaml`: the name of the new YAML document. */
  fileName?: string;
  /** The complete RBAC objects this suggestion leaves behind, as YAML to apply to a cluster. */
  manifest?: string;
  /** The recommended suggestion of its denial (listed first): it grants the denied subject alone. */
  recommended?: boolean;
  /** An edit that also grants others (or the subject beyond the denied scope): who, in words; the title names them too. */
  widens?: string[];
  /** `kubectl auth can-i … --as …`: the command that proves the change lets the denied request through. */
  verify?: string;
}
export interface ForbiddenDenialSummary {
  rbac: boolean;
  kind: string;
  summary: string;
  explanation?: string;
}
/** An RBAC denial that gets no generated YAML, and why (one line); `needsNamespace`: asking for one would settle it. */
export interface ForbiddenRefusal {
  summary: string;
  reason: string;
  needsNamespace?: boolean;
}
/** Everything one subject of a log lacked, as one least-privilege change (new YAML and/or edits of roles it holds). */
export interface ForbiddenChange {
  /** `ServiceAccount ns/name` or `User name`. */
  subject: string;
  denials: number;
  /** The new objects, with what known clients ask for next as comments at the end (never as rules). */
  yaml?: string;
  /** `<subject>-access.yaml`, and where it would best be saved (beside a role bound to the subject). */
  fileName: string;
  suggestedPath?: string;
  edits?: FileEdit[];
  editedRoles: string[];
  /** What known clients ask for next, one line each ("leader election: create, update on leases.coordination.k8s.io in namespace ctrl"); never granted. */
  notIncluded: string[];
  /** What known clients ask for next: offered apart, never part of `yaml`'s objects. */
  next: { pattern: string; reason: string; namespace?: string; rules: { apiGroups?: string[]; resources?: string[]; verbs: string[] }[] }[];
}
export interface ForbiddenResult {
  denials: ForbiddenDenialSummary[];
  suggestions: ForbiddenSuggestion[];
  refusals?: ForbiddenRefusal[];
  /** With two or more grantable denials: one change per subject. */
  changes?: ForbiddenChange[];
  /** How the denials split, counted as the log's lens counts them; `text`: "5 denials, 1 already allowed by your manifests". */
  tally: { denials: number; toFix: number; alreadyAllowed: number; leftOut: number; notRbac: number; subjects: number; text: string; fixTitle: string };
}

/**
 * `rbacDoctor/yamlSyntaxReporters` (notification, client → server; also sent as `initializationOptions`):
 * the extensions that already report YAML syntax errors in the editor (Red Hat YAML while it validates),
 * so that `rbacDoctor.syntaxErrors: auto` leaves those errors to them.
 */
export const YamlSyntaxReportersNotification = 'rbacDoctor/yamlSyntaxReporters';
export interface YamlSyntaxReporters { extensions: string[] }

/**
 * `rbacDoctor/workspaceStatus` (notification, server → client, and a request that answers it): how much
 * of the workspace is read. While `reading`, open files show the findings of their own documents only;
 * findings across files (a binding's missing role, a duplicate) come when the whole workspace is read.
 */
export const WorkspaceStatusNotification = 'rbacDoctor/workspaceStatus';
export const WorkspaceStatusRequest = 'rbacDoctor/workspaceStatus';
export interface WorkspaceStatus {
  state: 'reading' | 'ready';
  filesRead: number;
  filesTotal: number;
  /** What a status bar says, e.g. "RBAC: reading 1,200 of 10,000 files — open files checked on their own". */
  message: string;
  /** Once ready: what was read only in part, one line each (a chart's skipped objects, a kustomize build's unread entries). */
  partial?: string[];
  /** Once ready: what was assumed for want of a setting (a chart's release name and namespace). */
  assumptions?: string[];
}

/** `rbacDoctor/canI`: may a subject do something, per the workspace's manifests. */
export const CanIRequest = 'rbacDoctor/canI';
export interface CanIParams { user: string; groups?: string[]; verb: string; resource: string; namespace?: string; subresource?: string }
export interface ChainStep { text: string; file?: string; line?: number }
export interface CanIResult {
  allowed: boolean;
  /** Not allowed by what is known, but a rule a chart renders only under an undecided condition would allow it: "unknown", never "yes". */
  unknown?: boolean;
  chain: ChainStep[];
  warnings: string[];
  /** While connected: the cluster's own answer (SubjectAccessReview), which may differ from the manifests'. */
  cluster?: { context: string; allowed: boolean; reason?: string; error?: string };
}

/** `rbacDoctor/whoCan`: every subject that may do something. */
export const WhoCanRequest = 'rbacDoctor/whoCan';
export interface WhoCanParams { verb: string; resource: string; namespace?: string; subresource?: string }
/** `might`: the grant holds only if something a chart renders under an undecided condition renders (why, and where). */
export interface WhoCanEntry { subject: string; kind: string; via: ChainStep[]; might?: ChainStep }
export interface WhoCanResult {
  subjects: WhoCanEntry[];
  warnings: string[];
  /** The connected cluster whose RBAC was included, if any. */
  cluster?: string;
}

/** `rbacDoctor/effectivePermissions`: a subject's rules, as Markdown (resources × verbs per namespace). */
export const EffectivePermissionsRequest = 'rbacDoctor/effectivePermissions';
export interface EffectivePermissionsParams { uri: string; position: Pos }
export interface EffectivePermissionsResult { subject?: string; markdown: string }

// ---- Live cluster (only after the user connects; never in an untrusted workspace) ----

/** `rbacDoctor/cluster/contexts`: the contexts of the kubeconfig (KUBECONFIG honoured). Reads files only. */
export const ClusterContextsRequest = 'rbacDoctor/cluster/contexts';
export interface ClusterContextsParams { kubeconfig?: string }
export interface KubeContextInfo { name: string; cluster: string; user: string; namespace?: string; server?: string; current: boolean }
export interface ClusterContextsResult { contexts: KubeContextInfo[]; files: string[]; error?: string }

/** `rbacDoctor/cluster/connect`: discovery and live RBAC of one context, used until disconnect. */
export const ClusterConnectRequest = 'rbacDoctor/cluster/connect';
export interface ClusterConnectParams { context: string; kubeconfig?: string }
export interface ClusterStatus {
  connected: boolean;
  context?: string;
  server?: string;
  /** Counts of what the cluster contributed: resource types, roles and bindings. */
  resources?: number;
  roles?: number;
  bindings?: number;
  /** What could not be read (e.g. roles the user may not list); the connection still holds. */
  warnings: string[];
  /** Why connecting failed, in one sentence with no credentials in it. */
  error?: string;
}

/** `rbacDoctor/cluster/disconnect`: forget the cluster; the model is the workspace's again. */
export const ClusterDisconnectRequest = 'rbacDoctor/cluster/disconnect';

/** `rbacDoctor/cluster/verify`: does the cluster still deny what a pasted 403 reports (Subject/SelfSubjectAccessReview)? */
export const ClusterVerifyRequest = 'rbacDoctor/cluster/verify';
export interface ClusterVerifyParams { text: string }
export interface AccessVerdict {
  /** The denied request, in words. */
  summary: string;
  allowed: boolean;
  /** The authorizer's reason, when it gave one. */
  reason?: string;
  /** SelfSubjectAccessReview: the denied user is the kubeconfig's own identity. */
  self: boolean;
  error?: string;
}
export interface ClusterVerifyResult { verdicts: AccessVerdict[] }

/** `rbacDoctor/cluster/apply`: server-side apply of RBAC YAML; `dryRun` asks the server to validate only. */
export const ClusterApplyRequest = 'rbacDoctor/cluster/apply';
export interface ClusterApplyParams { yaml: string; dryRun: boolean }
export interface AppliedObject {
  kind: string;
  name: string;
  namespace?: string;
  /** The live object before, as YAML without server bookkeeping ('' when it does not exist yet). */
  before: string;
  /** The object as the server returned it (the dry-run result or the applied object). */
  after?: string;
  /** The server's refusal (e.g. escalation), in its own words. */
  error?: string;
}
export interface ClusterApplyResult { ok: boolean; objects: AppliedObject[]; error?: string }
