/** The RBAC verbs Kubernetes and RBAC-aware components check, each with what it allows. One place for the list. */
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
  impersonate: 'act as another user, group or ServiceAccount (`kubectl --as`)',
  approve: 'approve certificate signing requests for a signer (certificates.k8s.io signers)',
  sign: 'sign certificate signing requests for a signer (certificates.k8s.io signers)',
  use: 'use a PodSecurityPolicy (removed in Kubernetes 1.25)',
  proxy: 'proxy requests through the API server (legacy verb on nodes and services)',
  attest: 'attest identities (authentication.k8s.io)',
  '*': 'every verb, including ones added in the future',
};

export const KNOWN_VERBS: readonly string[] = Object.keys(VERB_MEANINGS);

/** The verbs that read or change objects through the API server's standard REST endpoints. */
export const STANDARD_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'] as const;

/** Non-resource URLs and the kubelet's own endpoints use the lower-cased HTTP method as the verb. */
export const HTTP_METHOD_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/** How the API server turns an HTTP method into a resource verb (before list/watch/deletecollection refinement). */
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
