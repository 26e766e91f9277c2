import * as assert from 'node:assert';
import { type CrdLike, ResourceCatalog, splitResource, stabilityOf, type TypeName } from '../../../server/src/core/catalog/catalog';

const catalog = ResourceCatalog.builtin();
const RBAC = 'rbac.authorization.k8s.io';

describe('catalog: built-in resources', () => {
  const lookups: [string, string, string | undefined, boolean | undefined][] = [
    // group, resource, Kind, namespaced (RBAC-SEMANTICS 5 spot checks)
    ['apps', 'deployments', 'Deployment', true],
    ['', 'nodes', 'Node', false],
    ['', 'persistentvolumes', 'PersistentVolume', false],
    ['', 'namespaces', 'Namespace', false],
    ['', 'pods', 'Pod', true],
    [RBAC, 'clusterroles', 'ClusterRole', false],
    [RBAC, 'roles', 'Role', true],
    ['networking.k8s.io', 'ingresses', 'Ingress', true],
    ['batch', 'cronjobs', 'CronJob', true],
    ['coordination.k8s.io', 'leases', 'Lease', true],
    ['apiextensions.k8s.io', 'customresourcedefinitions', 'CustomResourceDefinition', false],
    ['', 'deployments', undefined, undefined],
    ['extensions', 'ingresses', undefined, undefined],
    ['apps', 'Deployment', undefined, undefined],
    ['apps', 'deployments/scale', undefined, undefined],
  ];
  for (const [group, resource, kind, namespaced] of lookups) {
    it(`lookup/isNamespaced ${group || '""'} ${resource} → ${kind ?? 'unknown'}`, () => {
      assert.strictEqual(catalog.lookup(group, resource)?.kind, kind);
      assert.strictEqual(catalog.isNamespaced(group, resource), namespaced);
    });
  }

  const serving: [string, string[]][] = [
    ['deployments', ['apps']],
    ['pods', ['']],
    ['events', ['', 'events.k8s.io']],
    ['ingresses', ['networking.k8s.io']],
    ['evictions', ['lifecycle.k8s.io']],
    ['Deployment', []],
    ['widgets', []],
  ];
  for (const [resource, groups] of serving) {
    it(`groupsServing(${resource}) → [${groups.join(', ')}]`, () => assert.deepStrictEqual(catalog.groupsServing(resource).sort(), groups));
  }

  const groups: [string, boolean][] = [
    ['', true], ['apps', true], [RBAC, true], ['resource.k8s.io', true], ['extensions', false], ['example.com', false], ['*', false], ['rbac', false],
  ];
  for (const [group, known] of groups) {
    it(`isKnownGroup(${JSON.stringify(group)}) → ${known}`, () => assert.strictEqual(catalog.isKnownGroup(group), known));
  }

  it('subresourcesOf: pods, deployments, nodes, unknown', () => {
    assert.deepStrictEqual(catalog.subresourcesOf('', 'pods').sort(),
      ['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'resize', 'status']);
    assert.deepStrictEqual(catalog.subresourcesOf('apps', 'deployments').sort(), ['scale', 'status']);
    assert.deepStrictEqual(catalog.subresourcesOf('', 'nodes').sort(), ['proxy', 'status']);
    assert.deepStrictEqual(catalog.subresourcesOf('', 'widgets'), []);
  });

  const verbs: [string, string, string | undefined, string[] | undefined][] = [
    ['', 'pods', 'exec', ['create', 'get']],
    ['', 'pods', 'attach', ['create', 'get']],
    ['', 'pods', 'portforward', ['create', 'get']],
    ['', 'pods', 'log', ['get']],
    ['', 'pods', 'eviction', ['create']],
    ['', 'pods', 'logs', undefined],
    ['', 'pods', undefined, ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']],
    ['', 'bindings', undefined, ['create']],
    ['', 'componentstatuses', undefined, ['get', 'list']],
    ['', 'namespaces', undefined, ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']],
    [RBAC, 'roles', undefined, ['bind', 'create', 'delete', 'deletecollection', 'escalate', 'get', 'list', 'patch', 'update', 'watch']],
    [RBAC, 'clusterroles', undefined, ['bind', 'create', 'delete', 'deletecollection', 'escalate', 'get', 'list', 'patch', 'update', 'watch']],
    ['', 'serviceaccounts', undefined, ['create', 'delete', 'deletecollection', 'get', 'impersonate', 'list', 'patch', 'update', 'watch']],
    ['', 'serviceaccounts', 'token', ['create']],
    ['authorization.k8s.io', 'selfsubjectaccessreviews', undefined, ['create']],
    // permission-only names
    ['', 'nodes', 'stats', ['create', 'delete', 'get', 'patch', 'update']],
    ['', 'nodes', 'proxy', ['create', 'delete', 'get', 'patch', 'update']],
    ['', 'users', undefined, ['impersonate']],
    ['', 'groups', undefined, ['impersonate']],
    ['authentication.k8s.io', 'uids', undefined, ['impersonate']],
    ['authentication.k8s.io', 'userextras', 'scopes', ['impersonate']],
    ['certificates.k8s.io', 'signers', undefined, ['approve', 'attest', 'sign']],
    ['certificates.k8s.io', 'certificatesigningrequests', 'nodeclient', ['create']],
    ['certificates.k8s.io', 'certificatesigningrequests', 'approval', ['patch', 'update', 'get'].sort()],
    ['apps', 'deployments', 'finalizers', ['update']],
    ['', 'pods', 'finalizers', ['update']],
    ['apps', 'deployments', 'scale', ['get', 'patch', 'update']],
    // unknown
    ['', 'deployments', undefined, undefined],
    ['apps', 'widgets', 'finalizers', undefined],
    ['example.com', 'widgets', undefined, undefined],
  ];
  for (const [group, resource, sub, expected] of verbs) {
    it(`verbsOf ${group || '""'} ${resource}${sub ? `/${sub}` : ''} → ${expected ? expected.join(',') : 'unknown'}`, () => {
      const got = catalog.verbsOf(group, resource, sub);
      assert.deepStrictEqual(got ? [...got].sort() : got, expected ? [...expected].sort() : expected);
    });
  }

  const known: [string, string, boolean][] = [
    ['', 'pods', true], ['', 'pods/log', true], ['', 'pods/logs', false], ['', 'pods/finalizers', true],
    ['', 'nodes/metrics', true], ['', 'users', true], ['authentication.k8s.io', 'userextras/scopes', true],
    ['', 'deployments', false], ['apps', 'deployments/status', true], ['apps', 'deployments/exec', false],
    ['', 'endpoints/restricted', true],
  ];
  for (const [group, combined, answer] of known) {
    it(`isKnownResource(${group || '""'}, ${combined}) → ${answer}`, () => assert.strictEqual(catalog.isKnownResource(group, combined), answer));
  }

  const typeNames: [string, TypeName | undefined][] = [
    ['deploy', { group: 'apps', resource: 'deployments' }],
    ['deployments', { group: 'apps', resource: 'deployments' }],
    ['deployment', { group: 'apps', resource: 'deployments' }],
    ['Deployment', { group: 'apps', resource: 'deployments' }],
    ['deployments.apps', { group: 'apps', resource: 'deployments' }],
    ['deployments.v1.apps', { group: 'apps', resource: 'deployments' }],
    ['deploy.apps', { group: 'apps', resource: 'deployments' }],
    ['pods/log', { group: '', resource: 'pods', subresource: 'log' }],
    ['po', { group: '', resource: 'pods' }],
    ['pod', { group: '', resource: 'pods' }],
    ['Pod', { group: '', resource: 'pods' }],
    ['pods.core', { group: '', resource: 'pods' }],
    ['events', { group: '', resource: 'events' }],
    ['events.events.k8s.io', { group: 'events.k8s.io', resource: 'events' }],
    ['ing', { group: 'networking.k8s.io', resource: 'ingresses' }],
    ['cj', { group: 'batch', resource: 'cronjobs' }],
    ['hpa', { group: 'autoscaling', resource: 'horizontalpodautoscalers' }],
    ['clusterroles.rbac.authorization.k8s.io', { group: RBAC, resource: 'clusterroles' }],
    ['widgets.example.com', { group: 'example.com', resource: 'widgets' }],
    ['deployments.extensions', { group: 'extensions', resource: 'deployments' }],
    ['Pods', undefined],
    ['PODS', undefined],
    ['DEPLOY', undefined],
    ['widgets', undefined],
    ['', undefined],
  ];
  for (const [name, expected] of typeNames) {
    it(`resolveTypeName(${JSON.stringify(name)}) → ${expected ? JSON.stringify(expected) : 'unknown'}`, () => {
      assert.deepStrictEqual(catalog.resolveTypeName(name), expected);
    });
  }

  it('merges every served version and keeps the preferred one and its stability', () => {
    const hpa = catalog.lookup('autoscaling', 'horizontalpodautoscalers')!;
    assert.deepStrictEqual([...hpa.versions].sort(), ['v1', 'v2']);
    assert.strictEqual(hpa.preferredVersion, 'v2');
    assert.strictEqual(hpa.stability, 'stable');
    const evictions = catalog.lookup('lifecycle.k8s.io', 'evictions')!;
    assert.strictEqual(evictions.stability, 'alpha');
    const leaseCandidates = catalog.lookup('coordination.k8s.io', 'leasecandidates')!;
    assert.ok(leaseCandidates.versions.length >= 2);
    assert.ok(leaseCandidates.versions.includes(leaseCandidates.preferredVersion));
  });

  const splits: [string, [string, string | undefined]][] = [
    ['pods', ['pods', undefined]], ['pods/log', ['pods', 'log']], ['*/scale', ['*', 'scale']], ['a/b/c', ['a', 'b/c']], ['pods/', ['pods', '']],
  ];
  for (const [combined, expected] of splits) {
    it(`splitResource(${combined})`, () => assert.deepStrictEqual(splitResource(combined), expected));
  }

  const stabilities: [string, string][] = [['v1', 'stable'], ['v2', 'stable'], ['v1beta1', 'beta'], ['v2beta2', 'beta'], ['v1alpha3', 'alpha'], ['v1alpha', 'alpha']];
  for (const [version, stability] of stabilities) {
    it(`stabilityOf(${version}) → ${stability}`, () => assert.strictEqual(stabilityOf(version), stability));
  }
});

describe('catalog: CRDs of the workspace', () => {
  const widget: CrdLike = {
    group: 'example.com', plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wd'], scope: 'Namespaced',
    subresources: ['status', 'scale'], versions: ['v1beta1', 'v1'],
  };
  const gadget = { kind: 'CustomResourceDefinition', crdKind: 'Gadget', group: 'example.com', plural: 'gadgets', shortNames: [], scope: 'Cluster' as const, subresources: [], versions: ['v1alpha1'] };
  const withCrds = catalog.withCrds([widget, gadget]);

  it('adds the resources with scope, verbs, subresources and names', () => {
    const info = withCrds.lookup('example.com', 'widgets')!;
    assert.strictEqual(info.kind, 'Widget');
    assert.strictEqual(info.source, 'workspace');
    assert.strictEqual(withCrds.isNamespaced('example.com', 'widgets'), true);
    assert.strictEqual(withCrds.isNamespaced('example.com', 'gadgets'), false);
    assert.ok(withCrds.isKnownGroup('example.com'));
    assert.deepStrictEqual(withCrds.groupsServing('widgets'), ['example.com']);
    assert.deepStrictEqual(withCrds.subresourcesOf('example.com', 'widgets').sort(), ['scale', 'status']);
    assert.deepStrictEqual(withCrds.verbsOf('example.com', 'widgets', 'status')!.sort(), ['get', 'patch', 'update']);
    assert.deepStrictEqual(withCrds.verbsOf('example.com', 'widgets', 'finalizers'), ['update']);
    assert.ok(withCrds.verbsOf('example.com', 'gadgets')!.includes('deletecollection'));
    assert.strictEqual(info.preferredVersion, 'v1beta1');
    assert.strictEqual(info.stability, 'beta');
  });

  it('takes the Kind from crdKind when given a workspace CrdObject', () => {
    const info = withCrds.lookup('example.com', 'gadgets')!;
    assert.strictEqual(info.kind, 'Gadget');
    assert.strictEqual(info.singular, 'gadget');
    assert.deepStrictEqual(withCrds.resolveTypeName('Gadget'), { group: 'example.com', resource: 'gadgets' });
  });

  it('resolves CRD type names kubectl-style', () => {
    assert.deepStrictEqual(withCrds.resolveTypeName('wd'), { group: 'example.com', resource: 'widgets' });
    assert.deepStrictEqual(withCrds.resolveTypeName('widget'), { group: 'example.com', resource: 'widgets' });
    assert.deepStrictEqual(withCrds.resolveTypeName('widgets.example.com'), { group: 'example.com', resource: 'widgets' });
    assert.deepStrictEqual(withCrds.resolveTypeName('widgets.v1.example.com'), { group: 'example.com', resource: 'widgets' });
    assert.deepStrictEqual(withCrds.resolveTypeName('widgets/status'), { group: 'example.com', resource: 'widgets', subresource: 'status' });
  });

  it('leaves the built-in catalog untouched and returns it for no CRDs', () => {
    assert.strictEqual(catalog.lookup('example.com', 'widgets'), undefined);
    assert.strictEqual(catalog.withCrds([]), catalog);
    assert.strictEqual(withCrds.entries.length, catalog.entries.length + 2);
  });

  it('a CRD replaces a built-in entry of the same group/resource; the later of two CRDs wins', () => {
    const shadow: CrdLike = { group: 'apps', plural: 'deployments', kind: 'Deployment', shortNames: [], scope: 'Cluster', subresources: [], versions: ['v9'] };
    const replaced = catalog.withCrds([shadow], 'cluster');
    assert.strictEqual(replaced.isNamespaced('apps', 'deployments'), false);
    assert.strictEqual(replaced.lookup('apps', 'deployments')!.source, 'cluster');
    assert.strictEqual(replaced.entries.length, catalog.entries.length);
    const twice = catalog.withCrds([widget, { ...widget, scope: 'Cluster' }]);
    assert.strictEqual(twice.isNamespaced('example.com', 'widgets'), false);
    assert.strictEqual(twice.entries.length, catalog.entries.length + 1);
  });

  it('ignores CRDs without a group or plural (half-written YAML)', () => {
    const broken = catalog.withCrds([{ ...widget, plural: '' }, { ...widget, group: '' }]);
    assert.strictEqual(broken.entries.length, catalog.entries.length);
  });

  it('suggests CRD names too', () => {
    assert.deepStrictEqual(withCrds.suggest('example.com', 'Widget')?.resource, 'widgets');
    assert.deepStrictEqual(withCrds.suggest('example.com', 'wd')?.resource, 'widgets');
    assert.deepStrictEqual(withCrds.suggest('example.com', 'widgets/statuss')?.resource, 'widgets/status');
  });
});
