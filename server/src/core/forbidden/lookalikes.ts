import { notRbac, type DenialKind, type Located } from './types';

/** Messages that look like RBAC denials but that no Role can fix: what they are and what to do. */
const LOOKALIKES: { kind: DenialKind; re: RegExp; explanation: string }[] = [
  { kind: 'quota', re: /exceeded quota|failed quota|must specify (?:limits|requests)\.[a-z]+/i,
    explanation: 'A ResourceQuota rejected the object, not RBAC: raise the quota or set the requests/limits it requires (kubectl describe resourcequota -n NAMESPACE).' },
  { kind: 'podsecurity-warning', re: /Warning: would violate PodSecurity/,
    explanation: 'A Pod Security Admission warning: the pod was admitted but would fail the namespace\'s enforced level; adjust its securityContext.' },
  { kind: 'podsecurity', re: /violates PodSecurity "[^"]*"/,
    explanation: 'Pod Security Admission rejected the pod for the namespace\'s security level: change the pod\'s securityContext, or the namespace\'s pod-security.kubernetes.io labels.' },
  { kind: 'psp', re: /unable to validate against any pod security policy|PodSecurityPolicy: unable to admit pod/i,
    explanation: 'No PodSecurityPolicy admits this pod (PSP was removed in 1.25): the pod spec or the policies must change; RBAC only decides which policies may be used.' },
  { kind: 'scc-admission', re: /unable to validate against any security context constraint/i,
    explanation: 'OpenShift\'s SecurityContextConstraints rejected the pod: grant a suitable SCC to its ServiceAccount (oc adm policy add-scc-to-user) or change the pod spec.' },
  { kind: 'admission-webhook-error', re: /failed calling webhook "[^"]*"|Internal error occurred: failed calling webhook/,
    explanation: 'An admission webhook could not be reached: check the webhook\'s Service and pods; RBAC is not involved.' },
  { kind: 'admission-webhook', re: /admission webhook "[^"]*" denied the request/,
    explanation: 'An admission webhook rejected the request by its own policy: read the webhook\'s message or its policy; RBAC is not involved.' },
  { kind: 'validating-admission-policy', re: /ValidatingAdmissionPolicy '[^']*' with binding '[^']*' denied request/,
    explanation: 'A ValidatingAdmissionPolicy rejected the object: change the object to satisfy the policy\'s expression.' },
  { kind: 'namespace-terminating', re: /because it is being terminated/,
    explanation: 'The namespace is being deleted, so nothing new can be created in it: wait for the deletion to finish (or remove the finalizers that block it) and create the namespace again.' },
  { kind: 'serviceaccount-admission', re: /error looking up service account|no API token found for service account/,
    explanation: 'The pod names a ServiceAccount that does not exist in its namespace: create the ServiceAccount or fix serviceAccountName.' },
  { kind: 'limitrange', re: /(?:maximum|minimum) (?:cpu|memory|storage|ephemeral-storage) usage per (?:Container|Pod|PersistentVolumeClaim)|LimitRange "[^"]*" (?:denied|rejected)/,
    explanation: 'A LimitRange rejected the resource requests or limits: adjust them to the namespace\'s LimitRange.' },
  { kind: 'node-restriction', re: /NodeRestriction|node "[^"]*" (?:is not allowed to|can only)|can only (?:modify|create|update) (?:its own|pods bound|mirror pods)/,
    explanation: 'The NodeRestriction admission plugin limits what a kubelet may change to its own Node and pods: RBAC grants cannot lift it.' },
  { kind: 'project-request-limit', re: /project request limit|cannot create more than \d+ projects?/i,
    explanation: 'OpenShift\'s project request limit was reached: delete a project or ask an administrator to raise the limit.' },
  { kind: 'field-validation', re: /is invalid: [^:]*: Forbidden:/,
    explanation: 'The API server rejected a change to a field that cannot be changed: recreate the object instead of updating it.' },
  { kind: 'argocd-rbac', re: /PermissionDenied desc = permission denied/,
    explanation: 'Argo CD\'s own RBAC (argocd-rbac-cm policy.csv) denied this, not Kubernetes: add a policy line for the user or group.' },
  { kind: 'cloud-iam', re: /AccessDenied(?:Exception)?|is not authorized to perform: [a-z]+:|does not have (?:the )?[a-z.]+ permission|ResponseError: code=403|PERMISSION_DENIED|\(AuthorizationFailed\)|AuthorizationFailed:|does not have authorization to perform action/i,
    explanation: 'The cloud provider\'s IAM denied this call before Kubernetes was reached: grant the IAM permission (e.g. eks:DescribeCluster) to the identity.' },
  { kind: 'unauthorized-401', re: /You must be logged in to the server|the server has asked for the client to provide credentials|\(Unauthorized\)|\b401 Unauthorized\b|due to:\s?Unauthorized|Unauthorized\s?$/,
    explanation: 'Authentication failed (401), so RBAC was never consulted: refresh the credentials, token or kubeconfig.' },
  { kind: 'not-found-404', re: /the server could not find the requested resource|404 page not found/,
    explanation: 'The API server does not serve this resource (404): install its CRD, or use an API version the cluster serves.' },
  { kind: 'aggregator-backend-403', re: /the server does not allow access to the requested resource \((?:get|list|watch|post|put|patch|delete)\s[a-z0-9-]+\.(?:custom\.|external\.)?metrics\.k8s\.io\b|(?:unable to fetch|failed to get) (?:pod|node) metrics[^.]{0,300}Forbidden/i,
    explanation: 'An aggregated API server (such as metrics-server) answered 403 itself, so the API server\'s RBAC allowed the call: check that server\'s logs and its own delegated authorization (the auth-delegator and extension-apiserver-authentication-reader bindings of its ServiceAccount).' },
  { kind: 'forbidden-no-detail', re: /the server does not allow access to the requested resource(?! \((?:get|list|watch|post|put|patch|delete)\s[a-z0-9-]+\.(?:custom\.|external\.)?metrics\.k8s\.io\b)/,
    explanation: 'A 403 without a Kubernetes Status: a component between you and the API server (an authenticating proxy, Rancher, an aggregated API server) refused the request; read that component\'s logs, or re-run with kubectl -v=8 to see the response.' },
  { kind: 'kubelet-forbidden-no-detail', re: /unable to upgrade connection: Forbidden(?!\s?\(user=)|error dialing backend:[^.]{0,300}\bForbidden\b(?!\s?\(user=)/,
    explanation: 'The kubelet refused the API server\'s connection without saying why: check the kubelet\'s authorization mode and that the API server\'s kubelet client certificate is allowed nodes/proxy (system:kubelet-api-admin).' },
  { kind: 'not-kubernetes', re: /<title>403 Forbidden<\/title>|<center>nginx<\/center>|denied: requested access to the resource is denied|pull access denied|Resource not accessible by integration|remote: Permission to \S+ denied/i,
    explanation: 'This 403 does not come from the Kubernetes API server (a web server, proxy, container registry or Git host answered): fix the credentials or permissions of that service.' },
];

export function findLookalikes(text: string): Located[] {
  const out: Located[] = [];
  for (const { kind, re, explanation } of LOOKALIKES) {
    const m = re.exec(text);
    if (m) out.push({ at: m.index, end: m.index + m[0].length, denial: notRbac(kind, explanation) });
  }
  return out;
}
