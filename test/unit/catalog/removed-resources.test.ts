import * as assert from 'node:assert';
import { ResourceCatalog } from '../../../server/src/core/catalog/catalog';
import { REMOVED_GROUPS, REMOVED_RESOURCES, removedResource } from '../../../server/src/core/catalog/removed-resources';

describe('catalog: resources removed from a group', () => {
  const cases: [string, string, string | undefined, string | undefined][] = [
    // group, resource, removed in, served now by
    ['extensions', 'ingresses', '1.22', 'networking.k8s.io'],
    ['extensions', 'deployments', '1.16', 'apps'],
    ['extensions', 'daemonsets', '1.16', 'apps'],
    ['extensions', 'replicasets', '1.16', 'apps'],
    ['extensions', 'networkpolicies', '1.16', 'networking.k8s.io'],
    ['extensions', 'podsecuritypolicies', '1.16', 'policy'],
    ['policy', 'podsecuritypolicies', '1.25', undefined],
    ['batch', 'scheduledjobs', '1.8', 'batch'],
    ['apps', 'deployments/rollback', '1.16', undefined],
    // version removals change nothing for RBAC
    ['batch', 'cronjobs', undefined, undefined],
    ['apps', 'deployments', undefined, undefined],
    ['discovery.k8s.io', 'endpointslices', undefined, undefined],
    ['autoscaling', 'horizontalpodautoscalers', undefined, undefined],
    ['networking.k8s.io', 'ingresses', undefined, undefined],
    ['policy', 'poddisruptionbudgets', undefined, undefined],
  ];
  const catalog = ResourceCatalog.builtin();
  for (const [group, resource, removedIn, now] of cases) {
    it(`${group}/${resource}: ${removedIn ? `removed in ${removedIn}${now ? `, served by ${now}` : ''}` : 'not removed'}`, () => {
      const found = catalog.removedFrom(group, resource);
      assert.strictEqual(found?.removedIn, removedIn);
      assert.strictEqual(found?.replacement?.group, now);
      assert.strictEqual(removedResource(group, resource), found);
    });
  }

  it('every replacement is served by a current cluster; no removed resource is still served there', () => {
    for (const r of REMOVED_RESOURCES) {
      assert.ok(!catalog.isKnownResource(r.group, r.resource), `${r.group}/${r.resource} is still in the catalog`);
      // A replacement is served now, or was itself removed later (extensions → policy podsecuritypolicies).
      if (r.replacement) {
        const { group, resource } = r.replacement;
        assert.ok(catalog.lookup(group, resource) || catalog.removedFrom(group, resource), `${group}/${resource}`);
      }
      assert.match(r.removedIn, /^1\.\d+$/);
      assert.ok(r.movedTo !== undefined || r.note !== undefined, `${r.group}/${r.resource} says what happened`);
    }
  });

  it('removed groups are unknown to a current cluster', () => {
    assert.strictEqual(REMOVED_GROUPS.extensions, '1.22');
    for (const group of Object.keys(REMOVED_GROUPS)) assert.ok(!catalog.isKnownGroup(group), group);
  });
});
