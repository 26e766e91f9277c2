import * as assert from 'assert';
import { copyFileSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import type { CodeLens } from 'vscode-languageserver-protocol';
import type { ForbiddenResult } from '../../server/src/protocol/custom-messages';
import { REPO } from '../helpers/run-cli';
import { startInMemory, type TestClient } from '../helpers/lsp-client';

const LOGS = join(REPO, 'test/fixtures/logs');

describe('whole logs over LSP: Fix Forbidden Error and the log lenses', () => {
  let client: TestClient;
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-logs-lsp-'));
    client = startInMemory();
    await client.initialize(dir);
  });
  afterEach(() => client.dispose());

  const lensesOf = async (path: string) =>
    ((await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: pathToFileURL(path).toString() } })) as CodeLens[])
      .map((l) => ({ line: l.range.start.line, title: l.command?.title, args: l.command?.arguments }));

  it('puts "Fix all N denials (K subjects)" on the first denial of a log, naming the file', async () => {
    const log = join(dir, 'mixed.log');
    const text = readFileSync(join(LOGS, 'namespaces.log'), 'utf8');
    await client.open(log, text, 'kubernetes-log');
    const lenses = await lensesOf(log);
    assert.deepStrictEqual(lenses[0], { line: 0, title: 'Fix all 12 denials (2 subjects)', args: [{ uri: pathToFileURL(log).toString() }] });
    assert.strictEqual(lenses.filter((l) => l.title === 'Fix this Forbidden error').length, 12);
  });

  it('puts "Fix the N denials in this file" on the first line of an audit log', async () => {
    const audit = join(dir, 'audit.jsonl');
    await client.open(audit, readFileSync(join(LOGS, 'audit.jsonl'), 'utf8'), 'kubernetes-log');
    const lenses = await lensesOf(audit);
    assert.deepStrictEqual(lenses.map((l) => [l.line, l.title]), [[0, 'Fix the 12 denials in this file']]);
  });

  it('no whole-file lens for a single denial', async () => {
    const log = join(dir, 'one.log');
    await client.open(log, 'Error from server (Forbidden): pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "a"\n', 'kubernetes-log');
    assert.deepStrictEqual((await lensesOf(log)).map((l) => l.title), ['Fix this Forbidden error']);
  });

  it('answers a whole log with one change per subject, reading a named file itself', async () => {
    const audit = join(dir, 'audit.jsonl');
    copyFileSync(join(LOGS, 'audit.jsonl'), audit);
    const progress: { token: unknown; kind: string; title?: string; percentage?: number }[] = [];
    client.connection.onNotification('$/progress', (p: { token: unknown; value: { kind: string; title?: string; percentage?: number } }) => progress.push({ token: p.token, ...p.value }));
    const result = (await client.connection.sendRequest('rbacDoctor/forbidden', { text: '', uri: pathToFileURL(audit).toString() })) as ForbiddenResult;
    assert.deepStrictEqual(result.changes?.map((c) => [c.subject, c.denials]), [
      ['ServiceAccount shop/web', 6], ['User oidc:dev@example.com', 2], ['ServiceAccount ci/deployer', 1], ['ServiceAccount monitoring/prometheus', 3],
    ]);
    const web = result.changes![0];
    // The same rules in shop and stock: one ClusterRole, bound by a RoleBinding in each.
    assert.match(web.yaml!, /kind: ClusterRole\nmetadata:\n {2}name: "shop-web-namespaced-access"/);
    assert.strictEqual(web.yaml!.match(/kind: RoleBinding/g)?.length, 2);
    assert.ok(!web.yaml!.includes('ClusterRoleBinding'));
    assert.deepStrictEqual(web.next.map((n) => [n.pattern, n.namespace]), [['leader election', 'shop'], ['leader election', 'stock']]);
    // The file was read with the editor's progress: begun, at 100 %, ended.
    const begun = progress.find((p) => p.kind === 'begin' && p.title === 'Kubernetes RBAC: reading the log');
    const reading = progress.filter((p) => p.token === begun?.token);
    assert.deepStrictEqual([reading[0]?.kind, reading.at(-1)?.kind], ['begin', 'end']);
    assert.ok(reading.some((p) => p.kind === 'report' && p.percentage === 100));
  });

  it('a single pasted 403 keeps the single-message answer (no changes)', async () => {
    const result = (await client.connection.sendRequest('rbacDoctor/forbidden', {
      text: 'pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "a"',
    })) as ForbiddenResult;
    assert.strictEqual(result.changes, undefined);
    assert.match(result.suggestions[0].title, /^New Role and RoleBinding in a/);
  });
});
