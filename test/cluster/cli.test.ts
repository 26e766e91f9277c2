import * as assert from 'node:assert';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startReplayCluster, type ReplayCluster } from '../helpers/replay-cluster';
import { rbacDoctorAsync, REPO } from '../helpers/run-cli';

const DENIAL = 'Error from server (Forbidden): secrets is forbidden: User "system:serviceaccount:shop:checkout" cannot list resource "secrets" in API group "" in the namespace "shop"';

describe('CLI with kubectl\'s cluster flags, against the stand-in', () => {
  let replay: ReplayCluster;
  const cwd = mkdtempSync(join(tmpdir(), 'rbac-doctor-cli-cluster-'));
  const run = (args: string[]) => rbacDoctorAsync([...args, '--kubeconfig', replay.kubeconfig], { cwd });
  before(async () => {
    replay = await startReplayCluster();
  });
  after(() => replay.close());

  it('without cluster flags nothing talks to a cluster, even with KUBECONFIG set', async () => {
    const { code, stdout } = await rbacDoctorAsync(['can-i', 'list', 'secrets', '-n', 'shop', '--as', 'system:serviceaccount:shop:checkout'], {
      cwd, env: { ...process.env, KUBECONFIG: replay.kubeconfig },
    });
    assert.strictEqual(stdout.trim(), 'no');
    assert.strictEqual(code, 1);
    assert.strictEqual(replay.requests.length, 0);
  });

  it('can-i without --as asks about the kubeconfig\'s own identity (SelfSubjectAccessReview)', async () => {
    const denied = await run(['can-i', 'delete', 'pods', '-n', 'shop', '--context', 'replay-dev']);
    assert.deepStrictEqual([denied.code, denied.stdout.trim()], [1, 'no']);
    const allowed = await run(['can-i', 'list', 'configmaps', '-n', 'shop', '--context', 'replay-dev']);
    assert.deepStrictEqual([allowed.code, allowed.stdout.trim()], [0, 'yes']);
    assert.match(allowed.stderr, /Warning: cluster replay-dev: may not list clusterroles \(403\)/);
  });

  it('can-i without --as and without a cluster is a usage error that says how to fix it', async () => {
    const { code, stderr } = await rbacDoctorAsync(['can-i', 'list', 'pods'], { cwd });
    assert.strictEqual(code, 2);
    assert.match(stderr, /--as USER is required without a cluster .* or name one with --context/);
  });

  it('who-can lists live bindings with the cluster as their source', async () => {
    const { code, stdout } = await run(['who-can', 'get', 'secrets', '-n', 'shop', '--context', 'replay-admin']);
    assert.strictEqual(code, 0);
    assert.match(stdout, /Group\s+auditors@example.com\s+ClusterRoleBinding platform-auditors\s+ClusterRole platform-auditor\s+cluster replay-admin/);
  });

  it('--cluster replaces the context\'s cluster, as kubectl\'s flag does', async () => {
    const { code, stderr } = await run(['who-can', 'get', 'secrets', '--context', 'replay-admin', '--cluster', 'replay-unreachable']);
    assert.strictEqual(code, 4);
    assert.match(stderr, /cannot reach the API server at https:\/\/127\.0\.0\.1:\d+: connection refused/);
  });

  it('forbidden --json adds the cluster\'s verdicts; without a cluster the contract is unchanged', async () => {
    const live = JSON.parse((await run(['forbidden', '--json', DENIAL, '--context', 'replay-admin'])).stdout) as Record<string, unknown>;
    assert.deepStrictEqual(live.cluster, { context: 'replay-admin', verdicts: [{ summary: 'ServiceAccount shop/checkout cannot list secrets in namespace shop', self: false, allowed: false }] });
    const offline = JSON.parse((await rbacDoctorAsync(['forbidden', '--json', DENIAL], { cwd })).stdout) as Record<string, unknown>;
    // The contract's keys first; the consolidated changes per subject are additions after them.
    assert.deepStrictEqual(Object.keys(offline), ['denials', 'suggestions', 'explanations', 'changes', 'skipped']);
  });

  it('check with a context: roles and ServiceAccounts the cluster holds are not reported missing', async () => {
    const workspace = join(REPO, 'test/fixtures/cluster/workspace');
    const offline = await rbacDoctorAsync(['check', workspace, '--format', 'json'], { cwd });
    const live = await rbacDoctorAsync(['check', workspace, '--format', 'json', '--kubeconfig', replay.kubeconfig, '--context', 'replay-admin'], { cwd });
    const codes = (out: string) => (JSON.parse(out) as { findings: { code: string }[] }).findings.map((f) => f.code).sort();
    assert.ok(codes(offline.stdout).includes('RBAC009'), offline.stdout);
    assert.ok(!codes(live.stdout).includes('RBAC009'), live.stdout);
    assert.ok(codes(live.stdout).includes('RBAC003'), 'the misspelt CRD resource is judged with the cluster\'s types');
  });

  it('a message that is not an RBAC denial never connects', async () => {
    const before = replay.requests.length;
    const { code } = await run(['forbidden', 'pods "web" is forbidden: exceeded quota: compute, requested: cpu=2, used: cpu=8, limited: cpu=8', '--context', 'replay-admin']);
    assert.strictEqual(code, 3);
    assert.strictEqual(replay.requests.length, before);
  });

  it('an unknown context lists the ones the kubeconfig has (exit 4)', async () => {
    const { code, stderr } = await run(['who-can', 'get', 'pods', '--context', 'prod']);
    assert.strictEqual(code, 4);
    assert.match(stderr, /no context "prod" \(it has: replay-admin, replay-dev/);
  });
});

describe('CLI with a cluster reads manifests only when -f names them', () => {
  let replay: ReplayCluster;
  const cwd = mkdtempSync(join(tmpdir(), 'rbac-doctor-cli-cluster-f-'));
  const binding = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: checkout-secrets
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: platform-auditor
subjects:
- kind: ServiceAccount
  name: checkout
  namespace: shop
`;
  before(async () => {
    replay = await startReplayCluster();
    writeFileSync(join(cwd, 'binding.yaml'), binding);
  });
  after(() => replay.close());

  it('without -f the current directory is not mixed into the cluster\'s answer', async () => {
    const { stdout } = await rbacDoctorAsync(['who-can', 'list', 'secrets', '-n', 'shop', '--kubeconfig', replay.kubeconfig], { cwd });
    assert.doesNotMatch(stdout, /checkout/);
  });

  it('with -f the manifests about to be applied join in, and can-i says the cluster does not have them yet', async () => {
    const whoCan = await rbacDoctorAsync(['who-can', 'list', 'secrets', '-n', 'shop', '-f', 'binding.yaml', '--kubeconfig', replay.kubeconfig], { cwd });
    assert.match(whoCan.stdout, /ServiceAccount\s+shop\/checkout\s+RoleBinding shop\/checkout-secrets\s+ClusterRole platform-auditor\s+.*binding\.yaml:1/);
    const canI = await rbacDoctorAsync(['can-i', 'list', 'secrets', '-n', 'shop', '--as', 'system:serviceaccount:shop:checkout', '-f', 'binding.yaml', '--kubeconfig', replay.kubeconfig], { cwd });
    assert.deepStrictEqual([canI.code, canI.stdout.trim()], [1, 'no']);
    assert.match(canI.stderr, /Note: cluster replay-admin denies this, but the manifests given with -f would allow it: they are not applied to the cluster yet\./);
  });
});
