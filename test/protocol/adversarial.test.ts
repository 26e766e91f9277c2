import * as assert from 'assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import {
  deepDictChart, kustomizeDiamond, largeValuesChart, PLANTED_FAULT, selfReferencingAliasChart, WILDCARD_ROLE, type Files,
} from '../fuzz/adversarial-inputs';
import { startStdio, type TestClient } from '../helpers/lsp-client';
import { REPO } from '../helpers/run-cli';

/**
 * The inputs that once ended the language server or held it up, in one workspace with a normal file:
 * the server, started over stdio as the editor starts it, stays alive, publishes the normal file's
 * findings, says at each trigger what it could not read in one line, and answers hovers on other files.
 */
function writeWorkspace(files: Files): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}

const uri = (path: string) => pathToFileURL(path).toString();
const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);

async function hoverOnVerbs(client: TestClient, path: string): Promise<Hover | null> {
  // WILDCARD_ROLE's `verbs: ["*"]` line (0-based 7).
  return (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri(path) }, position: { line: 7, character: 12 } })) as Hover | null;
}

function assertOneLine(diagnostics: Diagnostic[], code: string, path: string): Diagnostic {
  const found = diagnostics.find((d) => d.code === code);
  assert.ok(found, `${path}: no ${code} in ${JSON.stringify(codes(diagnostics))}`);
  assert.ok(!found.message.includes('\n') && found.message.length < 600, found.message);
  return found;
}

function assertAlive(client: TestClient): void {
  assert.strictEqual(client.child?.exitCode, null, 'the server process ended');
  assert.strictEqual(client.child?.signalCode, null, 'the server process was killed');
}

describe('language server on adversarial workspaces (stdio)', function () {
  this.timeout(240_000);
  let dir: string;
  let client: TestClient;
  let other: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rbac-lsp-adversarial-'));
    other = join(dir, 'other/role.yaml');
    writeWorkspace({
      ...selfReferencingAliasChart(join(dir, 'alias')),
      ...deepDictChart(join(dir, 'deep')),
      ...kustomizeDiamond(join(dir, 'diamond'), 22, 'resources'),
      ...kustomizeDiamond(join(dir, 'components'), 24, 'components'),
      ...kustomizeDiamond(join(dir, 'transforming'), 24, 'transforming components'),
      // 200,000 flow-map entries: 7.8 MB, under the 10 MB a manifest may have.
      ...largeValuesChart(join(dir, 'large'), 200_000),
      [other]: WILDCARD_ROLE,
    });
    client = startStdio(join(REPO, 'dist/server.js'));
    await client.initialize(dir);
  });

  after(async () => {
    await client?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the normal file\'s findings and answers a hover on it', async () => {
    const diagnostics = await client.waitForDiagnostics(other, (d) => d.some((x) => x.code === 'RBAC101'), 180_000);
    assert.ok(codes(diagnostics).includes('RBAC024'));
    const hover = await hoverOnVerbs(client, other);
    assert.match(JSON.stringify(hover?.contents), /anything with Pods/);
    assertAlive(client);
  });

  it('says at each trigger, in one line, what it could not read; the large values file is read', async () => {
    const at = (path: string) => client.waitForDiagnostics(join(dir, path), (d) => d.length > 0, 60_000);
    // kubectl refuses the diamond of resources: said at the build's root, in kubectl's words.
    assert.match(assertOneLine(await at('diamond/k0a/kustomization.yaml'), 'RBAC035', 'diamond').message, /may not add resource with an already registered id/);
    // A diamond of components adds the leaf's Role once per path: kubectl refuses it too.
    assert.match(assertOneLine(await at('components/k24a/kustomization.yaml'), 'RBAC035', 'components').message, /already registered id/);
    // Components that only transform are applied 2^24 times: stopped at the budget, said where.
    assert.match(assertOneLine(await at('transforming/k20a/kustomization.yaml'), 'RBAC033', 'transforming').message, /past the budget/);
    // A self-referencing alias and a dict nested 1,000 deep: unknown past the write budget, said at the action.
    assert.match(assertOneLine(await at('alias/templates/role.yaml'), 'RBAC037', 'alias').message, /values nested more than 100 deep/);
    const deep = assertOneLine(await at('deep/templates/deep.yaml'), 'RBAC037', 'deep');
    assert.strictEqual(deep.range.start.line, 1007);
    // The chart with 7.8 MB of values is read and its Role judged like any other.
    assert.ok(codes(await at('large/templates/role.yaml')).includes('RBAC101'));
    assertAlive(client);
  });

  it('opening each trigger keeps the server alive; hovers on the normal file still answer', async () => {
    const triggers = ['alias/templates/role.yaml', 'alias/values.yaml', 'deep/templates/deep.yaml', 'diamond/k0a/kustomization.yaml', 'components/k0a/kustomization.yaml', 'large/values.yaml'];
    for (const path of triggers) {
      await client.open(join(dir, path), readFileSync(join(dir, path), 'utf8'));
      // A hover on the trigger itself and one on the normal file: both answered (null is an answer).
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri(join(dir, path)) }, position: { line: 0, character: 0 } });
      const hover = await hoverOnVerbs(client, other);
      assert.match(JSON.stringify(hover?.contents), /anything with Pods/, `after opening ${path}`);
      assertAlive(client);
    }
    // Typing in the alias chart's template reads it again: still alive, still answering.
    const template = join(dir, 'alias/templates/role.yaml');
    await client.change(template, 2, `${readFileSync(template, 'utf8')}# edited\n`);
    assert.match(JSON.stringify((await hoverOnVerbs(client, other))?.contents), /anything with Pods/);
    assertAlive(client);
  });
});

describe('language server with a file whose reading crashes (stdio)', function () {
  this.timeout(120_000);
  let dir: string;
  let client: TestClient;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rbac-lsp-crash-'));
    writeWorkspace({
      [join(dir, 'crash/role.yaml')]: `${PLANTED_FAULT}\n${WILDCARD_ROLE.replace('other', 'crash')}`,
      [join(dir, 'other/role.yaml')]: WILDCARD_ROLE,
    });
    // The real server, built from the same sources, with a fault planted in one file's reading.
    client = startStdio(join(REPO, 'out/test/helpers/server-with-planted-fault.js'));
    await client.initialize(dir);
  });

  after(async () => {
    await client?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the file as not analysed at its first line, checks the others, and answers hovers', async () => {
    const crash = join(dir, 'crash/role.yaml');
    const other = join(dir, 'other/role.yaml');
    const crashed = await client.waitForDiagnostics(crash, (d) => d.length > 0, 60_000);
    assert.deepStrictEqual(codes(crashed), ['RBAC034']);
    assert.strictEqual(crashed[0].range.start.line, 0);
    assert.match(assertOneLine(crashed, 'RBAC034', crash).message, /could not be analysed \(Maximum call stack size exceeded\)/);
    assert.ok(codes(await client.waitForDiagnostics(other, (d) => d.length > 0)).includes('RBAC101'));
    assert.match(JSON.stringify((await hoverOnVerbs(client, other))?.contents), /anything with Pods/);
    // Opening and editing the file that crashes: the same answer, and the server goes on.
    await client.open(crash, `${PLANTED_FAULT}\n${WILDCARD_ROLE}`);
    await client.change(crash, 2, `${PLANTED_FAULT}\n${WILDCARD_ROLE}# edited\n`);
    await client.waitForDiagnostics(crash, (d) => d.length === 1 && d[0].code === 'RBAC034');
    assert.match(JSON.stringify((await hoverOnVerbs(client, other))?.contents), /anything with Pods/);
    // Once the file reads, it is checked like any other.
    await client.change(crash, 3, WILDCARD_ROLE.replace('other', 'crash'));
    await client.waitForDiagnostics(crash, (d) => d.some((x) => x.code === 'RBAC101') && !d.some((x) => x.code === 'RBAC034'));
    assertAlive(client);
  });
});
