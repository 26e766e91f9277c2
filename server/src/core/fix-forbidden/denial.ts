/**
 * What the generator needs from a parsed 403 (the parser's Denial has these fields, with the same
 * names as the forbidden-samples contract).
 */
export interface DenialSubject {
  kind: 'User' | 'ServiceAccount' | 'unknown' | string;
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

export interface DenialFacts {
  rbac: boolean;
  kind: string;
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
  explanation?: string;
}
