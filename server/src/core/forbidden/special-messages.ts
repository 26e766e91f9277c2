import { subjectOf, UNKNOWN_SUBJECT, type Located } from './types';

const KUBELET = /Forbidden\s?\(user=([^,)]+),\s?verb=([^,)]+),\s?resource=([^,)]+),\s?subresource=([^)]*)\)/g;
const CSR = /user not permitted to approve requests with signerName "([^"]*)"/g;
const OWNER = /cannot set blockOwnerDeletion if an ownerReference refers to a resource you can't set finalizers on:\s?(?:User\s"([^"]*)"\scannot\supdate\sresource\s"([^"/]*)\/finalizers"\sin API group\s"([^"]*)"(?:\sin the namespace\s"([^"]*)")?)?/g;

/** Kubelet and aggregated-API authorization, CSR approval, and blockOwnerDeletion. */
export function findSpecialDenials(text: string): Located[] {
  const out: Located[] = [];
  for (const m of text.matchAll(KUBELET)) {
    const [, user, verb, resource, subresource] = m;
    const partial = subresource.trim() === '';
    out.push({ at: m.index!, end: m.index! + m[0].length, denial: {
      rbac: true, kind: partial ? 'kubelet-authz-partial' : 'kubelet-authz', subject: subjectOf(user.trim()), verb: verb.trim(),
      apiGroup: '', resource: resource.trim(), subresource: partial ? null : subresource.trim(), resourceName: null,
      namespace: null, scope: 'cluster', nonResourceURL: null,
    } });
  }
  for (const m of text.matchAll(CSR)) {
    out.push({ at: m.index!, end: m.index! + m[0].length, denial: {
      rbac: true, kind: 'csr-approval', subject: { ...UNKNOWN_SUBJECT }, verb: 'approve', apiGroup: 'certificates.k8s.io',
      resource: 'signers', subresource: null, resourceName: m[1], namespace: null, scope: 'cluster', nonResourceURL: null,
      explanation: 'Approving a CSR needs `approve` on `signers` (certificates.k8s.io) for its signerName, besides update on certificatesigningrequests/approval. The signer kubernetes.io/legacy-unknown cannot be approved through certificates.k8s.io/v1 at all (since 1.22).',
    } });
  }
  for (const m of text.matchAll(OWNER)) {
    const [, user, resource, group, namespace] = m;
    const contextNamespace = namespace ?? /"namespace":\s?"([^"]*)"/.exec(text)?.[1] ?? null;
    out.push({ at: m.index!, end: m.index! + m[0].length, denial: {
      rbac: true, kind: 'owner-reference-finalizers', subject: user ? subjectOf(user) : { ...UNKNOWN_SUBJECT }, verb: 'update',
      apiGroup: group ?? null, resource: resource ?? null, subresource: 'finalizers', resourceName: null,
      namespace: contextNamespace, scope: 'namespaced', nonResourceURL: null,
      explanation: 'Setting blockOwnerDeletion on an ownerReference requires `update` on the OWNER\'s `<resource>/finalizers` (OwnerReferencesPermissionEnforcement admission): grant it to the controller for its own custom resource.',
    } });
  }
  return out;
}
