import * as assert from 'node:assert';
import { extraVerbs, KUBELET_SUBRESOURCES, KUBELET_VERBS, PERMISSION_ONLY, permissionOnly } from '../../../server/src/core/catalog/permission-only';
import { KNOWN_VERBS } from '../../../server/src/core/catalog/verbs';

const CERTS = 'certificates.k8s.io';
const AUTHN = 'authentication.k8s.io';
const RBAC = 'rbac.authorization.k8s.io';

describe('catalog: permission-only names (RBAC-SEMANTICS 5)', () => {
  const cases: [string, string, string | undefined, string | undefined][] = [
    // group, resource, expected entry, a verb it allows
    ['', 'nodes/stats', 'nodes/stats', 'get'],
    ['', 'nodes/metrics', 'nodes/metrics', 'get'],
    ['', 'nodes/log', 'nodes/log', 'get'],
    ['', 'nodes/spec', 'nodes/spec', 'get'],
    ['', 'nodes/checkpoint', 'nodes/checkpoint', 'create'],
    ['', 'nodes/pods', 'nodes/pods', 'get'],
    ['', 'nodes/healthz', 'nodes/healthz', 'get'],
    ['', 'nodes/configz', 'nodes/configz', 'get'],
    ['', 'nodes/statusz', 'nodes/statusz', 'get'],
    ['', 'users', 'users', 'impersonate'],
    ['', 'groups', 'groups', 'impersonate'],
    [AUTHN, 'uids', 'uids', 'impersonate'],
    [AUTHN, 'userextras', 'userextras', 'impersonate'],
    [AUTHN, 'userextras/scopes', 'userextras/*', 'impersonate'],
    [AUTHN, 'userextras/reason', 'userextras/*', 'impersonate'],
    [CERTS, 'signers', 'signers', 'approve'],
    [CERTS, 'signers', 'signers', 'sign'],
    [CERTS, 'certificatesigningrequests/nodeclient', 'certificatesigningrequests/nodeclient', 'create'],
    [CERTS, 'certificatesigningrequests/selfnodeclient', 'certificatesigningrequests/selfnodeclient', 'create'],
    ['', 'pods/finalizers', '*/finalizers', 'update'],
    ['example.com', 'widgets/finalizers', '*/finalizers', 'update'],
    ['', 'endpoints/restricted', 'endpoints/restricted', 'create'],
    // not permission-only
    ['', 'nodes/proxy', undefined, undefined],
    ['', 'users/foo', undefined, undefined],
    ['', 'uids', undefined, undefined],
    [AUTHN, 'userextras/', undefined, undefined],
    [CERTS, 'users', undefined, undefined],
    ['', 'signers', undefined, undefined],
    ['', 'pods', undefined, undefined],
    ['', '*/finalizers', '*/finalizers', 'update'],
    ['resource.k8s.io', 'resourceclaims/binding', 'resourceclaims/binding', 'update'],
    ['', 'finalizers', undefined, undefined],
  ];
  for (const [group, resource, entry, verb] of cases) {
    it(`${group || '""'} ${resource} → ${entry ?? 'not permission-only'}`, () => {
      const found = permissionOnly(group, resource);
      assert.strictEqual(found?.resource, entry);
      if (verb) assert.ok(found!.verbs.includes(verb), `${verb} in ${found!.verbs.join(',')}`);
    });
  }

  it('kubelet names use the verbs the kubelet derives from the HTTP method', () => {
    assert.deepStrictEqual([...KUBELET_VERBS].sort(), ['create', 'delete', 'get', 'patch', 'update']);
    for (const sub of KUBELET_SUBRESOURCES) assert.deepStrictEqual(permissionOnly('', `nodes/${sub}`)!.verbs.sort(), [...KUBELET_VERBS].sort());
    assert.ok(!KUBELET_SUBRESOURCES.includes('proxy'), 'nodes/proxy is a real subresource');
  });

  it('every entry names its checker and uses known verbs', () => {
    for (const entry of PERMISSION_ONLY) {
      assert.ok(entry.checkedBy.length > 0, entry.resource);
      for (const verb of entry.verbs) assert.ok(KNOWN_VERBS.includes(verb), `${entry.resource}: ${verb}`);
    }
  });

  const extras: [string, string, string[]][] = [
    [RBAC, 'roles', ['bind', 'escalate']],
    [RBAC, 'clusterroles', ['bind', 'escalate']],
    ['', 'serviceaccounts', ['impersonate']],
    // `proxy` matched only the root /proxy/ paths that Kubernetes 1.10 removed.
    ['', 'nodes', []],
    ['', 'pods', []],
    [RBAC, 'rolebindings', []],
    ['', 'configmaps', []],
  ];
  for (const [group, resource, verbs] of extras) {
    it(`extra verbs of ${group || '""'} ${resource}: ${verbs.join(', ') || 'none'}`, () => assert.deepStrictEqual(extraVerbs(group, resource), verbs));
  }
});
