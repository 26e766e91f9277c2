import * as assert from 'assert';
import { parseForbiddenMessage } from '../../../server/src/core/forbidden/parse-forbidden-message';
import { expectFields, expectOne, jsonEscape, parseContract, serviceAccount, unknownSubject, user } from './helpers';

const EXEC = 'pods "web-0" is forbidden: User "alice" cannot create resource "pods/exec" in API group "" in the namespace "default"';
const EXEC_FIELDS = {
  rbac: true, kind: 'rbac', subject: user('alice'), verb: 'create', apiGroup: '', resource: 'pods', subresource: 'exec',
  resourceName: 'web-0', namespace: 'default', scope: 'namespaced', nonResourceURL: null,
} as const;

describe('403 parser: current apiserver messages', () => {
  it('reads pods/exec in a namespace with the pod name', () => {
    assert.deepStrictEqual(parseContract(EXEC), [EXEC_FIELDS]);
  });

  it('reads a cluster-scoped list', () => {
    expectOne('nodes is forbidden: User "alice" cannot list resource "nodes" in API group "" at the cluster scope', {
      verb: 'list', apiGroup: '', resource: 'nodes', namespace: null, scope: 'cluster', resourceName: null,
    });
  });

  it('reads a custom group and a named object', () => {
    expectOne('widgets.example.com "w1" is forbidden: User "bob" cannot delete resource "widgets" in API group "example.com" in the namespace "prod"', {
      kind: 'rbac', verb: 'delete', apiGroup: 'example.com', resource: 'widgets', resourceName: 'w1', namespace: 'prod',
    });
  });

  it('keeps everything after the first slash as the subresource', () => {
    expectOne('userextras.authentication.k8s.io "abc" is forbidden: User "alice" cannot impersonate resource "userextras/authentication.kubernetes.io/pod-uid" in API group "authentication.k8s.io" at the cluster scope', {
      kind: 'impersonation', verb: 'impersonate', resource: 'userextras', subresource: 'authentication.kubernetes.io/pod-uid', resourceName: 'abc',
    });
  });

  it('recognises ServiceAccounts only from system:serviceaccount:NS:NAME', () => {
    expectOne('secrets is forbidden: User "system:serviceaccount:ci:deployer" cannot list resource "secrets" in API group "" in the namespace "prod"', {
      subject: serviceAccount('ci', 'deployer'), namespace: 'prod',
    });
    expectOne('secrets is forbidden: User "serviceaccount:ci:deployer" cannot list resource "secrets" in API group "" in the namespace "prod"', {
      subject: user('serviceaccount:ci:deployer'),
    });
  });

  it('reads the non-resource form', () => {
    assert.deepStrictEqual(parseContract('forbidden: User "x" cannot get path "/metrics"'), [{
      rbac: true, kind: 'rbac', subject: user('x'), verb: 'get', apiGroup: null, resource: null, subresource: null,
      resourceName: null, namespace: null, scope: 'non-resource', nonResourceURL: '/metrics',
    }]);
  });

  it('decodes the HTML escaping the API server applies to &, < and >', () => {
    expectOne('forbidden: User "NAME" cannot get path "/&lt;script&gt;"', { nonResourceURL: '/<script>' });
  });

  it('keeps RBAC resolution errors, one or several, with their quotes', () => {
    expectOne('pods is forbidden: User "vickey" cannot list resource "pods" in API group "" in the namespace "default": RBAC: clusterrole.rbac.authorization.k8s.io "test-role" not found', {
      rbacErrors: 'clusterrole.rbac.authorization.k8s.io "test-role" not found', scope: 'namespaced',
    });
    expectOne('pods is forbidden: User "v" cannot list resource "pods" in API group "" in the namespace "d": RBAC: [clusterrole.rbac.authorization.k8s.io "a" not found, role.rbac.authorization.k8s.io "b" not found]', {
      rbacErrors: 'clusterrole.rbac.authorization.k8s.io "a" not found, role.rbac.authorization.k8s.io "b" not found',
    });
  });

  it('tolerates an authorizer name before the RBAC reason', () => {
    expectOne('pods is forbidden: User "v" cannot list resource "pods" in API group "" in the namespace "d": rbac: RBAC: role.rbac.authorization.k8s.io "r" not found', {
      rbacErrors: 'role.rbac.authorization.k8s.io "r" not found',
    });
  });

  it('ignores cloud suffixes but keeps the denial', () => {
    const d = expectOne('pods is forbidden: User "me@example.com" cannot create resource "pods" in API group "" in the namespace "default": requires one of ["container.pods.create"] permission(s).', {
      subject: user('me@example.com'), verb: 'create', resource: 'pods', namespace: 'default',
    });
    assert.strictEqual(d.rbacErrors, undefined);
    assert.match(d.explanation ?? '', /IAM/);
    const azure = expectOne('pods is forbidden: User "0f3c-guid" cannot list resource "pods" in API group "" in the namespace "default": User does not have access to the resource in Azure. Update role assignment to allow access.', {
      kind: 'rbac', subject: user('0f3c-guid'), verb: 'list',
    });
    assert.match(azure.explanation ?? '', /Azure role assignment/);
  });

  it('marks Node authorizer denials and explains them', () => {
    const d = expectOne('secrets "s" is forbidden: User "system:node:n1" cannot get resource "secrets" in API group "" in the namespace "default": no relationship found between node \'n1\' and this object', {
      kind: 'node-authorizer', subject: user('system:node:n1'), resourceName: 's',
    });
    assert.match(d.explanation ?? '', /Node authorizer/);
  });

  it('explains why anonymous and control-plane denials should not simply be granted', () => {
    const anonymous = parseForbiddenMessage('forbidden: User "system:anonymous" cannot get path "/"')[0];
    assert.match(anonymous.explanation ?? '', /credentials/);
    const scheduler = parseForbiddenMessage('pods is forbidden: User "system:kube-scheduler" cannot list resource "pods" in API group "" at the cluster scope')[0];
    assert.match(scheduler.explanation ?? '', /control-plane/);
    const plain = parseForbiddenMessage(EXEC)[0];
    assert.strictEqual(plain.explanation, undefined);
  });

  it('reads a message cut before the scope as scope unknown', () => {
    expectOne('User "system:serviceaccount:deis:ctl" cannot update resource "deployments/scale" in API group "apps"', {
      kind: 'rbac', resource: 'deployments', subresource: 'scale', namespace: null, scope: 'unknown',
    });
  });

  it('reads a message cut inside the resource as partial: the resource and subresource are not known', () => {
    expectOne('pods "x" is forbidden: User "system:serviceaccount:a:b" cannot get resource "pods/lo', {
      kind: 'rbac-partial', subject: serviceAccount('a', 'b'), verb: 'get', resource: null, subresource: null, resourceName: 'x', scope: 'unknown',
    });
  });

  it('reads a denial with an empty reason as partial (exec WebSocket check, create-on-update)', () => {
    const d = expectOne('Error from server (Forbidden): pods "my-pod" is forbidden: ', {
      rbac: true, kind: 'rbac-partial', subject: unknownSubject, verb: null, apiGroup: '', resource: 'pods', resourceName: 'my-pod', scope: 'unknown',
    });
    assert.match(d.explanation ?? '', /create/);
    expectOne('{"kind":"Status","message":"deployments.apps \\"web\\" is forbidden: ","reason":"Forbidden","code":403}', {
      kind: 'rbac-partial', apiGroup: 'apps', resource: 'deployments', resourceName: 'web',
    });
  });
});

describe('403 parser: messages before 1.12', () => {
  it('reads the unquoted resource and infers the core group', () => {
    expectOne('pods is forbidden: User "bob" cannot list pods in the namespace "default"', {
      kind: 'rbac', verb: 'list', apiGroup: '', resource: 'pods', namespace: 'default', scope: 'namespaced',
    });
  });

  it('reads the group glued before the subresource', () => {
    expectOne('deployments.apps "web" is forbidden: User "bob" cannot get deployments.apps/scale in the namespace "ns"', {
      apiGroup: 'apps', resource: 'deployments', subresource: 'scale', resourceName: 'web', namespace: 'ns',
    });
  });

  it('reads the group written after the subresource', () => {
    expectOne('User "bob" cannot update serviceinstances/finalizers.servicecatalog.k8s.io in the namespace "ns"', {
      apiGroup: 'servicecatalog.k8s.io', resource: 'serviceinstances', subresource: 'finalizers',
    });
  });

  it('reads the ≤ 1.7 plain-text form with its trailing period and quoted reason', () => {
    expectOne('User "bob" cannot list secrets in the namespace "default".: "no RBAC policy matched"', {
      verb: 'list', apiGroup: '', resource: 'secrets', namespace: 'default',
    });
  });

  it('takes the object name from kubectl\'s hint', () => {
    expectOne('Error from server (Forbidden): User "bob" cannot get secrets in the namespace "prod". (get secrets db-pass)', {
      resource: 'secrets', resourceName: 'db-pass', verb: 'get',
    });
  });

  it('leaves the group unknown for a bare resource nobody serves', () => {
    expectOne('User "bob" cannot list frobnicators in the namespace "ns"', { apiGroup: null, resource: 'frobnicators' });
  });

  it('uses the group guess it is given', () => {
    const [d] = parseForbiddenMessage('User "bob" cannot list frobnicators in the namespace "ns"', { groupFor: (r) => (r === 'frobnicators' ? 'example.com' : null) });
    assert.strictEqual(d.apiGroup, 'example.com');
  });

  it('reads OpenShift 3 phrasings', () => {
    expectOne('User "dev" cannot list all namespaces in the cluster', { resource: 'namespaces', verb: 'list', scope: 'cluster', apiGroup: '' });
    expectOne('User "dev" cannot get deploymentconfigs.apps.openshift.io in project "myproj"', {
      apiGroup: 'apps.openshift.io', resource: 'deploymentconfigs', namespace: 'myproj', scope: 'namespaced',
    });
  });
});

describe('403 parser: escaping, wrapping and decoration', () => {
  it('unescapes quotes one level deep (JSON Status body)', () => {
    const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: EXEC, reason: 'Forbidden', code: 403 });
    assert.deepStrictEqual(parseContract(body), [EXEC_FIELDS]);
  });

  it('unescapes quotes two levels deep (a Status body inside a JSON log line)', () => {
    const body = JSON.stringify({ kind: 'Status', message: EXEC, code: 403 });
    const log = JSON.stringify({ level: 'error', msg: 'request failed', body });
    assert.ok(log.includes('\\\\\\"alice\\\\\\"'));
    assert.deepStrictEqual(parseContract(log), [EXEC_FIELDS]);
  });

  it('unescapes quotes three levels deep', () => {
    const three = JSON.stringify(JSON.stringify(JSON.stringify({ message: EXEC })));
    assert.deepStrictEqual(parseContract(three), [EXEC_FIELDS]);
  });

  it('reads escaped line breaks as line breaks, not as part of the next word', () => {
    const old = 'pods is forbidden: User "bob" cannot list pods in the namespace "dev"';
    expectOne(`{"message":"sync failed\\n${jsonEscape(old)}\\n"}`, { resource: 'pods', apiGroup: '', namespace: 'dev' });
  });

  it('re-joins a message hard-wrapped between words', () => {
    const wrapped = 'Error from server (Forbidden): pods "web-0" is forbidden: User "alice" cannot\n    create resource "pods/exec" in API group "" in the\n    namespace "default"';
    assert.deepStrictEqual(parseContract(wrapped), [EXEC_FIELDS]);
  });

  it('re-joins a message hard-wrapped in the middle of words', () => {
    const wrapped = 'pods "web-0" is forbidden: User "system:serviceaccount:ci:dep\nloyer" cannot create resource "pods/ex\nec" in API group "" in the namesp\nace "default"';
    expectOne(wrapped, { subject: serviceAccount('ci', 'deployer'), subresource: 'exec', namespace: 'default', scope: 'namespaced' });
  });

  it('re-joins only the wrapped message of a log whose other lines are whole', () => {
    const log = [
      'E1 pods is forbidden: User "a" cannot list resource "pods" in API group "" at the cluster scope',
      'E2 nodes is forbidden: User "a" cannot list resource "nodes" in API group "" at the cluster sc',
      'ope',
      'E3 configmaps is forbidden: User "b" cannot',
      'list configmaps in the namespace "x"',
      'E4 secrets is forbidden: User "c" cann',
      'ot list resource "secrets" in API group "" in the namespace "y"',
    ].join('\n');
    assert.deepStrictEqual(parseContract(log).map((d) => [d.subject?.name, d.resource, d.scope, d.namespace]), [
      ['a', 'pods', 'cluster', null], ['a', 'nodes', 'cluster', null], ['b', 'configmaps', 'namespaced', 'x'], ['c', 'secrets', 'namespaced', 'y'],
    ]);
  });

  it('strips Terraform box drawing', () => {
    const box = '╷\n│ Error: namespaces is forbidden: User "system:serviceaccount:tf:runner" cannot create resource\n│ "namespaces" in API group "" at the cluster scope\n│\n│   with kubernetes_namespace.x,\n╵';
    expectOne(box, { subject: serviceAccount('tf', 'runner'), verb: 'create', resource: 'namespaces', scope: 'cluster' });
  });

  it('strips markdown emphasis and code marks', () => {
    expectOne('**Error from server (Forbidden)**: `secrets is forbidden: User "bob" cannot list resource "secrets" in API group "" in the namespace "prod"`', {
      subject: user('bob'), resource: 'secrets', namespace: 'prod',
    });
  });

  it('reads typographic quotes and markdown auto-links of a chat paste', () => {
    expectOne('secrets is forbidden: User \u201c[alice@example.com](mailto:alice@example.com)\u201d cannot list resource \u201csecrets\u201d in API group \u201c\u201d in the namespace \u201cprod\u201d', {
      subject: user('alice@example.com'), resource: 'secrets', namespace: 'prod', scope: 'namespaced',
    });
  });

  it('stays fast on long pastes and pathological input', () => {
    const line = 'E1004 reflector.go:561] failed to list *v1.Secret: secrets is forbidden: User "system:serviceaccount:a:b" cannot list resource "secrets" in API group "" at the cluster scope';
    for (const text of [Array(5000).fill(line).join('\n'), 'a'.repeat(500_000), '\\'.repeat(200_000), 'User "a" cannot '.repeat(50_000)]) {
      const started = Date.now();
      parseForbiddenMessage(text);
      assert.ok(Date.now() - started < 5000, `${text.length} characters took ${Date.now() - started} ms`);
    }
  });

  it('survives input with no message at all', () => {
    assert.deepStrictEqual(parseForbiddenMessage(''), []);
    assert.deepStrictEqual(parseForbiddenMessage('everything is fine'), []);
  });
});

describe('403 parser: client and tool wrappers', () => {
  it('reads a Python ApiException body', () => {
    const body = JSON.stringify({ kind: 'Status', message: 'configmaps "c" is forbidden: User "system:serviceaccount:a:b" cannot patch resource "configmaps" in API group "" in the namespace "a"', reason: 'Forbidden', details: { name: 'c', kind: 'configmaps' }, code: 403 });
    expectOne(`kubernetes.client.exceptions.ApiException: (403)\nReason: Forbidden\nHTTP response headers: HTTPHeaderDict({'Audit-Id': 'x'})\nHTTP response body: ${body}`, {
      subject: serviceAccount('a', 'b'), verb: 'patch', resource: 'configmaps', resourceName: 'c', namespace: 'a',
    });
  });

  it('reads a client-node 1.x error whose body is an escaped JSON string', () => {
    const body = JSON.stringify({ kind: 'Status', message: 'leases.coordination.k8s.io "l" is forbidden: User "system:serviceaccount:x:y" cannot get resource "leases" in API group "coordination.k8s.io" in the namespace "x"', code: 403 });
    expectOne(`HttpError: HTTP-Code: 403\nMessage: Unknown API Status Code!\nBody: ${JSON.stringify(body)}`, {
      apiGroup: 'coordination.k8s.io', resource: 'leases', resourceName: 'l', namespace: 'x',
    });
  });

  it('reads fabric8 with a server message, preferring it to the URL', () => {
    expectOne('io.fabric8.kubernetes.client.KubernetesClientException: Failure executing: GET at: https://10.0.0.1/api/v1/namespaces/ci/pods/p1. Message: Forbidden!Configured service account doesn\'t have access. Service account may have been revoked. pods "p1" is forbidden: User "system:serviceaccount:ci:jenkins" cannot get resource "pods" in API group "" in the namespace "ci".', {
      kind: 'rbac', subject: serviceAccount('ci', 'jenkins'), resourceName: 'p1',
    });
  });

  it('derives a partial denial from a request URL alone', () => {
    expectOne('Error: Delete "https://10.0.0.1:443/apis/apps/v1/namespaces/web/deployments": Forbidden', {
      kind: 'rbac-partial', subject: unknownSubject, verb: 'deletecollection', apiGroup: 'apps', resource: 'deployments', namespace: 'web', scope: 'namespaced',
    });
    expectOne("403 Client Error: Forbidden for url: https://k:443/api/v1/namespaces/ns/pods/p/log?container=c", {
      verb: 'get', resource: 'pods', subresource: 'log', resourceName: 'p', namespace: 'ns',
    });
    expectOne("aiohttp.client_exceptions.ClientResponseError: 403, message='Forbidden', url=URL('https://10.0.0.1/api/v1/pods?watch=true')", {
      verb: 'watch', resource: 'pods', scope: 'cluster',
    });
  });

  it('reads Flux, Helm and reflector wrappers', () => {
    expectOne('kustomization/apps.flux-system - reconciliation failed: Deployment/default/web dry-run failed, reason: Forbidden: deployments.apps "web" is forbidden: User "system:serviceaccount:flux-system:kustomize-controller" cannot patch resource "deployments" in API group "apps" in the namespace "default"', {
      verb: 'patch', subject: serviceAccount('flux-system', 'kustomize-controller'), resourceName: 'web',
    });
    expectOne('Error: INSTALLATION FAILED: could not get information about the resource ServiceAccount "x" in namespace "y": serviceaccounts "x" is forbidden: User "u" cannot get resource "serviceaccounts" in API group "" in the namespace "y"', {
      resource: 'serviceaccounts', resourceName: 'x', namespace: 'y',
    });
    expectOne('E0101 12:00:00.000000 1 reflector.go:138] k8s.io/client-go/tools/cache/reflector.go:167: Failed to watch *v1.Secret: failed to list *v1.Secret: secrets is forbidden: User "system:serviceaccount:a:b" cannot list resource "secrets" in API group "" at the cluster scope', {
      verb: 'list', resource: 'secrets', scope: 'cluster',
    });
  });

  it('reads a failed can-i check, and nothing from a yes', () => {
    expectOne('$ kubectl auth can-i list deploy -n prod --as system:serviceaccount:prod:app\nno', {
      rbac: true, kind: 'can-i', subject: serviceAccount('prod', 'app'), verb: 'list', apiGroup: 'apps', resource: 'deployments', namespace: 'prod', scope: 'namespaced',
    });
    expectOne('$ kubectl auth can-i get nodes --as alice\nno', { kind: 'can-i', resource: 'nodes', apiGroup: '', scope: 'cluster' });
    assert.deepStrictEqual(parseForbiddenMessage('$ kubectl auth can-i get pods\nyes'), []);
  });
});

describe('403 parser: several denials in one paste', () => {
  it('lists distinct denials in order of first appearance, each once', () => {
    const a = 'pods is forbidden: User "a" cannot list resource "pods" in API group "" at the cluster scope';
    const b = 'nodes is forbidden: User "a" cannot list resource "nodes" in API group "" at the cluster scope';
    const denials = parseContract(`W ${a}\nE ${b}\nW ${a}\nE "err=\\"${jsonEscape(b)}\\""`);
    assert.deepStrictEqual(denials.map((d) => d.resource), ['pods', 'nodes']);
  });

  it('keeps denials that differ only in the object name', () => {
    const one = (name: string) => `secrets "${name}" is forbidden: User "a" cannot get resource "secrets" in API group "" in the namespace "n"`;
    assert.deepStrictEqual(parseContract(`${one('x')}\n${one('y')}`).map((d) => d.resourceName), ['x', 'y']);
  });

  it('mixes RBAC denials and look-alikes', () => {
    const denials = parseForbiddenMessage('Error from server (Forbidden): pods "p" is forbidden: exceeded quota: compute, requested: cpu=2\nError from server (Forbidden): services is forbidden: User "u" cannot list resource "services" in API group "" in the namespace "n"');
    assert.deepStrictEqual(denials.map((d) => [d.kind, d.rbac]), [['quota', false], ['rbac', true]]);
  });
});

describe('403 parser: special denials', () => {
  it('reads the kubelet shape with kubectl\'s request hint', () => {
    const d = expectOne('Error from server (Forbidden): Forbidden (user=kube-apiserver, verb=get, resource=nodes, subresource=proxy) ( pods/log web-0)', {
      rbac: true, kind: 'kubelet-authz', subject: user('kube-apiserver'), verb: 'get', apiGroup: '', resource: 'nodes', subresource: 'proxy', scope: 'cluster',
    });
    assert.match(d.explanation ?? '', /kubelet-api-admin/);
  });

  it('reads the same shape from another server as delegated authorization', () => {
    expectOne('Forbidden (user=system:serviceaccount:monitoring:prometheus, verb=get, resource=pods, subresource=)', {
      kind: 'delegated-authz', subject: serviceAccount('monitoring', 'prometheus'), resource: 'pods',
    });
    expectOne('Forbidden (user=system:serviceaccount:monitoring:prometheus, verb=get, resource=, subresource=)', {
      kind: 'kubelet-authz-partial', verb: 'get', resource: null,
    });
  });

  it('reads a current escalation message with two missing rules', () => {
    const text = 'Error from server (Forbidden): error when creating "role.yaml": clusterroles.rbac.authorization.k8s.io "ops" is forbidden: user "bob" (groups=["dev" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["delete" "get"]}\n{APIGroups:["apps"], Resources:["deployments"], ResourceNames:["web"], Verbs:["patch"]}';
    expectOne(text, {
      kind: 'rbac-escalation', verb: 'create', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles', resourceName: 'ops', scope: 'cluster',
      subject: { kind: 'User', name: 'bob', namespace: null, groups: ['dev', 'system:authenticated'] },
      missingRules: [
        { verbs: ['delete', 'get'], apiGroups: [''], resources: ['pods'] },
        { verbs: ['patch'], apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'] },
      ],
    });
  });

  it('reads an escalation message inside a JSON body, with non-resource URLs', () => {
    const message = 'roles.rbac.authorization.k8s.io "r" is forbidden: user "system:serviceaccount:ci:bot" (groups=["system:serviceaccounts"]) is attempting to grant RBAC permissions not currently held:\n{NonResourceURLs:["/metrics"], Verbs:["get"]}\n{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}';
    expectOne(JSON.stringify({ kind: 'Status', message, code: 403 }), {
      resource: 'roles', resourceName: 'r', subject: { kind: 'ServiceAccount', name: 'bot', namespace: 'ci', groups: ['system:serviceaccounts'] },
      missingRules: [
        { verbs: ['get'], apiGroups: [], resources: [], nonResourceURLs: ['/metrics'] },
        { verbs: ['get', 'list'], apiGroups: [''], resources: ['secrets'] },
      ],
    });
  });

  it('keeps an escalation message\'s resolution errors', () => {
    expectOne('roles.rbac.authorization.k8s.io "r" is forbidden: user "bob" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["get"]}; resolution errors: [role.rbac.authorization.k8s.io "missing" not found]', {
      missingRules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }],
      rbacErrors: 'role.rbac.authorization.k8s.io "missing" not found',
    });
  });

  it('reads the old escalation dump with the core group as ""', () => {
    expectOne('rolebindings.rbac.authorization.k8s.io "user2-volume" is forbidden: attempt to grant extra privileges: [{[get] [] [persistentvolumes] [] []} {[list] [apps] [deployments] [] []}] user=&{user1  [system:authenticated] map[]} ownerrules=[] ruleResolutionErrors=[]', {
      kind: 'rbac-escalation', resource: 'rolebindings', resourceName: 'user2-volume',
      subject: { kind: 'User', name: 'user1', namespace: null, groups: ['system:authenticated'] },
      missingRules: [
        { verbs: ['get'], apiGroups: [''], resources: ['persistentvolumes'], resourceNames: [], nonResourceURLs: [] },
        { verbs: ['list'], apiGroups: ['apps'], resources: ['deployments'], resourceNames: [], nonResourceURLs: [] },
      ],
    });
  });

  it('reads the aggregationRule escalation as needing full authority', () => {
    const d = expectOne('clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule', {
      kind: 'rbac-escalation', resource: 'clusterroles', resourceName: 'agg', scope: 'cluster',
    });
    assert.deepStrictEqual(d.missingRules?.[0], { verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    assert.match(d.explanation ?? '', /escalate/);
  });

  it('reads impersonation of a ServiceAccount', () => {
    expectOne('serviceaccounts "builder" is forbidden: User "alice" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "ci"', {
      kind: 'impersonation', verb: 'impersonate', resource: 'serviceaccounts', resourceName: 'builder', namespace: 'ci',
    });
  });

  it('reads CSR approval and blockOwnerDeletion', () => {
    expectOne('certificatesigningrequests.certificates.k8s.io "csr-1" is forbidden: user not permitted to approve requests with signerName "example.com/foo"', {
      kind: 'csr-approval', verb: 'approve', apiGroup: 'certificates.k8s.io', resource: 'signers', resourceName: 'example.com/foo',
    });
    expectOne('pods "p" is forbidden: cannot set blockOwnerDeletion if an ownerReference refers to a resource you can\'t set finalizers on: User "system:serviceaccount:op:mgr" cannot update resource "widgets/finalizers" in API group "example.com" in the namespace "ns"', {
      kind: 'owner-reference-finalizers', subject: serviceAccount('op', 'mgr'), apiGroup: 'example.com', resource: 'widgets', subresource: 'finalizers', namespace: 'ns',
    });
  });

  it('gives each denial its contract fields and nothing unexpected', () => {
    const keys = Object.keys(parseContract(EXEC)[0]).sort();
    assert.deepStrictEqual(keys, ['apiGroup', 'kind', 'namespace', 'nonResourceURL', 'rbac', 'resource', 'resourceName', 'scope', 'subject', 'subresource', 'verb']);
    expectFields(parseForbiddenMessage(EXEC)[0], { explanation: undefined });
  });
});
