import * as assert from 'assert';
import { parseForbiddenMessage } from '../../../server/src/core/forbidden/parse-forbidden-message';

// Lines in the RBAC authorizer's -v=2 log format (rbac.go: "RBAC DENY: user %q groups %q cannot %s %s").
describe('the RBAC authorizer\'s own DENY log lines', () => {
  it('reads a named, namespaced request with its group and subresource, and the user\'s groups', () => {
    const [d] = parseForbiddenMessage('I0301 10:00:00.000000       1 rbac.go:118] RBAC DENY: user "system:serviceaccount:shop:web" groups ["system:serviceaccounts" "system:serviceaccounts:shop" "system:authenticated"] cannot "patch" resource "deployments.apps/scale" named "web" in namespace "shop"');
    assert.deepStrictEqual(d, {
      rbac: true, kind: 'rbac', subject: { kind: 'ServiceAccount', name: 'web', namespace: 'shop', groups: ['system:serviceaccounts', 'system:serviceaccounts:shop', 'system:authenticated'] },
      verb: 'patch', apiGroup: 'apps', resource: 'deployments', subresource: 'scale', resourceName: 'web', namespace: 'shop', scope: 'namespaced', nonResourceURL: null,
    });
  });

  it('reads a core resource (no group written) cluster-wide, and a non-resource URL', () => {
    const denials = parseForbiddenMessage('RBAC DENY: user "alice" groups [] cannot "list" resource "nodes" cluster-wide\nRBAC DENY: user "bob" groups ["dev"] cannot "get" nonResourceURL "/healthz" cluster-wide');
    assert.deepStrictEqual(denials.map((d) => [d.subject?.name, d.verb, d.apiGroup, d.resource, d.scope, d.nonResourceURL]), [
      ['alice', 'list', '', 'nodes', 'cluster', null],
      ['bob', 'get', null, null, 'non-resource', '/healthz'],
    ]);
  });

  it('the API server\'s Forbidden line for the same request adds no second, nameless denial', () => {
    const denials = parseForbiddenMessage([
      'I1201 19:45:45.532324       1 rbac.go:116] RBAC DENY: user "u" groups ["system:authenticated"] cannot "list" resource "services" cluster-wide',
      'I1201 19:45:45.532343       1 authorization.go:59] Forbidden: "/api/v1/services?resourceVersion=0", Reason: ""',
      'I1201 19:45:45.532363       1 wrap.go:42] GET /api/v1/services?resourceVersion=0: (260.093µs) 403 [[kube-proxy] 10.0.0.1:35168]',
      'I1201 19:45:46.000000       1 authorization.go:59] Forbidden: "/api/v1/endpoints?resourceVersion=0", Reason: ""',
      'I1201 19:45:46.000001       1 wrap.go:42] GET /api/v1/endpoints?resourceVersion=0: (260.093µs) 403 [[kube-proxy] 10.0.0.1:35168]',
    ].join('\n'));
    assert.deepStrictEqual(denials.map((d) => [d.subject?.name ?? null, d.verb, d.resource]), [['u', 'list', 'services'], [null, 'list', 'endpoints']]);
  });
});

describe('escalation messages in the API server\'s old formats', () => {
  it('a user name with a space in the Go struct dump (empty UID printed as a second space) is read whole', () => {
    const [d] = parseForbiddenMessage('clusterroles.rbac.authorization.k8s.io "x" is forbidden: attempt to grant extra privileges: [{[*] [*] [*] [] []}] user=&{Kubernetes admin  [system:authenticated] map[]} ownerrules=[] ruleResolutionErrors=[]');
    assert.deepStrictEqual(d.subject, { kind: 'User', name: 'Kubernetes admin', namespace: null, groups: ['system:authenticated'] });
    const [withUid] = parseForbiddenMessage('roles.rbac.authorization.k8s.io "x" is forbidden: attempt to grant extra privileges: [{[get] [] [pods] [] []}] user=&{jane doe 1f2e [dev] map[]} ownerrules=[]');
    assert.strictEqual(withUid.subject?.name, 'jane doe');
  });

  it('the role written is taken from the API server\'s Forbidden line just before (a POST to the collection is a create)', () => {
    const [d] = parseForbiddenMessage('Forbidden: "/apis/rbac.authorization.k8s.io/v1/namespaces/shop/roles", Reason: No policy matched.\nattempt to grant extra privileges: [{[create] <nil> [] [pods] [] []}] user=&{bob  [dev] map[]} ownerrules=[] ruleResolutionErrors=[]');
    assert.deepStrictEqual([d.kind, d.subject?.name, d.verb, d.apiGroup, d.resource, d.namespace, d.scope], ['rbac-escalation', 'bob', 'create', 'rbac.authorization.k8s.io', 'roles', 'shop', 'namespaced']);
  });
});
