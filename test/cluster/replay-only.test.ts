import * as assert from 'node:assert';
import { readFileSync, writeFileSync } from 'fs';
import { createServer as createHttpServer, type IncomingMessage } from 'http';
import { createServer as createHttpsServer } from 'https';
import { connect as connectTcp, type AddressInfo } from 'net';
import { delimiter, dirname, join } from 'path';
import type { Duplex } from 'stream';
import { stringify } from 'yaml';
import { parseForbiddenMessage } from '../../server/src/core/forbidden/parse-forbidden-message';
import { loadCluster } from '../../server/src/cluster/load-cluster';
import { startReplayCluster, type ReplayCluster } from '../helpers/replay-cluster';
import { REPO } from '../helpers/run-cli';

const FIX = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: checkout-secrets-list
  namespace: shop
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["list"]
`;

describe('cluster: what only the stand-in can show (request log, limited users, refusals)', () => {
  let replay: ReplayCluster;
  beforeEach(async () => {
    replay = await startReplayCluster();
  });
  afterEach(async () => {
    assert.deepStrictEqual(replay.unanswered().map((r) => `${r.method} ${r.path}`), [], 'every request has a recorded answer');
    await replay.close();
  });

  it('listing contexts reads the kubeconfig only: no request reaches the cluster', () => {
    const listed = loadCluster().listContexts(replay.kubeconfig);
    assert.strictEqual(listed.error, undefined);
    assert.deepStrictEqual(listed.contexts.filter((c) => c.current).map((c) => c.name), ['replay-admin']);
    assert.deepStrictEqual(listed.contexts.find((c) => c.name === 'replay-dev'), { name: 'replay-dev', cluster: 'replay', user: 'dev', namespace: 'shop', server: replay.url, current: false });
    assert.strictEqual(replay.requests.length, 0);
  });

  it('a missing kubeconfig is an answer, not an exception', () => {
    const listed = loadCluster().listContexts(join(REPO, 'no-such-kubeconfig'));
    assert.deepStrictEqual(listed.contexts, []);
    assert.match(listed.error ?? '', /no kubeconfig at .*no-such-kubeconfig/);
  });

  it('apply: a GET for the diff, then server-side apply with the field manager, dry-run first', async () => {
    const cluster = await loadCluster().connect({ kubeconfig: replay.kubeconfig, context: 'replay-admin' });
    const start = replay.requests.length;
    await cluster.apply(FIX, true);
    await cluster.apply(FIX, false);
    const writes = replay.requests.slice(start).filter((r) => r.method !== 'GET');
    assert.deepStrictEqual(writes.map((r) => [r.method, r.path, r.query, r.contentType]), [
      ['PATCH', '/apis/rbac.authorization.k8s.io/v1/namespaces/shop/roles/checkout-secrets-list', { fieldManager: 'rbac-doctor', force: 'true', dryRun: 'All' }, 'application/apply-patch+yaml'],
      ['PATCH', '/apis/rbac.authorization.k8s.io/v1/namespaces/shop/roles/checkout-secrets-list', { fieldManager: 'rbac-doctor', force: 'true' }, 'application/apply-patch+yaml'],
    ]);
    assert.deepStrictEqual((writes[0].body as { rules: unknown }).rules, [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }]);
  });

  it('apply refuses what is not RBAC, and YAML that does not parse, before sending anything', async () => {
    const cluster = await loadCluster().connect({ kubeconfig: replay.kubeconfig, context: 'replay-admin' });
    const start = replay.requests.length;
    assert.match((await cluster.apply('apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n', true)).error ?? '', /only RBAC objects and ServiceAccounts are applied; Secret is not/);
    assert.match((await cluster.apply('kind: Role\nmetadata: [\n', true)).error ?? '', /does not parse/);
    assert.match((await cluster.apply('apiVersion: rbac.authorization.k8s.io/v1beta1\nkind: Role\nmetadata:\n  name: x\n', true)).error ?? '', /apiVersion must be rbac.authorization.k8s.io\/v1/);
    assert.strictEqual(replay.requests.length, start);
  });

  it('a user who may read only their namespace: warnings, and that namespace\'s RBAC', async () => {
    const cluster = await loadCluster().connect({ kubeconfig: replay.kubeconfig, context: 'replay-dev' });
    const warnings = cluster.snapshot.warnings.join('\n');
    assert.match(warnings, /may not list clusterroles \(403\)/);
    assert.match(warnings, /may not list roles in all namespaces \(403\): read those of namespace shop only/);
    assert.match(warnings, /discovery of metrics.k8s.io\/v1beta1 is stale \(its API server does not answer\)/);
    assert.deepStrictEqual(cluster.snapshot.policy.roles.map((r) => `${r.namespace}/${r.name}`), ['shop/checkout-config']);
    assert.strictEqual(cluster.self?.name, 'dev@example.com');
  });

  it('a user who may not create SubjectAccessReviews is told so; their own denial uses a SelfSubjectAccessReview', async () => {
    const cluster = await loadCluster().connect({ kubeconfig: replay.kubeconfig, context: 'replay-dev' });
    const [other] = await cluster.verify(parseForbiddenMessage('User "system:serviceaccount:shop:checkout" cannot list resource "secrets" in API group "" in the namespace "shop"'));
    assert.match(other.error ?? '', /you may not ask the cluster about other users \(create subjectaccessreviews is forbidden\)/);
    const [own] = await cluster.verify(parseForbiddenMessage('pods "web-0" is forbidden: User "dev@example.com" cannot delete resource "pods" in API group "" in the namespace "shop"'));
    assert.deepStrictEqual({ allowed: own.allowed, self: own.self, error: own.error }, { allowed: false, self: true, error: undefined });
    assert.ok(replay.requests.some((r) => r.path.endsWith('/selfsubjectaccessreviews')));
  });

  it('discovery: two requests with aggregated discovery, the same catalog from an older server\'s per-version lists', async () => {
    const modern = await loadCluster().connect({ kubeconfig: replay.kubeconfig, context: 'replay-admin' });
    const discoveryRequests = replay.requests.filter((r) => /^\/api(\/[^/]+)?$|^\/apis(\/[^/]+\/[^/]+)?$/.test(r.path));
    assert.deepStrictEqual(discoveryRequests.map((r) => r.path), ['/api', '/apis']);
    const older = await startReplayCluster({ aggregatedDiscovery: false });
    try {
      const legacy = await loadCluster().connect({ kubeconfig: older.kubeconfig, context: 'replay-admin' });
      assert.ok(older.requests.length > 40, `${older.requests.length} requests`);
      const key = (r: { group: string; resource: string }) => `${r.group}/${r.resource}`;
      const sorted = (list: typeof legacy.snapshot.resources) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
      assert.deepStrictEqual(sorted(modern.snapshot.resources), sorted(legacy.snapshot.resources));
      assert.match(legacy.snapshot.warnings.join('\n'), /discovery of metrics.k8s.io\/v1beta1 failed \(503\)/);
      assert.deepStrictEqual(older.unanswered(), []);
      legacy.close();
    } finally {
      await older.close();
    }
    const carts = modern.snapshot.resources.find((r) => r.resource === 'carts');
    assert.deepStrictEqual([carts?.kind, carts?.namespaced, carts?.shortNames, Object.keys(carts?.subresources ?? {})], ['Cart', true, ['crt'], ['status']]);
    modern.close();
  });

  it('a credential plugin runs once per connection, not once per request, and its env stays out of this process', async () => {
    const cluster = await loadCluster().connect({ kubeconfig: replay.kubeconfig, context: 'replay-exec' });
    await cluster.verify(parseForbiddenMessage('User "system:serviceaccount:shop:checkout" cannot list resource "secrets" in API group "" in the namespace "shop"'));
    const runs = readFileSync(join(dirname(replay.kubeconfig), 'exec-plugin-runs'), 'utf8').split('\n').filter(Boolean);
    assert.deepStrictEqual(runs, ['from-kubeconfig'], 'one run, with the kubeconfig\'s env');
    assert.ok(replay.requests.filter((r) => r.user === 'admin').length > 5);
    assert.strictEqual(process.env.RBAC_DOCTOR_PLUGIN_ENV, undefined);
    cluster.close();
  });

  it('through the proxy a cluster entry names (proxy-url), with the kubeconfig split over two files', async () => {
    const tunnels: string[] = [];
    const sockets: Duplex[] = [];
    const proxy = createHttpServer();
    proxy.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
      tunnels.push(req.url ?? '');
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connectTcp(Number(port), host, () => {
        sockets.push(client, upstream);
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length) upstream.write(head);
        upstream.pipe(client).pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyPort = (proxy.address() as AddressInfo).port;
    const ca = readFileSync(join(REPO, 'test/fixtures/cluster/tls/ca.crt')).toString('base64');
    const extra = join(dirname(replay.kubeconfig), 'proxied');
    writeFileSync(extra, stringify({
      apiVersion: 'v1', kind: 'Config',
      clusters: [{ name: 'via-proxy', cluster: { server: replay.url, 'certificate-authority-data': ca, 'proxy-url': `http://127.0.0.1:${proxyPort}` } }],
      contexts: [{ name: 'replay-via-proxy', context: { cluster: 'via-proxy', user: 'admin', namespace: 'shop' } }],
    }));
    try {
      const cluster = await loadCluster().connect({ kubeconfig: [replay.kubeconfig, extra].join(delimiter), context: 'replay-via-proxy' });
      assert.ok(cluster.snapshot.resources.length > 70);
      assert.ok(tunnels.length > 0 && tunnels.every((t) => t === new URL(replay.url).host), JSON.stringify(tunnels));
      cluster.close();
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });

  it('a server that is not a Kubernetes API server (a login page, say) is named as such', async () => {
    const impostor = createHttpsServer({
      cert: readFileSync(join(REPO, 'test/fixtures/cluster/tls/server.crt')), key: readFileSync(join(REPO, 'test/fixtures/cluster/tls/server.key')),
    }, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html><body>Sign in</body></html>');
    });
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    const extra = join(dirname(replay.kubeconfig), 'impostor');
    writeFileSync(extra, stringify({
      apiVersion: 'v1', kind: 'Config',
      clusters: [{ name: 'impostor', cluster: { server: `https://127.0.0.1:${(impostor.address() as AddressInfo).port}`, 'certificate-authority-data': readFileSync(join(REPO, 'test/fixtures/cluster/tls/ca.crt')).toString('base64') } }],
      contexts: [{ name: 'impostor', context: { cluster: 'impostor', user: 'admin' } }],
    }));
    try {
      await assert.rejects(loadCluster().connect({ kubeconfig: [replay.kubeconfig, extra].join(delimiter), context: 'impostor' }),
        /did not answer like a Kubernetes API server \(GET \/api\): is the cluster's server URL right, or is a proxy in the way\?/);
    } finally {
      impostor.closeAllConnections();
      await new Promise<void>((resolve) => impostor.close(() => resolve()));
    }
  });

  it('an escalation refused by the API server is reported in its words, with what to do', async () => {
    const cluster = await loadCluster().connect({ kubeconfig: replay.kubeconfig, context: 'replay-dev' });
    const result = await cluster.apply(FIX, true);
    assert.strictEqual(result.ok, false);
    assert.match(result.objects[0].error ?? '', /is attempting to grant RBAC permissions not currently held/);
    assert.match(result.objects[0].error ?? '', /ask a cluster admin to apply it/);
  });
});
