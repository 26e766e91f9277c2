import * as assert from 'node:assert';
import { ResourceCatalog } from '../../../server/src/core/catalog/catalog';
import { fromAggregatedDiscovery, resourcesFromDiscovery } from '../../../server/src/core/cluster/discovery';

describe('cluster: discovery into the catalog', () => {
  const discovered = resourcesFromDiscovery([
    { group: 'shop.example.com', version: 'v1beta1', preferred: false, resources: [{ name: 'carts', namespaced: true, kind: 'Cart', verbs: ['get'] }] },
    {
      group: 'shop.example.com', version: 'v1', preferred: true, resources: [
        { name: 'carts', singularName: 'cart', namespaced: true, kind: 'Cart', verbs: ['get', 'list', 'watch', 'create'], shortNames: ['crt'] },
        { name: 'carts/status', singularName: '', namespaced: true, kind: 'Cart', verbs: ['get', 'patch', 'update'] },
      ],
    },
    { group: 'metrics.k8s.io', version: 'v1beta1', preferred: true, resources: [{ name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] }] },
  ]);
  const cart = discovered.find((r) => r.resource === 'carts')!;

  it('merges versions, takes names and verbs from the preferred version', () => {
    assert.deepStrictEqual(cart.versions.sort(), ['v1', 'v1beta1']);
    assert.strictEqual(cart.preferredVersion, 'v1');
    assert.strictEqual(cart.stability, 'stable');
    assert.deepStrictEqual(cart.verbs, ['get', 'list', 'watch', 'create']);
    assert.deepStrictEqual(cart.shortNames, ['crt']);
    assert.strictEqual(cart.singular, 'cart');
    assert.strictEqual(cart.source, 'cluster');
  });

  it('turns parent/sub names into subresources with their verbs', () => {
    assert.deepStrictEqual(cart.subresources, { status: ['get', 'patch', 'update'] });
    assert.ok(!discovered.some((r) => r.resource.includes('/')));
  });

  it('an empty singularName falls back to the lower-case Kind', () => {
    assert.strictEqual(discovered.find((r) => r.group === 'metrics.k8s.io')!.singular, 'nodemetrics');
  });

  it('the catalog learns the cluster types and keeps what the cluster does not serve', () => {
    const catalog = ResourceCatalog.builtin().withResources(discovered);
    assert.strictEqual(catalog.lookup('shop.example.com', 'carts')?.kind, 'Cart');
    assert.strictEqual(catalog.resolveTypeName('crt')?.resource, 'carts');
    assert.ok(catalog.isKnownGroup('metrics.k8s.io'));
    assert.ok(catalog.lookup('apps', 'deployments'), 'built-in types stay known');
    assert.ok(!ResourceCatalog.builtin().isKnownGroup('shop.example.com'));
  });

  it('a built-in type described by the cluster stays a built-in type', () => {
    const pods = resourcesFromDiscovery([{ group: '', version: 'v1', preferred: true, resources: [{ name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get'] }] }]);
    const catalog = ResourceCatalog.builtin().withResources(pods);
    assert.strictEqual(catalog.lookup('', 'pods')?.source, 'builtin');
    assert.deepStrictEqual(catalog.lookup('', 'pods')?.verbs, ['get'], 'the cluster describes it');
  });
});

describe('cluster: aggregated discovery (apidiscovery.k8s.io/v2)', () => {
  const { lists, stale } = fromAggregatedDiscovery([
    {
      metadata: { name: 'shop.example.com' },
      versions: [
        {
          version: 'v1', freshness: 'Current', resources: [{
            resource: 'carts', responseKind: { kind: 'Cart' }, scope: 'Namespaced', singularResource: 'cart', verbs: ['get', 'list'], shortNames: ['crt'],
            subresources: [{ subresource: 'status', verbs: ['get', 'patch'] }],
          }],
        },
        { version: 'v1beta1', resources: [{ resource: 'carts', responseKind: { kind: 'Cart' }, scope: 'Namespaced', verbs: ['get'] }] },
      ],
    },
    { metadata: { name: 'metrics.k8s.io' }, versions: [{ version: 'v1beta1', freshness: 'Stale', resources: [] }] },
    { metadata: { name: 'warehouse.example.com' }, versions: [{ version: 'v1', resources: [{ resource: 'warehouses', responseKind: { kind: 'Warehouse' }, scope: 'Cluster', verbs: ['get'] }] }] },
  ]);
  const catalog = ResourceCatalog.of([]).withResources(resourcesFromDiscovery(lists));

  it('the first version is the preferred one; names, scope, verbs and subresources carry over', () => {
    const carts = catalog.lookup('shop.example.com', 'carts')!;
    assert.deepStrictEqual([carts.preferredVersion, carts.versions, carts.verbs, carts.shortNames, carts.subresources], ['v1', ['v1', 'v1beta1'], ['get', 'list'], ['crt'], { status: ['get', 'patch'] }]);
    assert.strictEqual(catalog.isNamespaced('warehouse.example.com', 'warehouses'), false);
  });

  it('a Stale version is named, not guessed', () => {
    assert.deepStrictEqual(stale, ['metrics.k8s.io/v1beta1']);
    assert.ok(!catalog.isKnownGroup('metrics.k8s.io'));
  });
});
