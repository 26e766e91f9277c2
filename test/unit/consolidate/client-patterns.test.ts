import * as assert from 'assert';
import { nextSteps } from '../../../server/src/core/consolidate/client-patterns';
import { parseForbiddenMessage } from '../../../server/src/core/forbidden/parse-forbidden-message';
import { apiserver, consolidateLog, logFixture } from './helpers';

const SA = 'system:serviceaccount:ctrl:manager';
const steps = (...messages: string[]) => nextSteps(messages.flatMap((m) => parseForbiddenMessage(m)))
  .map((s) => ({ pattern: s.pattern, namespace: s.namespace, rules: s.rules }));

describe('what the client will ask for next (offered apart)', () => {
  it('leader election: a denied get of a Lease is followed by create and update', () => {
    assert.deepStrictEqual(steps(apiserver(SA, 'get', 'leases', 'coordination.k8s.io', 'ctrl')), [
      { pattern: 'leader election', namespace: 'ctrl', rules: [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create', 'update'] }] },
    ]);
  });

  it('informers: list leads to watch and watch to list; nothing when both were denied', () => {
    assert.deepStrictEqual(steps(apiserver(SA, 'list', 'pods', '', 'ctrl')), [
      { pattern: 'an informer', namespace: 'ctrl', rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['watch'] }] },
    ]);
    assert.deepStrictEqual(steps(apiserver(SA, 'watch', 'nodes', '', 'cluster')), [
      { pattern: 'an informer', namespace: undefined, rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['list'] }] },
    ]);
    assert.deepStrictEqual(steps(apiserver(SA, 'list', 'pods', '', 'ctrl'), apiserver(SA, 'watch', 'pods', '', 'ctrl')), []);
  });

  it('kubectl rollout restart, scale and logs -f', () => {
    assert.deepStrictEqual(steps(apiserver('bob', 'patch', 'deployments', 'apps', 'shop')).map((s) => [s.pattern, s.rules]), [
      ['kubectl rollout restart', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] }]],
    ]);
    assert.deepStrictEqual(steps(apiserver('bob', 'patch', 'deployments/scale', 'apps', 'shop')).map((s) => [s.pattern, s.rules]), [
      ['kubectl scale', [{ apiGroups: ['apps'], resources: ['deployments', 'deployments/scale'], verbs: ['get'] }]],
    ]);
    assert.deepStrictEqual(steps(apiserver('bob', 'get', 'pods/log', '', 'shop')).map((s) => [s.pattern, s.rules]), [
      ['kubectl logs -f', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }]],
    ]);
  });

  it('no pattern, no alternative: a plain get of a secret', () => {
    assert.deepStrictEqual(steps(apiserver('bob', 'get', 'secrets', '', 'shop')), []);
  });

  it('is never part of the change itself: the Role holds only what was denied', () => {
    const [change] = consolidateLog(logFixture('start-up.log')).changes;
    assert.deepStrictEqual(change.next.map((s) => `${s.pattern} ${s.namespace ?? '-'}`), ['an informer ctrl', 'leader election ctrl', 'an informer -']);
    const role = change.roles.find((r) => r.kind === 'Role')!;
    assert.ok(!role.rules.some((r) => r.verbs.includes('create') || (r.resources?.includes('configmaps') && r.verbs.includes('watch'))));
  });
});
