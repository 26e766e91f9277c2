import * as assert from 'node:assert';
import { ResourceCatalog, type SuggestionReason } from '../../../server/src/core/catalog/catalog';
import { editDistance, nearest } from '../../../server/src/core/catalog/suggest';

const catalog = ResourceCatalog.builtin();

describe('catalog: what the author probably meant', () => {
  const cases: [string | string[] | undefined, string, string | undefined, SuggestionReason | undefined][] = [
    ['apps', 'Deployment', 'deployments', 'kind'],
    [undefined, 'Deployment', 'deployments', 'kind'],
    ['apps', 'deployment', 'deployments', 'singular'],
    ['apps', 'deploy', 'deployments', 'short name'],
    ['apps', 'Deployments', 'deployments', 'case'],
    ['apps', 'DEPLOYMENTS', 'deployments', 'case'],
    ['', 'Pods', 'pods', 'case'],
    ['', 'pod', 'pods', 'singular'],
    ['', 'po', 'pods', 'short name'],
    ['', 'cm', 'configmaps', 'short name'],
    ['', 'ConfigMap', 'configmaps', 'kind'],
    ['', 'configMap', 'configmaps', 'singular'],
    ['', 'persistentvolumerclaims', 'persistentvolumeclaims', 'spelling'],
    ['', 'secret', 'secrets', 'singular'],
    ['', 'endpoint', 'endpoints', 'plural'],
    ['', 'serivces', 'services', 'spelling'],
    ['', 'confgimaps', 'configmaps', 'spelling'],
    ['rbac.authorization.k8s.io', 'clusterrole', 'clusterroles', 'singular'],
    ['rbac.authorization.k8s.io', 'rolebinding', 'rolebindings', 'singular'],
    ['', 'pods/logs', 'pods/log', 'subresource'],
    ['', 'pods/Log', 'pods/log', 'subresource'],
    ['', 'pods/exce', 'pods/exec', 'subresource'],
    ['', 'pods/portforwrd', 'pods/portforward', 'subresource'],
    ['', 'nodes/metric', 'nodes/metrics', 'subresource'],
    ['apps', 'deployments/scales', 'deployments/scale', 'subresource'],
    ['apps', 'deployments/finalizer', 'deployments/finalizers', 'subresource'],
    ['', 'pod/log', 'pods/log', 'singular'],
    ['', 'Pods/logs', 'pods/log', 'case'],
    [['', 'apps'], 'deploymnets', 'deployments', 'spelling'],
    [['*'], 'statefulset', 'statefulsets', 'singular'],
    [[], 'ingress', 'ingresses', 'singular'],
    // right names, and names nothing is close to
    ['', 'pods', undefined, undefined],
    ['', 'pods/log', undefined, undefined],
    ['', 'pods/finalizers', undefined, undefined],
    ['', 'nodes/stats', undefined, undefined],
    ['', 'widgets', undefined, undefined],
    ['', 'xyz', undefined, undefined],
    ['', 'pods/zzzzzzz', undefined, undefined],
    // only within the groups of the rule
    ['', 'Deployment', undefined, undefined],
    ['apps', 'pod', undefined, undefined],
  ];
  for (const [groups, written, resource, why] of cases) {
    it(`${JSON.stringify(groups) ?? 'any group'} ${written} → ${resource ?? 'nothing'}${why ? ` (${why})` : ''}`, () => {
      const got = catalog.suggest(groups, written);
      assert.strictEqual(got?.resource, resource);
      assert.strictEqual(got?.why, why);
      if (got) {
        assert.ok(got.message.includes(resource!.split('/')[0]), got.message);
        assert.ok(catalog.isKnownResource(got.group, got.resource), `${got.group}/${got.resource} is a real name`);
      }
    });
  }

  it('names the group of the suggestion', () => {
    assert.strictEqual(catalog.suggest(undefined, 'Deployment')?.group, 'apps');
    assert.strictEqual(catalog.suggest(undefined, 'persistentvolumerclaims')?.group, '');
  });

  const distances: [string, string, number][] = [
    ['pods', 'pods', 0], ['pods', 'pod', 1], ['pdos', 'pods', 1], ['abc', 'cab', 2], ['', 'abc', 3], ['kitten', 'sitting', 3],
    ['persistentvolumerclaims', 'persistentvolumeclaims', 1], ['deploymnets', 'deployments', 1],
  ];
  for (const [a, b, d] of distances) {
    it(`editDistance(${a || '""'}, ${b}) = ${d} (adjacent transpositions count 1)`, () => {
      assert.strictEqual(editDistance(a, b), d);
      assert.strictEqual(editDistance(b, a), d);
    });
  }

  const nearestCases: [string, string[], string | undefined][] = [
    ['pdo', ['pods', 'nodes'], undefined], // 3 letters: at most 1 edit
    ['nods', ['pods', 'nodes'], 'pods'], // ties: first candidate
    ['secrts', ['secrets', 'services'], 'secrets'],
    ['configmpas', ['configmaps'], 'configmaps'],
    ['networkpolicy', ['networkpolicies'], 'networkpolicies'],
    ['abcdefghij', ['configmaps'], undefined],
  ];
  for (const [word, candidates, expected] of nearestCases) {
    it(`nearest(${word}) among ${candidates.join(', ')} → ${expected ?? 'nothing'}`, () => assert.strictEqual(nearest(word, candidates), expected));
  }
});
