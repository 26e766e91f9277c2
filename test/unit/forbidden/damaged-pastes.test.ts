import * as assert from 'assert';
import { parseForbiddenMessage } from '../../../server/src/core/forbidden/parse-forbidden-message';
import { expectOne, jsonEscape, serviceAccount, unknownSubject, user } from './helpers';

const LIST_PODS = 'pods is forbidden: User "system:serviceaccount:shop:web" cannot list resource "pods" in API group "" in the namespace "shop"';
const EXACT = { kind: 'rbac', subject: serviceAccount('shop', 'web'), verb: 'list', apiGroup: '', resource: 'pods', namespace: 'shop', scope: 'namespaced' } as const;

describe('403 parser: damaged pastes', () => {
  it('reads a namespace cut at the end of a line (a lost quote or a cut: nobody can tell) as no scope', () => {
    const cut = { ...EXACT, namespace: null, scope: 'unknown' } as const;
    expectOne(`Error from server (Forbidden): ${LIST_PODS.slice(0, -1)}\nnext line of the log`, cut);
    expectOne(`${LIST_PODS.slice(0, -1)}\n`, cut);
    const denial = expectOne(LIST_PODS.slice(0, -3), cut);
    assert.match(denial.explanation ?? '', /cut inside its namespace.*-n NS/);
  });

  it('keeps a resource cut at the end of the paste partial (not a lost quote)', () => {
    expectOne('User "alice" cannot list resource "po', { kind: 'rbac-partial' });
  });

  it('takes the verb of an API server Forbidden log line from its request line, and only from a 403 for the same path', () => {
    expectOne('I1214 authorization.go:73] Forbidden: "/", Reason: ""\nI1214 wrap.go:42] GET /: (303µs) 403 [[Go-http-client/2.0] 10.0.0.1:4325]', { verb: 'get', nonResourceURL: '/', scope: 'non-resource' });
    expectOne('I1214 authorization.go:73] Forbidden: "/api/v1/namespaces/a/pods", Reason: ""\nI1214 wrap.go:42] POST /api/v1/namespaces/a/pods: (1ms) 403 [[kubectl] 10.0.0.1:1]', { verb: 'create', resource: 'pods', namespace: 'a' });
    expectOne('I1214 authorization.go:73] Forbidden: "/", Reason: ""\nI1214 wrap.go:42] GET /: (303µs) 200 [[Go-http-client/2.0] 10.0.0.1:4325]', { verb: null, nonResourceURL: '/' });
  });

  it('reads a resource whose opening quote was lost (`resource clusters/status" in API group`)', () => {
    expectOne('User "system:serviceaccount:capo:default" cannot update resource clusters/status" in API group "cluster.k8s.io" in the namespace "default"', {
      kind: 'rbac', subject: serviceAccount('capo', 'default'), verb: 'update', apiGroup: 'cluster.k8s.io', resource: 'clusters', subresource: 'status', namespace: 'default',
    });
  });

  it('reads a user whose closing quote was lost', () => {
    expectOne('pods is forbidden: User "alice cannot list resource "pods" in API group "" in the namespace "shop"', { kind: 'rbac', subject: user('alice'), verb: 'list', namespace: 'shop' });
  });

  it('reads lines in markdown fences and inline backticks', () => {
    expectOne(`\`\`\`console\n$ kubectl get pods\nError from server (Forbidden): ${LIST_PODS}\n\`\`\``, EXACT);
    expectOne(`I get \`${LIST_PODS}\` when it starts`, EXACT);
  });

  it('reads a fragment that starts at "cannot" as a denial of an unknown subject', () => {
    expectOne('cannot list resource "pods" in API group "" in the namespace "shop"', { kind: 'rbac-partial', subject: unknownSubject, verb: 'list', resource: 'pods', namespace: 'shop', scope: 'namespaced' });
    expectOne('… cannot get resource "deployments" in API group "apps" at the cluster scope', { verb: 'get', apiGroup: 'apps', resource: 'deployments', scope: 'cluster' });
  });

  it('reads an empty user, quoted or not', () => {
    expectOne('pods is forbidden: User "" cannot list resource "pods" in API group "" in the namespace "shop"', { kind: 'rbac-partial', subject: unknownSubject, resource: 'pods', namespace: 'shop' });
    expectOne('pods is forbidden: User cannot list resource "pods" in API group "" in the namespace "shop"', { kind: 'rbac-partial', subject: unknownSubject, resource: 'pods', namespace: 'shop' });
  });

  it('reads an unquoted non-resource path, without the punctuation after it', () => {
    expectOne('forbidden: User "system:serviceaccount:monitoring:prom" cannot get path /metrics', { scope: 'non-resource', nonResourceURL: '/metrics', resource: null, subject: serviceAccount('monitoring', 'prom') });
    expectOne('forbidden: User "alice" cannot get path /apis/metrics.k8s.io/v1beta1: no RBAC policy matched', { nonResourceURL: '/apis/metrics.k8s.io/v1beta1' });
  });

  it('reads client-go\'s request hint of a 403 without a Status: (post replicationcontrollers), (get pods NAME)', () => {
    expectOne('Error from server (Forbidden): the server does not allow access to the requested resource (post replicationcontrollers)', { kind: 'rbac-partial', verb: 'create', apiGroup: '', resource: 'replicationcontrollers', resourceName: null, subject: unknownSubject });
    expectOne('Error from server (Forbidden): the server does not allow access to the requested resource (get pods web-0)', { verb: 'get', resource: 'pods', resourceName: 'web-0' });
    expectOne('Error from server (Forbidden): the server does not allow access to the requested resource (get pods)', { verb: 'list', resource: 'pods' });
    expectOne('Error from server (Forbidden): the server does not allow access to the requested resource (get widgets.example.com)', { verb: 'list', apiGroup: 'example.com', resource: 'widgets' });
  });

  it('keeps the metrics API\'s own 403 a look-alike, and old messages with a hint exact', () => {
    expectOne('Error from server (Forbidden): the server does not allow access to the requested resource (get pods.metrics.k8s.io)', { rbac: false, kind: 'aggregator-backend-403' });
    expectOne('Error from server (Forbidden): User "bob" cannot create replicationcontrollers in the namespace "default". (post replicationcontrollers)', { kind: 'rbac', subject: user('bob'), verb: 'create', resource: 'replicationcontrollers', namespace: 'default' });
  });

  it('takes the object\'s name from a request URL elsewhere in the paste', () => {
    expectOne('I1129 10:00:00 1 round_trippers.go:553] GET https://10.0.0.1:6443/api/v1/namespaces/default/pods/web-0 403 Forbidden in 3 milliseconds\nError from server (Forbidden): User "alice" cannot get resource "pods" in API group "" in the namespace "default"', { resourceName: 'web-0', verb: 'get' });
    expectOne('KubernetesClientException: Failure executing: GET at: https://10.0.0.1/api/v1/namespaces/default/pods/agent-1. Message: Forbidden! User "system:serviceaccount:default:jenkins" cannot get resource "pods" in API group "" in the namespace "default".', { resourceName: 'agent-1', subject: serviceAccount('default', 'jenkins') });
  });

  it('never takes a name for a list, nor when two URLs disagree', () => {
    expectOne('GET https://h/api/v1/namespaces/default/pods/web-0\nUser "alice" cannot list resource "pods" in API group "" in the namespace "default"', { resourceName: null });
    expectOne('GET https://h/api/v1/namespaces/default/pods/a\nGET https://h/api/v1/namespaces/default/pods/b\nUser "alice" cannot get resource "pods" in API group "" in the namespace "default"', { resourceName: null });
  });

  it('reads the API server\'s own log of a denial (klog and structured)', () => {
    expectOne('I1129 10:00:00.123456       1 authorization.go:73] Forbidden: "/", Reason: ""', { kind: 'rbac-partial', scope: 'non-resource', nonResourceURL: '/', verb: null, subject: unknownSubject });
    expectOne('I1129 10:00:00.123456       1 authorization.go:73] Forbidden: "/api/v1/namespaces/kube-system/secrets?limit=500", Reason: ""', { resource: 'secrets', namespace: 'kube-system', verb: null });
    expectOne('I1129 10:00:00.123456       1 authorization.go:82] "Forbidden" URI="/apis/apps/v1/namespaces/x/deployments/web" reason=""', { apiGroup: 'apps', resource: 'deployments', resourceName: 'web', namespace: 'x' });
  });

  it('reads metrics-server\'s kubelet scrape failures as get nodes/stats (or nodes/metrics) for its ServiceAccount', () => {
    const stats = expectOne('E1129 10:00:00.000000       1 scraper.go:149] "Failed to scrape node" err="GET \\"https://10.0.0.5:10250/stats/summary?only_cpu_and_memory=true\\": bad status code \\"403 Forbidden\\"" node="worker-1"', {
      kind: 'kubelet-authz', subject: serviceAccount('kube-system', 'metrics-server'), verb: 'get', apiGroup: '', resource: 'nodes', subresource: 'stats', scope: 'cluster',
    });
    assert.match(stats.explanation!, /default install/);
    expectOne('E1129 10:00:00.000000       1 scraper.go:147] "Failed to scrape node" err="GET \\"https://worker-1:10250/metrics/resource\\": bad status code \\"403 Forbidden\\"" node="worker-1"', { subresource: 'metrics' });
    expectOne('E1129 10:00:00.000000       1 scraper.go:149] "Failed to scrape node" err="request failed, status: \\"403 Forbidden\\"" node="worker-1"', { subresource: 'metrics', subject: serviceAccount('kube-system', 'metrics-server') });
  });

  it('reads another scraper\'s kubelet 403 as a partial nodes/metrics denial', () => {
    expectOne('"target": "https://10.0.126.153:10250/metrics/cadvisor", "error": "server returned HTTP status 403 Forbidden"', { kind: 'kubelet-authz-partial', subject: unknownSubject, resource: 'nodes', subresource: 'metrics' });
  });

  it('reads escalation errors quoted inside Ansible or JSON output at any depth', () => {
    const message = 'roles.rbac.authorization.k8s.io "pod-reader" is forbidden: user "system:serviceaccount:ci:deployer" (groups=["system:serviceaccounts" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}';
    const status = JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason: 'Forbidden', code: 403 });
    const ansible = `fatal: [localhost]: FAILED! => ${JSON.stringify({ changed: false, error: 403, msg: `Failed to create object: b'${status}'` })}`;
    for (const text of [ansible, JSON.stringify({ results: [{ msg: ansible }] }), jsonEscape(jsonEscape(ansible))]) {
      expectOne(text, { kind: 'rbac-escalation', subject: { ...serviceAccount('ci', 'deployer'), groups: ['system:serviceaccounts', 'system:authenticated'] }, resourceName: 'pod-reader', missingRules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }] });
    }
  });

  it('leaves look-alikes alone: webhooks, cloud IAM, a web server\'s 403', () => {
    assert.deepStrictEqual(parseForbiddenMessage('Error from server (Forbidden): admission webhook "validate.kyverno.svc" denied the request: policy disallow-latest').map((d) => d.kind), ['admission-webhook']);
    assert.deepStrictEqual(parseForbiddenMessage('An error occurred (AccessDeniedException) when calling the DescribeCluster operation: User: arn:aws:iam::1:user/x is not authorized to perform: eks:DescribeCluster').map((d) => d.kind), ['cloud-iam']);
    assert.deepStrictEqual(parseForbiddenMessage('<html><head><title>403 Forbidden</title></head><body><center>nginx</center></body></html>').map((d) => d.rbac), [false]);
  });
});
