import * as assert from 'assert';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fixtureWorkspaces } from '../fuzz/fuzz-core';
import { mutate, seededRandom } from '../fuzz/mutate';
import { startInMemory, type TestClient } from '../helpers/lsp-client';

/**
 * The real server on mutated fixtures: each mutant is opened as an editor document, then code actions,
 * hovers, symbols and lenses are asked for. A request that fails (the server threw) fails the test.
 */
const SEED = 20261130;
const CASES = 12;

describe('fuzz: the language server on mutated fixtures', function () {
  this.timeout(120_000);
  let client: TestClient;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rbac-fuzz-'));
    client = startInMemory();
    await client.initialize(dir);
  });

  after(async () => {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`answers every request on ${CASES} mutants`, async () => {
    const workspaces = fixtureWorkspaces();
    for (let index = 0; index < CASES; index++) {
      const random = seededRandom(SEED * 1_000_003 + index);
      const files = Object.entries(workspaces[Math.floor(random() * workspaces.length)].files);
      const [source, original] = files[Math.floor(random() * files.length)];
      const { text, applied } = mutate(original, random);
      const path = join(dir, `${index}-${basename(source)}`);
      const uri = pathToFileURL(path).toString();
      const context = `case ${index}: ${source} after ${applied.join(' + ')}`;
      await client.open(path, text);
      // A document without findings may get no diagnostics at all: they are asked for, not required.
      const diagnostics: Diagnostic[] = await client.waitForDiagnostics(path, () => true, 300).catch(() => []);
      const lines = text.split('\n');
      const somewhere = () => {
        const line = Math.floor(random() * lines.length);
        return { line, character: Math.floor(random() * ((lines[line]?.length ?? 0) + 1)) };
      };
      const requests: [string, unknown][] = [
        ['textDocument/documentSymbol', { textDocument: { uri } }],
        ['textDocument/codeLens', { textDocument: { uri } }],
        ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } }],
        ...diagnostics.slice(0, 5).map((d): [string, unknown] => ['textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }]),
        ...[0, 1, 2].map((): [string, unknown] => ['textDocument/hover', { textDocument: { uri }, position: somewhere() }]),
        ['textDocument/definition', { textDocument: { uri }, position: somewhere() }],
      ];
      for (const [method, params] of requests) {
        await client.connection.sendRequest(method, params).catch((error: Error) => assert.fail(`${context}: ${method} failed: ${error.message}`));
      }
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
  });
});
