/**
 * The verbs of RBAC: the one list the checks, hovers, completions and the 403 parser share.
 * RBAC compares verbs as opaque, case-sensitive strings (RBAC-SEMANTICS 2.1); what makes a verb
 * "known" is that some component asks the authorizer for it.
 */

/** The RBAC verbs Kubernetes and RBAC-aware components check, each with what it allows (one line, for hovers). */
export const VERB_MEANINGS: Record<string, string> = {
  get: 'read one object by name (`kubectl get TYPE NAME`, `kubectl describe`)',
  list: 'read every object of the type, with their full contents (`kubectl get TYPE`)',
  watch: 'stream changes to objects (informers, `kubectl get -w`); usually paired with list',
  create: 'create new objects (`kubectl create`, `kubectl apply` of a new object)',
  update: 'replace existing objects (`kubectl replace`, `kubectl apply` of an existing object)',
  patch: 'change parts of objects (`kubectl patch`, `kubectl apply`, `kubectl edit`, `kubectl scale`)',
  delete: 'delete one object by name (`kubectl delete TYPE NAME`)',
  deletecollection: 'delete many objects at once (`kubectl delete TYPE --all`)',
  bind: 'create bindings to a role without holding its permissions (roles, clusterroles)',
  escalate: 'create or change roles with permissions one does not hold (roles, clusterroles)',
  impersonate: 'act as another user, group, ServiceAccount, UID or user extra (`kubectl --as`)',
  approve: 'approve certificate signing requests for a signer (certificates.k8s.io signers)',
  sign: 'sign certificate signing requests for a signer (certificates.k8s.io signers)',
  use: 'use a PodSecurityPolicy (PodSecurityPolicy was removed in Kubernetes 1.25)',
  proxy: 'legacy verb of the `/proxy/` API path prefix, removed in Kubernetes 1.10: grants nothing (use `services/proxy`, `pods/proxy`, `nodes/proxy` with `get`)',
  attest: 'attest to an identity in authentication.k8s.io (newer Kubernetes only)',
  '*': 'every verb, including ones added in the future',
};

export const KNOWN_VERBS: readonly string[] = Object.keys(VERB_MEANINGS);

/**
 * Words people write for a set of verbs (`read`, `view`, `write`): no component ever checks them, so
 * RBAC grants nothing for them. Each maps to the verbs it is usually meant as.
 */
export const VERB_INTENTS: Record<string, readonly string[]> = {
  read: ['get', 'list', 'watch'],
  view: ['get', 'list', 'watch'],
  readonly: ['get', 'list', 'watch'],
  'read-only': ['get', 'list', 'watch'],
  write: ['create', 'update', 'patch', 'delete'],
};

/** The verbs that read or change objects through the API server's standard REST endpoints. */
export const STANDARD_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'] as const;

/** Verbs that no REST endpoint uses: only special code paths ask for them. */
export const SPECIAL_VERBS = ['bind', 'escalate', 'impersonate', 'approve', 'sign', 'use', 'proxy', 'attest'] as const;

/**
 * Non-resource URLs (`/healthz`, `/metrics`, `/apis`…) are authorized with the lower-cased HTTP
 * method as the verb, so these are the verbs that make sense next to `nonResourceURLs`.
 */
export const HTTP_METHOD_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/** What each HTTP-method verb does on a non-resource URL (for hovers). */
export const HTTP_VERB_MEANINGS: Record<(typeof HTTP_METHOD_VERBS)[number], string> = {
  get: 'HTTP GET: read the URL',
  post: 'HTTP POST: send data to the URL',
  put: 'HTTP PUT: replace the content at the URL',
  patch: 'HTTP PATCH: change part of the content at the URL',
  delete: 'HTTP DELETE: delete at the URL',
  head: 'HTTP HEAD: read the headers of the URL',
  options: 'HTTP OPTIONS: ask which methods the URL allows',
};

/**
 * How an HTTP method becomes a resource verb, in the API server (`requestinfo.go`) and the kubelet
 * (`auth.go`), before the API server refines `get` into list/watch and `delete` into
 * deletecollection for requests without a name. Methods are keyed in lower case.
 */
export const HTTP_METHOD_TO_VERB: Record<string, string> = {
  get: 'get',
  head: 'get',
  post: 'create',
  put: 'update',
  patch: 'patch',
  delete: 'delete',
};

export function isKnownVerb(verb: string): boolean {
  return Object.prototype.hasOwnProperty.call(VERB_MEANINGS, verb);
}

/** Whether a verb is one of the HTTP-method verbs used with non-resource URLs. */
export function isHttpMethodVerb(verb: string): boolean {
  return (HTTP_METHOD_VERBS as readonly string[]).includes(verb);
}

/** The verb a resource request with this HTTP method is checked for (undefined for other methods). */
export function verbForHttpMethod(method: string, request: { named: boolean; watch?: boolean } = { named: true }): string | undefined {
  const verb = HTTP_METHOD_TO_VERB[method.toLowerCase()];
  if (verb === 'get' && !request.named) return request.watch ? 'watch' : 'list';
  if (verb === 'delete' && !request.named) return 'deletecollection';
  return verb;
}
