import * as assert from 'assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { pathToFileURL } from 'url';
import type { Hover } from 'vscode-languageserver-protocol';
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
  const events: { progress: Progress; filesWithDiagnostics: number }[] = [];

  before(() => {
    client = startInMemory();
    client.connection.onNotification('$/progress', (params: { value: Progress }) =>
      events.push({ progress: params.value, filesWithDiagnostics: client.diagnostics.size }));
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

  it('publishes diagnostics once the index is complete, then for the open file as it is edited', async () => {
    assert.ok(events.every((e) => e.filesWithDiagnostics === 0), 'no diagnostics from a half-read workspace');
    const diagnostics = await client.waitForDiagnostics(role, (d) => d.some((x) => x.code === 'RBAC001'));
    assert.deepStrictEqual(diagnostics.filter((d) => d.code === 'RBAC001').map((d) => d.range.start), [positionOf(ROLE, '"lsit"')]);
    await client.change(role, 2, ROLE.replace('lsit', 'list'));
    const fixed = await client.waitForDiagnostics(role, (d) => !d.some((x) => x.code === 'RBAC001'));
    assert.deepStrictEqual(fixed.map((d) => d.code), ['RBAC024'], 'the unbound Role is still reported');
  });
});
