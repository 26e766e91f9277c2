import { subjectOf, UNKNOWN_SUBJECT, type Denial, type Located } from './types';

/** The kubelet's (and kube-rbac-proxy's, and aggregated servers') `Forbidden (user=…, verb=…, resource=…, subresource=…)`. */
const KUBELET = /Forbidden\s?\(user=([^,()]*),\s?verb=([^,()]*),\s?resource=([^,()]*),\s?subresource=([^()]*)\)/g;
const CSR = /user not permitted to approve requests with signerName "([^"]*)"/g;
/** The reason names the owner in the current format (`resource "x/finalizers" in API group "g"`) or the old one (`x/finalizers.g in project "p"`). */
const OWNER = /cannot set blockOwnerDeletion if an ownerReference refers to a resource you can't set finalizers on:\s?(?:User\s"([^"]*)"\scannot\supdate\sresource\s"([^"/]*)\/finalizers"\sin API group\s"([^"]*)"(?:\sin the namespace\s"([^"]*)")?|User\s"([^"]*)"\scannot\supdate\s([a-z0-9-]+)\/finalizers(?:\.([a-z0-9.-]*[a-z0-9]))?(?:\s(?:in the namespace|in project)\s"([^"]*)")?)?/g;

/** Kubelet and aggregated-API authorization, CSR approval, and blockOwnerDeletion. */
export function findSpecialDenials(text: string): Located[] {
  const out: Located[] = [];
  if (!text.includes('user=') && !text.includes('signerName') && !text.includes('blockOwnerDeletion')) return out;
  for (const m of text.matchAll(KUBELET)) {
    const [, user, verb, resource, subresource] = m;
    if (!user.trim() && !verb.trim()) continue;
    out.push({ at: m.index!, end: m.index! + m[0].length, denial: kubeletDenial(user.trim(), verb.trim(), resource.trim(), subresource.trim()) });
  }
  for (const m of text.matchAll(CSR)) {
    out.push({ at: m.index!, end: m.index! + m[0].length, denial: {
      rbac: true, kind: 'csr-approval', subject: { ...UNKNOWN_SUBJECT }, verb: 'approve', apiGroup: 'certificates.k8s.io',
      resource: 'signers', subresource: null, resourceName: m[1], namespace: null, scope: 'cluster', nonResourceURL: null,
      explanation: 'Approving a CSR needs `approve` on `signers` (certificates.k8s.io) for its signerName, besides update on certificatesigningrequests/approval. The signer kubernetes.io/legacy-unknown cannot be approved through certificates.k8s.io/v1 at all (since 1.22).',
    } });
  }
  // A structured log's `"namespace": "…"` field, looked up once for every message of the paste.
  let logNamespace: string | null | undefined;
  for (const m of text.matchAll(OWNER)) {
    const [, currentUser, currentResource, currentGroup, currentNamespace, oldUser, oldResource, oldGroup, oldNamespace] = m;
    const user = currentUser ?? oldUser;
    const resource = currentResource ?? oldResource;
    const group = currentGroup ?? (oldResource !== undefined ? oldGroup ?? '' : undefined);
    const namespace = currentNamespace ?? oldNamespace;
    if (namespace === undefined && logNamespace === undefined) logNamespace = /"namespace":\s?"([^"]*)"/.exec(text)?.[1] ?? null;
    const contextNamespace = namespace ?? logNamespace ?? null;
    out.push({ at: m.index!, end: m.index! + m[0].length, denial: {
      rbac: true, kind: 'owner-reference-finalizers', subject: user ? subjectOf(user) : { ...UNKNOWN_SUBJECT }, verb: 'update',
      apiGroup: group ?? null, resource: resource ?? null, subresource: 'finalizers', resourceName: null,
      namespace: contextNamespace, scope: 'namespaced', nonResourceURL: null,
      explanation: 'Setting blockOwnerDeletion on an ownerReference requires `update` on the OWNER\'s `<resource>/finalizers` (OwnerReferencesPermissionEnforcement admission): grant it to the controller for its own custom resource.',
    } });
  }
  return out;
}

/**
 * A kubelet checks `nodes/<subresource>` (group "") through a SubjectAccessReview; the same text from
 * another server (aggregated API, kube-rbac-proxy) names its own resource. No subresource = partial.
 */
function kubeletDenial(user: string, verb: string, resource: string, subresource: string): Denial {
  const kubelet = resource === 'nodes';
  const partial = subresource === '' || resource === '';
  return {
    rbac: true,
    kind: kubelet ? (partial ? 'kubelet-authz-partial' : 'kubelet-authz') : resource === '' ? 'kubelet-authz-partial' : 'delegated-authz',
    subject: subjectOf(user),
    verb: verb || null,
    apiGroup: resource === '' ? null : kubelet ? '' : null,
    resource: resource || null,
    subresource: subresource || null,
    resourceName: null,
    namespace: null,
    scope: resource === '' ? 'unknown' : kubelet ? 'cluster' : 'unknown',
    nonResourceURL: null,
    ...(user === 'kube-apiserver' || user === 'system:kube-apiserver'
      ? { explanation: 'The API server\'s own client identity was denied by the kubelet: bind it to system:kubelet-api-admin (nodes/proxy, nodes/log, nodes/stats, nodes/metrics).' }
      : {}),
  };
}
