import * as assert from 'node:assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { pathToFileURL } from 'url';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import {
  CanIRequest, WhoCanRequest, ClusterApplyRequest, ClusterConnectRequest, ClusterContextsRequest, ClusterDisconnectRequest, ClusterVerifyRequest, ForbiddenRequest,
  type CanIResult, type WhoCanResult, type ClusterApplyResult, type ClusterContextsResult, type ClusterStatus, type ClusterVerifyResult, type ForbiddenResult,
} from '../../server/src/protocol/custom-messages';
import { startStdio, type TestClient } from '../helpers/lsp-client';
import { startReplayCluster, type ReplayCluster } from '../helpers/replay-cluster';
import { REPO } from '../helpers/run-cli';
import { positionOf } from '../helpers/text-position';

const WORKSPACE = join(REPO, 'test/fixtures/cluster/workspace');
const SHOP = join(WORKSPACE, 'shop.yaml');
const codes = (diagnostics: { code?: string | number }[]) => diagnostics.map((d) => String(d.code));

describe('language server (bundled, over stdio) with the stand-in cluster', () => {
  let replay: ReplayCluster;
  let client: TestClient;
  before(async () => {
    replay = await startReplayCluster();
    client = startStdio(join(REPO, 'dist/server.js'));
    await client.initialize(WORKSPACE);
  });
  after(async () => {
    await client.dispose();
    await replay.close();
  });

  it('offline first: the roleRef to a cluster-only role is a finding, and nothing talks to the cluster', async () => {
    const diagnostics = await client.waitForDiagnostics(SHOP, (d) => codes(d).includes('RBAC009'));
    assert.ok(!codes(diagnostics).includes('RBAC003'), 'the CRD group is unknown offline, so not judged');
    const listed = await client.connection.sendRequest<ClusterContextsResult>(ClusterContextsRequest, { kubeconfig: replay.kubeconfig });
    assert.strictEqual(listed.contexts.length, 7);
    assert.strictEqual(replay.requests.length, 0);
  });

  it('a failed connect says why and leaves the server working', async () => {
    const status = await client.connection.sendRequest<ClusterStatus>(ClusterConnectRequest, { context: 'replay-expired', kubeconfig: replay.kubeconfig });
    assert.strictEqual(status.connected, false);
    assert.match(status.error ?? '', /401 Unauthorized/);
    const again = await client.connection.sendRequest<ClusterContextsResult>(ClusterContextsRequest, { kubeconfig: replay.kubeconfig });
    assert.strictEqual(again.contexts.length, 7);
  });

  it('connected: live RBAC resolves the roleRef, discovery knows the CRD, diagnostics follow', async () => {
    const status = await client.connection.sendRequest<ClusterStatus>(ClusterConnectRequest, { context: 'replay-admin', kubeconfig: replay.kubeconfig });
    assert.strictEqual(status.connected, true, status.error);
    assert.strictEqual(status.context, 'replay-admin');
    assert.ok((status.resources ?? 0) > 70);
    assert.ok(status.warnings.some((w) => w.includes('metrics.k8s.io')));
    const diagnostics = await client.waitForDiagnostics(SHOP, (d) => !codes(d).includes('RBAC009') && codes(d).includes('RBAC003'));
    assert.ok(client.codeLensRefreshes > 0, 'the "bound by" lenses are asked for again');
    assert.match(diagnostics.find((d) => d.code === 'RBAC003')!.message, /carts/);
  });

  it('the hover on the roleRef shows the live role, marked as such', async () => {
    const text = readFileSync(SHOP, 'utf8');
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri: pathToFileURL(SHOP).toString() }, position: positionOf(text, 'platform-auditor'),
    });
    const markdown = (hover?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(markdown, /live from cluster replay-admin/);
    assert.match(markdown, /secrets/);
  });

  it('Check Access adds the cluster\'s own review to the manifests\' answer', async () => {
    const result = await client.connection.sendRequest<CanIResult>(CanIRequest, { user: 'system:serviceaccount:shop:checkout', verb: 'get', resource: 'configmaps', namespace: 'shop' });
    assert.strictEqual(result.allowed, true, 'the live Role checkout-config grants it');
    assert.deepStrictEqual(result.cluster, { context: 'replay-admin', allowed: true, reason: 'RBAC: allowed by RoleBinding "checkout-config/shop" of Role "checkout-config" to ServiceAccount "checkout/shop"' });
  });

  it('Who Can lists live bindings, saying where they live', async () => {
    const result = await client.connection.sendRequest<WhoCanResult>(WhoCanRequest, { verb: 'get', resource: 'secrets', namespace: 'shop' });
    assert.strictEqual(result.cluster, 'replay-admin');
    const auditors = result.subjects.find((s) => s.subject === 'auditors@example.com');
    assert.deepStrictEqual(auditors?.via.map((v) => v.text), ['ClusterRoleBinding platform-auditors (cluster replay-admin)', 'ClusterRole platform-auditor (cluster replay-admin)']);
  });

  it('Fix Forbidden Error: verify, a manifest to apply, the dry-run, the apply, verified', async () => {
    const text = 'Error from server (Forbidden): secrets is forbidden: User "system:serviceaccount:shop:checkout" cannot list resource "secrets" in API group "" in the namespace "shop"';
    const before = await client.connection.sendRequest<ClusterVerifyResult>(ClusterVerifyRequest, { text });
    assert.deepStrictEqual(before.verdicts.map((v) => v.allowed), [false]);
    const result = await client.connection.sendRequest<ForbiddenResult>(ForbiddenRequest, { text });
    const manifest = result.suggestions.find((s) => s.title.startsWith('New '))?.manifest;
    assert.ok(manifest?.includes('kind: RoleBinding'));
    const dry = await client.connection.sendRequest<ClusterApplyResult>(ClusterApplyRequest, { yaml: manifest, dryRun: true });
    assert.strictEqual(dry.ok, true, JSON.stringify(dry));
    assert.deepStrictEqual(dry.objects.map((o) => [o.kind, o.before === '']), [['Role', true], ['RoleBinding', true]]);
    const applied = await client.connection.sendRequest<ClusterApplyResult>(ClusterApplyRequest, { yaml: manifest, dryRun: false });
    assert.strictEqual(applied.ok, true);
    const after = await client.connection.sendRequest<ClusterVerifyResult>(ClusterVerifyRequest, { text });
    assert.deepStrictEqual(after.verdicts.map((v) => v.allowed), [true]);
    // The model knows what was just applied, without reconnecting.
    const known = await client.connection.sendRequest<CanIResult>(CanIRequest, { user: 'system:serviceaccount:shop:checkout', verb: 'list', resource: 'secrets', namespace: 'shop' });
    assert.deepStrictEqual([known.allowed, known.cluster?.allowed], [true, true]);
    assert.match(known.chain.map((c) => c.text).join('\n'), /RoleBinding shop\/checkout-secrets-list \(live from cluster replay-admin\)/);
  });

  it('disconnect: the workspace alone again', async () => {
    const status = await client.connection.sendRequest<ClusterStatus>(ClusterDisconnectRequest);
    assert.strictEqual(status.connected, false);
    await client.waitForDiagnostics(SHOP, (d) => codes(d).includes('RBAC009') && !codes(d).includes('RBAC003'));
    const apply = await client.connection.sendRequest<ClusterApplyResult>(ClusterApplyRequest, { yaml: 'kind: Role', dryRun: true });
    assert.match(apply.error ?? '', /not connected/);
    const offline = await client.connection.sendRequest<CanIResult>(CanIRequest, { user: 'system:serviceaccount:shop:checkout', verb: 'get', resource: 'configmaps', namespace: 'shop' });
    assert.deepStrictEqual([offline.allowed, offline.cluster], [false, undefined]);
  });

  it('the server log names contexts, never credentials', () => {
    const log = client.logs.join('\n');
    assert.match(log, /connected to replay-admin/);
    for (const secret of ['admin-token', 'expired-token-s3cr3t']) assert.ok(!log.includes(secret));
    assert.deepStrictEqual(replay.unanswered(), []);
  });
});
