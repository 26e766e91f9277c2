import * as assert from 'assert';
import { parseForbiddenMessage } from '../../../server/src/core/forbidden/parse-forbidden-message';

/** Non-RBAC messages that mention Forbidden, 403 or denied: each is named and explained, never granted. */
const LOOKALIKES: [string, string][] = [
  ['quota', 'Error from server (Forbidden): pods "p" is forbidden: exceeded quota: compute, requested: cpu=2, used: cpu=4, limited: cpu=4'],
  ['quota', 'Error from server (Forbidden): error when creating "d.yaml": pods "p" is forbidden: failed quota: q: must specify limits.cpu'],
  ['podsecurity', 'Error from server (Forbidden): pods "p" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false'],
  ['podsecurity-warning', 'Warning: would violate PodSecurity "restricted:latest": runAsNonRoot != true'],
  ['psp', 'Error creating: pods "p-" is forbidden: PodSecurityPolicy: unable to admit pod: [spec.containers[0].securityContext.privileged: Invalid value: true]'],
  ['scc-admission', 'pods "x" is forbidden: unable to validate against any security context constraint: [provider restricted: .spec.securityContext.hostNetwork: Invalid value: true]'],
  ['admission-webhook', 'Error from server (Forbidden): admission webhook "validate.kyverno.svc-fail" denied the request: policy require-labels'],
  ['admission-webhook-error', 'Error from server (InternalError): Internal error occurred: failed calling webhook "x.y.z": Post "https://svc.ns.svc:443/validate?timeout=10s": context deadline exceeded'],
  ['validating-admission-policy', 'The deployments "web" is invalid: : ValidatingAdmissionPolicy \'demo\' with binding \'demo-binding\' denied request: failed expression: object.spec.replicas <= 5'],
  ['namespace-terminating', 'Error from server (Forbidden): error when creating "x.yaml": configmaps "c" is forbidden: unable to create new content in namespace dev because it is being terminated'],
  ['serviceaccount-admission', 'Error creating: pods "p-" is forbidden: error looking up service account ns/builder: serviceaccount "builder" not found'],
  ['limitrange', 'Error from server (Forbidden): pods "p" is forbidden: maximum cpu usage per Container is 1, but limit is 2'],
  ['node-restriction', 'pods "x" is forbidden: node "n1" can only create pods with spec.nodeName set to itself'],
  ['node-restriction', 'nodes "n2" is forbidden: node "n1" is not allowed to modify node "n2"'],
  ['unauthorized-401', 'error: You must be logged in to the server (Unauthorized)'],
  ['unauthorized-401', 'error: You must be logged in to the server (the server has asked for the client to provide credentials)'],
  ['not-found-404', 'Error from server (NotFound): the server could not find the requested resource'],
  ['argocd-rbac', 'rpc error: code = PermissionDenied desc = permission denied: applications, sync, default/guestbook, sub: alice'],
  ['cloud-iam', 'An error occurred (AccessDeniedException) when calling the DescribeCluster operation: User: arn:aws:iam::1:user/x is not authorized to perform: eks:DescribeCluster'],
  ['cloud-iam', 'ERROR: (gcloud.container.clusters.get-credentials) ResponseError: code=403, message=Required "container.clusters.get" permission(s) for "projects/p/locations/z/clusters/c".'],
  ['cloud-iam', "(AuthorizationFailed) The client 'me@example.com' with object id 'x' does not have authorization to perform action 'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action' over scope '/subscriptions/s'"],
  ['aggregator-backend-403', 'Error from server (Forbidden): the server does not allow access to the requested resource (get pods.metrics.k8s.io)'],
  ['kubelet-forbidden-no-detail', 'error: unable to upgrade connection: Forbidden'],
  ['not-kubernetes', '<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center><hr><center>nginx</center></body></html>'],
  ['not-kubernetes', 'Error response from daemon: pull access denied for private/app, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied'],
  ['forbidden-no-detail', 'Error from server (Forbidden): Forbidden'],
  ['forbidden-no-detail', 'HTTP/1.1 403 Forbidden'],
  ['forbidden-no-detail', 'Error from server (Forbidden): the server does not allow access to the requested resource'],
];

describe('403 parser: look-alikes that RBAC cannot fix', () => {
  for (const [kind, text] of LOOKALIKES) {
    it(`names ${kind}: ${text.slice(0, 60)}…`, () => {
      const denials = parseForbiddenMessage(text);
      assert.strictEqual(denials.length, 1, JSON.stringify(denials));
      const [d] = denials;
      assert.strictEqual(d.kind, kind);
      assert.strictEqual(d.rbac, false);
      assert.strictEqual(d.subject, null);
      assert.strictEqual(d.scope, null);
      assert.strictEqual(d.verb, null);
      assert.ok(d.explanation && /[.]( See https:\/\/\S+)?$/.test(d.explanation) && d.explanation.length > 40, `explanation: ${d.explanation}`);
      // The page that explains the component that answered; a service outside Kubernetes has none of ours.
      if (kind === 'not-kubernetes') assert.doesNotMatch(d.explanation, /https:/);
      else assert.match(d.explanation, / See https:\/\/(kubernetes\.io\/docs|docs\.openshift\.com|argo-cd\.readthedocs\.io)\/\S+$/);
    });
  }

  it('does not mistake an RBAC denial about admission resources for a look-alike', () => {
    const [d] = parseForbiddenMessage('validatingadmissionpolicybindings.admissionregistration.k8s.io is forbidden: User "system:serviceaccount:k:m" cannot list resource "validatingadmissionpolicybindings" in API group "admissionregistration.k8s.io" at the cluster scope');
    assert.strictEqual(d.kind, 'rbac');
    assert.strictEqual(d.rbac, true);
  });
});
