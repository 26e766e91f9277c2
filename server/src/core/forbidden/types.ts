/** One denial found in a paste: exactly the fields of the forbidden-samples contract, plus an explanation. */
export interface DenialSubject {
  kind: 'User' | 'ServiceAccount' | 'unknown';
  name: string | null;
  namespace: string | null;
  groups: string[] | null;
}

export interface MissingRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export type DenialKind =
  | 'rbac' | 'rbac-partial' | 'rbac-escalation' | 'impersonation' | 'kubelet-authz' | 'kubelet-authz-partial'
  | 'delegated-authz' | 'node-authorizer' | 'owner-reference-finalizers' | 'csr-approval' | 'can-i' | 'tool-precheck'
  | 'quota' | 'podsecurity' | 'podsecurity-warning' | 'psp' | 'scc-admission' | 'admission-webhook'
  | 'admission-webhook-error' | 'validating-admission-policy' | 'namespace-terminating' | 'serviceaccount-admission'
  | 'limitrange' | 'node-restriction' | 'field-validation' | 'project-request-limit' | 'unauthorized-401'
  | 'not-found-404' | 'aggregator-backend-403' | 'kubelet-forbidden-no-detail' | 'forbidden-no-detail'
  | 'argocd-rbac' | 'cloud-iam' | 'not-kubernetes';

export interface Denial {
  rbac: boolean;
  kind: DenialKind;
  subject: DenialSubject | null;
  verb: string | null;
  apiGroup: string | null;
  resource: string | null;
  subresource: string | null;
  resourceName: string | null;
  namespace: string | null;
  scope: 'namespaced' | 'cluster' | 'non-resource' | 'unknown' | null;
  nonResourceURL: string | null;
  missingRules?: MissingRule[] | null;
  rbacErrors?: string;
  /** Not part of the contract: what really happened and what to do, for look-alikes and denials not to grant. */
  explanation?: string;
}

/** A denial and where it starts in the normalised text (for ordering). */
export interface Located {
  at: number;
  /** End of the match; a denial found inside a more specific match is dropped. */
  end?: number;
  denial: Denial;
}

export const UNKNOWN_SUBJECT: DenialSubject = { kind: 'unknown', name: null, namespace: null, groups: null };

export function notRbac(kind: DenialKind, explanation: string): Denial {
  return {
    rbac: false, kind, subject: null, verb: null, apiGroup: null, resource: null, subresource: null,
    resourceName: null, namespace: null, scope: null, nonResourceURL: null, explanation,
  };
}

/** `system:serviceaccount:NS:NAME` is a ServiceAccount; anything else (nodes, e-mails, ids) is a User. */
export function subjectOf(user: string | undefined | null, groups: string[] | null = null): DenialSubject {
  if (user === undefined || user === null || user === '' || user === '<nil>') return { ...UNKNOWN_SUBJECT, groups };
  const sa = /^system:serviceaccount:([^:\s]+):([^:\s]+)$/.exec(user);
  if (sa) return { kind: 'ServiceAccount', name: sa[2], namespace: sa[1], groups };
  return { kind: 'User', name: user, namespace: null, groups };
}
