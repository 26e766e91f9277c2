import * as assert from 'assert';
import { compactRules } from '../../../server/src/core/consolidate/compact-rules';
import { renderChange } from '../../../server/src/core/consolidate/render-change';
import { suggestFixes } from '../../../server/src/core/fix-forbidden/suggest-fixes';
import { apiserver, consolidateLog, logFixture } from './helpers';

const objects = (change: { roles: { kind: string; name: string; namespace?: string }[]; bindings: { kind: string; name: string; namespace?: string; roleRef: { kind: string; name: string } }[] }) => [
  ...change.roles.map((r) => `${r.kind} ${r.namespace ?? '-'}/${r.name}`),
  ...change.bindings.map((b) => `${b.kind} ${b.namespace ?? '-'}/${b.name} -> ${b.roleRef.kind} ${b.roleRef.name}`),
];

describe('consolidated change per subject', () => {
  it('turns a controller start-up log into one Role for its namespace and one ClusterRole for nodes', () => {
    const { changes, skipped } = consolidateLog(logFixture('start-up.log'));
    assert.deepStrictEqual(skipped, []);
    assert.strictEqual(changes.length, 1);
    const [change] = changes;
    assert.deepStrictEqual(objects(change), [
      'ClusterRole -/ctrl-manager-cluster-access',
      'Role ctrl/manager-access',
      'ClusterRoleBinding -/ctrl-manager-cluster-access -> ClusterRole ctrl-manager-cluster-access',
      'RoleBinding ctrl/manager-access -> Role manager-access',
    ]);
    assert.deepStrictEqual(change.roles[1].rules, [
      { apiGroups: [''], resources: ['configmaps'], verbs: ['list'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['list', 'watch'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get'] },
    ]);
    assert.deepStrictEqual(change.roles[0].rules, [{ apiGroups: [''], resources: ['nodes'], verbs: ['list'] }]);
    assert.strictEqual(change.verify.length, 5);
  });

  it('binds one ClusterRole by a RoleBinding per namespace when the same rules are needed in several, never a ClusterRoleBinding', () => {
    const { changes } = consolidateLog(logFixture('namespaces.log'));
    const sync = changes.find((c) => c.subject.name === 'sync')!;
    assert.deepStrictEqual(objects(sync), [
      'ClusterRole -/ops-sync-namespaced-access',
      'Role team-c/ops-sync-access',
      'RoleBinding team-a/ops-sync-namespaced-access -> ClusterRole ops-sync-namespaced-access',
      'RoleBinding team-b/ops-sync-namespaced-access -> ClusterRole ops-sync-namespaced-access',
      'RoleBinding team-c/ops-sync-access -> Role ops-sync-access',
    ]);
    assert.deepStrictEqual(sync.roles[0].rules, [{ apiGroups: [''], resources: ['secrets'], verbs: ['list', 'watch'] }]);
  });

  it('never merges subjects, and gives a user its cluster-wide and per-namespace needs apart', () => {
    const { changes } = consolidateLog(logFixture('namespaces.log'));
    assert.deepStrictEqual(changes.map((c) => c.asUser), ['system:serviceaccount:ops:sync', 'jane@example.com']);
    const jane = changes[1];
    assert.deepStrictEqual(objects(jane), [
      'ClusterRole -/jane-example-com-cluster-access',
      'Role team-a/jane-example-com-access',
      'Role team-b/jane-example-com-access',
      'ClusterRoleBinding -/jane-example-com-cluster-access -> ClusterRole jane-example-com-cluster-access',
      'RoleBinding team-a/jane-example-com-access -> Role jane-example-com-access',
      'RoleBinding team-b/jane-example-com-access -> Role jane-example-com-access',
    ]);
    assert.deepStrictEqual(jane.roles[0].rules, [
      { apiGroups: [''], resources: ['namespaces'], verbs: ['list'] },
      { apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] },
      { nonResourceURLs: ['/metrics'], verbs: ['get'] },
    ]);
    assert.deepStrictEqual(jane.roles[1].rules, [
      { apiGroups: [''], resources: ['pods'], verbs: ['list'] },
      { apiGroups: [''], resources: ['pods/exec'], verbs: ['get', 'create'] },
      { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
    ]);
  });

  it('leaves out of a namespace what the cluster-wide rules already allow', () => {
    const log = [apiserver('bob', 'list', 'pods', '', 'cluster'), apiserver('bob', 'list', 'pods', '', 'a'), apiserver('bob', 'get', 'pods', '', 'a')].join('\n');
    const [change] = consolidateLog(log).changes;
    assert.deepStrictEqual(objects(change), [
      'ClusterRole -/bob-cluster-access', 'Role a/bob-access',
      'ClusterRoleBinding -/bob-cluster-access -> ClusterRole bob-cluster-access', 'RoleBinding a/bob-access -> Role bob-access',
    ]);
    assert.deepStrictEqual(change.roles[1].rules, [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]);
  });

  it('keeps at most one ClusterRole per subject: with a cluster-wide denial, shared namespaces get Roles', () => {
    const log = [apiserver('bob', 'list', 'nodes', '', 'cluster'), apiserver('bob', 'get', 'secrets', '', 'a'), apiserver('bob', 'get', 'secrets', '', 'b')].join('\n');
    const [change] = consolidateLog(log).changes;
    assert.strictEqual(change.roles.filter((r) => r.kind === 'ClusterRole').length, 1);
    assert.deepStrictEqual(change.roles.filter((r) => r.kind === 'Role').map((r) => r.namespace), ['a', 'b']);
    assert.ok(!change.bindings.some((b) => b.kind === 'ClusterRoleBinding' && b.roleRef.name !== 'bob-cluster-access'));
  });

  it('gives a subject with a single denial exactly what a single pasted 403 gets', () => {
    const log = [apiserver('bob', 'list', 'nodes', '', 'cluster'), apiserver('carol', 'get', 'secrets', '', 'a'), apiserver('bob', 'get', 'pods', '', 'x')].join('\n');
    const { changes, denials, context } = consolidateLog(log);
    const carol = changes.find((c) => c.subject.name === 'carol')!;
    const single = suggestFixes(context, denials[1]).find((s) => s.kind === 'new' && s.title.startsWith('New '))!;
    assert.strictEqual(renderChange(carol), single.yaml);
  });

  it('is deterministic: the same log gives the same YAML', () => {
    const once = consolidateLog(logFixture('namespaces.log')).changes.map(renderChange);
    const again = consolidateLog(logFixture('namespaces.log')).changes.map(renderChange);
    assert.deepStrictEqual(once, again);
  });

  it('skips what it cannot grant and says why', () => {
    const log = [
      apiserver('system:anonymous', 'get', 'pods', '', 'a'),
      'pods "x" is forbidden: exceeded quota: compute, requested: cpu=1',
      apiserver('bob', 'get', 'pods', '', 'a'),
    ].join('\n');
    const { changes, skipped } = consolidateLog(log);
    assert.deepStrictEqual(changes.map((c) => c.asUser), ['bob']);
    assert.deepStrictEqual(skipped.map((s) => s.denial), [0]);
    assert.match(skipped[0].reason, /anonymous/);
  });
});

describe('rule compaction (as kubectl auth reconcile keeps rules)', () => {
  it('one rule per group and verb set, resources merged and sorted, verbs in kubectl order', () => {
    assert.deepStrictEqual(compactRules([
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['watch'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['watch'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['list'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['list'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['watch', 'list'] },
      { apiGroups: ['apps'], resources: ['statefulsets'], verbs: ['get'] },
      { nonResourceURLs: ['/metrics'], verbs: ['get'] },
      { nonResourceURLs: ['/healthz'], verbs: ['get'] },
    ]), [
      { apiGroups: [''], resources: ['configmaps', 'pods'], verbs: ['list', 'watch'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['list', 'watch'] },
      { apiGroups: ['apps'], resources: ['statefulsets'], verbs: ['get'] },
      { nonResourceURLs: ['/healthz', '/metrics'], verbs: ['get'] },
    ]);
  });

  it('merges names of one resource, never resources with different names, and drops names the unnamed rule covers', () => {
    assert.deepStrictEqual(compactRules([
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['b'], verbs: ['get'] },
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['a'], verbs: ['get'] },
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'], verbs: ['get'] },
      { apiGroups: [''], resources: ['pods'], resourceNames: ['p'], verbs: ['get', 'delete'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
    ]), [
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['a', 'b'], verbs: ['get'] },
      { apiGroups: [''], resources: ['pods'], resourceNames: ['p'], verbs: ['delete'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['a'], verbs: ['get'] },
    ]);
  });
});
