import * as assert from 'node:assert';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { checkContext } from '../../server/src/core/analysis';
import { ResourceCatalog } from '../../server/src/core/catalog/catalog';
import { parseForbiddenMessage } from '../../server/src/core/forbidden/parse-forbidden-message';
import { suggestFixes } from '../../server/src/core/fix-forbidden/suggest-fixes';
import { createWorkspaceModel } from '../../server/src/core/workspace';
import { loadCluster, type LiveCluster } from '../../server/src/cluster/load-cluster';
import { rbacDoctorAsync } from '../helpers/run-cli';

/** A cluster the scenarios run against: the stand-in (recorded answers) or a real one (npm run test:cluster). */
export interface ClusterTarget {
  kubeconfig: string;
  /** A context allowed to read RBAC, create access reviews and apply RBAC in `namespace`. */
  context: string;
  /** Where `serviceAccount` exists and may not list secrets until the fix is applied. */
  namespace: string;
  serviceAccount: string;
  /** Contexts whose credentials expired, whose exec plugin is missing, whose server does not answer. */
  broken: { expired: string; execMissing: string; unreachable: string };
  /** Credentials that must never appear in any output. */
  secrets: string[];
}

/**
 * The scenarios users meet, written once: the replay suite runs them against the stand-in, the opt-in
 * suite against the cluster in KUBECONFIG. `target()` is read when the tests run (after `before` hooks).
 */
export function clusterScenarios(target: () => ClusterTarget): void {
  const cli = (args: string[]) => rbacDoctorAsync([...args, '--kubeconfig', target().kubeconfig, '--context', target().context], { cwd: emptyDir() });

  describe('connecting', () => {
    let cluster: LiveCluster;
    before(async () => {
      cluster = await loadCluster().connect({ kubeconfig: target().kubeconfig, context: target().context });
    });

    it('discovery feeds the catalog with the types the cluster serves', () => {
      const catalog = ResourceCatalog.of([]).withResources(cluster.snapshot.resources);
      assert.strictEqual(catalog.lookup('', 'pods')?.namespaced, true);
      assert.strictEqual(catalog.lookup('apps', 'deployments')?.kind, 'Deployment');
      assert.ok(catalog.subresourcesOf('', 'pods').includes('log'));
      assert.strictEqual(catalog.lookup('rbac.authorization.k8s.io', 'clusterroles')?.namespaced, false);
    });

    it('live RBAC holds the cluster\'s default roles, marked with the context', () => {
      const admin = cluster.snapshot.policy.roles.find((r) => r.kind === 'ClusterRole' && r.name === 'cluster-admin');
      assert.deepStrictEqual(admin?.origin, { source: 'builtin', cluster: target().context });
      assert.ok(cluster.snapshot.policy.bindings.some((b) => b.kind === 'ClusterRoleBinding' && b.roleRef.name === 'cluster-admin'));
      assert.ok(cluster.snapshot.serviceAccounts.has(`${target().namespace}/${target().serviceAccount}`));
    });

    it('knows who the kubeconfig\'s credentials are', () => {
      assert.ok(cluster.self?.name, 'SelfSubjectReview gives a user name');
    });
  });

  describe('a 403, verified, fixed with a dry-run first, and verified again', () => {
    const message = () => `Error from server (Forbidden): secrets is forbidden: User "system:serviceaccount:${target().namespace}:${target().serviceAccount}" cannot list resource "secrets" in API group "" in the namespace "${target().namespace}"`;
    let cluster: LiveCluster;
    let fix: string;
    before(async () => {
      cluster = await loadCluster().connect({ kubeconfig: target().kubeconfig, context: target().context });
    });

    it('the access review says the denial still holds', async () => {
      const [verdict] = await cluster.verify(parseForbiddenMessage(message()));
      assert.strictEqual(verdict.allowed, false);
      assert.strictEqual(verdict.self, false);
      assert.strictEqual(verdict.error, undefined);
    });

    it('`forbidden` with a context says so and prints the least-privilege fix', async () => {
      const { code, stdout, stderr } = await cli(['forbidden', message()]);
      assert.strictEqual(code, 0, stderr);
      assert.match(stderr, new RegExp(`# cluster ${target().context}: still denied \\(SubjectAccessReview\\)`));
      assert.match(stdout, /kind: Role\n/);
      const suggestions = suggestFixes(checkContext(createWorkspaceModel(), { builtinRoles: true }, cluster.snapshot), parseForbiddenMessage(message())[0]);
      fix = suggestions.find((s) => s.kind === 'new' && s.title.startsWith('New '))!.yaml!;
      assert.ok(stdout.includes(fix.trim().split('\n').slice(-6).join('\n')), 'the CLI prints the same fix');
    });

    it('the server dry-run validates the fix and writes nothing', async () => {
      const dry = await cluster.apply(fix, true);
      assert.strictEqual(dry.ok, true, JSON.stringify(dry));
      assert.deepStrictEqual(dry.objects.map((o) => o.kind), ['Role', 'RoleBinding']);
      assert.deepStrictEqual(dry.objects.map((o) => o.before), ['', '']);
      assert.match(dry.objects[0].after ?? '', /- "secrets"/);
      assert.doesNotMatch(dry.objects[0].after ?? '', /managedFields|resourceVersion|uid:/);
      const [verdict] = await cluster.verify(parseForbiddenMessage(message()));
      assert.strictEqual(verdict.allowed, false, 'a dry-run grants nothing');
    });

    it('server-side apply grants it, and the access review now allows it', async () => {
      const applied = await cluster.apply(fix, false);
      assert.strictEqual(applied.ok, true, JSON.stringify(applied));
      // A real API server's authorizer learns new bindings from its informers, a moment after the write.
      const verdict = await eventually(async () => (await cluster.verify(parseForbiddenMessage(message())))[0], (v) => v.allowed);
      assert.strictEqual(verdict.allowed, true);
      assert.match(verdict.reason ?? '', /checkout-secrets-list/);
    });

    it('`can-i` with a context answers with the cluster\'s review', async () => {
      const { code, stdout, stderr } = await cli(['can-i', 'list', 'secrets', '-n', target().namespace, '--as', `system:serviceaccount:${target().namespace}:${target().serviceAccount}`]);
      assert.strictEqual(stdout.trim(), 'yes', stderr);
      assert.strictEqual(code, 0);
    });

    it('applying again shows the live object as the diff\'s left side', async () => {
      const again = await cluster.apply(fix, true);
      assert.strictEqual(again.ok, true, JSON.stringify(again));
      assert.match(again.objects[0].before, /name: "checkout-secrets-list"/);
      assert.doesNotMatch(again.objects[0].before, /managedFields/);
    });
  });

  describe('errors users meet, said plainly', () => {
    const cases: [keyof ClusterTarget['broken'], RegExp][] = [
      ['expired', /rejected the credentials of kubeconfig user ".*" \(401 Unauthorized\): they may have expired/],
      ['execMissing', /the credential plugin ".*" of kubeconfig user ".*" is not installed or not on PATH/],
      ['unreachable', /cannot reach the API server at https:\/\/127\.0\.0\.1:\d+: connection refused/],
    ];
    for (const [situation, expected] of cases) {
      it(`${situation}: a clear message, exit code 4, no stack trace, no credentials`, async () => {
        const context = target().broken[situation];
        await assert.rejects(loadCluster().connect({ kubeconfig: target().kubeconfig, context }), (e: Error) => e.name === 'ClusterError' && expected.test(e.message));
        const { code, stderr } = await rbacDoctorAsync(['who-can', 'list', 'secrets', '--kubeconfig', target().kubeconfig, '--context', context], { cwd: emptyDir() });
        assert.strictEqual(code, 4);
        assert.match(stderr, expected);
        assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
        for (const secret of target().secrets) assert.ok(!stderr.includes(secret), 'no credentials in messages');
      });
    }
  });
}

/** Asks again (up to ~5 s) until `done` holds; returns the last answer either way. */
async function eventually<T>(ask: () => Promise<T>, done: (answer: T) => boolean): Promise<T> {
  let answer = await ask();
  for (let attempt = 0; attempt < 10 && !done(answer); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    answer = await ask();
  }
  return answer;
}

let empty: string | undefined;
/** The CLI reads manifests from its working directory: give it one without any. */
function emptyDir(): string {
  empty ??= mkdtempSync(join(tmpdir(), 'rbac-doctor-empty-'));
  return empty;
}
