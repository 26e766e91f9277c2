import * as assert from 'assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { pathToFileURL } from 'url';
import type { Hover } from 'vscode-languageserver-protocol';
import { WorkspaceStatusNotification, WorkspaceStatusRequest, type WorkspaceStatus } from '../../server/src/protocol/custom-messages';
import { startInMemory, type TestClient } from '../helpers/lsp-client';
import { syntheticWorkspace } from '../helpers/synthetic-workspace';
import { positionOf } from '../helpers/text-position';

const ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
  namespace: shop
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get", "lsit"]
`;

type Progress = { kind: 'begin' | 'report' | 'end'; percentage?: number; message?: string };

/** A workspace large enough that indexing it takes a while: synthetic applications plus one Role to hover. */
function largeWorkspace(files: number): { dir: string; role: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-large-'));
  for (const file of syntheticWorkspace('one-object', files)) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.text);
  }
  const role = join(dir, 'zz-shop', 'role.yaml');
  mkdirSync(dirname(role), { recursive: true });
  writeFileSync(role, ROLE);
  return { dir, role };
}

describe('language server on a large workspace', function () {
  this.timeout(120000);
  let client: TestClient;
  const { dir, role } = largeWorkspace(3000);
  const events: { progress: Progress; filesWithDiagnostics: string[]; codes: string[] }[] = [];
  const statuses: WorkspaceStatus[] = [];

  before(() => {
    client = startInMemory();
    client.connection.onNotification('$/progress', (params: { value: Progress }) =>
      events.push({
        progress: params.value,
        filesWithDiagnostics: [...client.diagnostics].filter(([, d]) => d.length > 0).map(([uri]) => uri),
        codes: [...client.diagnostics.values()].flat().map((d) => String(d.code)),
      }));
    client.connection.onNotification(WorkspaceStatusNotification, (status: WorkspaceStatus) => statuses.push(status));
  });
  after(() => client.dispose());

  const progressOf = (kind: Progress['kind']) => events.filter((e) => e.progress.kind === kind);
  const until = async (predicate: () => boolean, what: string) => {
    const deadline = Date.now() + 100000;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  it('indexes in the background with work-done progress, and answers a hover on an open file before it is done', async () => {
    await client.initialize(dir);
    await until(() => progressOf('begin').length > 0, 'progress begin');
    assert.match(progressOf('begin')[0].progress.message ?? '', /^3001 files$/);
    await client.open(role, ROLE);
    const verb = positionOf(ROLE, '"get"');
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: pathToFileURL(role).toString() },
      position: { line: verb.line, character: verb.character + 2 },
    })) as Hover | null;
    assert.ok(hover, 'a hover while indexing');
    assert.match(JSON.stringify(hover.contents), /get/);
    assert.strictEqual(progressOf('end').length, 0, 'the hover was answered before the index was complete');
    await until(() => progressOf('end').length > 0, 'progress end');
    const reports = progressOf('report').map((e) => e.progress.percentage!);
    assert.ok(reports.length >= 2, `reports: ${reports.join(', ')}`);
    assert.deepStrictEqual(reports, [...reports].sort((a, b) => a - b), 'percentages only grow');
  });

  it('says how much is read: a status while reading, then ready', async () => {
    assert.ok(statuses.some((s) => s.state === 'reading' && s.filesRead < s.filesTotal && /reading [\d,]+ of 3,001 files/.test(s.message)), JSON.stringify(statuses.slice(0, 3)));
    assert.deepStrictEqual(statuses[statuses.length - 1], { state: 'ready', filesRead: 3001, filesTotal: 3001, message: 'RBAC: 3,001 files read' });
    const reads = statuses.map((s) => s.filesRead);
    assert.deepStrictEqual(reads, [...reads].sort((a, b) => a - b), 'the count only grows');
    assert.deepStrictEqual(await client.connection.sendRequest(WorkspaceStatusRequest), statuses[statuses.length - 1]);
  });

  it('while reading, publishes the open file\'s own findings only; findings across files once every file is read', async () => {
    const uri = pathToFileURL(role).toString();
    const whileReading = events.filter((e) => e.progress.kind !== 'end');
    assert.ok(whileReading.some((e) => e.codes.includes('RBAC001')), 'the open file\'s verb typo before the index is complete');
    assert.ok(whileReading.every((e) => e.filesWithDiagnostics.every((f) => f === uri)), 'no other file has diagnostics from a half-read workspace');
    assert.ok(whileReading.every((e) => !e.codes.includes('RBAC024')), 'no finding across files (an unbound Role) before every file is read');
    const diagnostics = await client.waitForDiagnostics(role, (d) => d.some((x) => x.code === 'RBAC001'));
    assert.deepStrictEqual(diagnostics.filter((d) => d.code === 'RBAC001').map((d) => d.range.start), [positionOf(ROLE, '"lsit"')]);
    await client.change(role, 2, ROLE.replace('lsit', 'list'));
    const fixed = await client.waitForDiagnostics(role, (d) => !d.some((x) => x.code === 'RBAC001'));
    assert.deepStrictEqual(fixed.map((d) => d.code), ['RBAC024'], 'the unbound Role is still reported');
  });
});
