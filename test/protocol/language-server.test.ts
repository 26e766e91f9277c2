import * as assert from 'assert';
import { cpSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, Hover, Location } from 'vscode-languageserver-protocol';
import { REPO } from '../helpers/run-cli';
import { startInMemory, startStdio, type TestClient } from '../helpers/lsp-client';
import { positionOf } from '../helpers/text-position';

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-lsp-'));
  cpSync(join(REPO, 'examples/shop'), dir, { recursive: true });
  return dir;
}

const codes = (d: { code?: unknown }[]) => d.map((x) => x.code).sort();

describe('language server over LSP (in memory)', () => {
  let client: TestClient;
  let dir: string;
  let deployer: string;
  let deployerText: string;

  beforeEach(async () => {
    dir = workspace();
    deployer = join(dir, 'deployer-rbac.yaml');
    deployerText = readFileSync(deployer, 'utf8');
    client = startInMemory();
    await client.initialize(dir);
  });
  afterEach(() => client.dispose());

  it('indexes the workspace and publishes diagnostics with codes, docs links and data', async () => {
    const diagnostics = await client.waitForDiagnostics(deployer, (d) => d.length >= 3);
    assert.deepStrictEqual(codes(diagnostics), ['RBAC001', 'RBAC002', 'RBAC003']);
    const rbac002 = diagnostics.find((d) => d.code === 'RBAC002')!;
    assert.deepStrictEqual(rbac002.range.start, positionOf(deployerText, '"deployments"'));
    assert.strictEqual(rbac002.source, 'rbac-doctor');
    assert.match(rbac002.codeDescription!.href, /checks\.md#rbac002$/);
    const web = await client.waitForDiagnostics(join(dir, 'web.yaml'), (d) => d.length >= 4);
    assert.deepStrictEqual(codes(web), ['RBAC005', 'RBAC009', 'RBAC023', 'RBAC024']);
  });

  it('re-checks an edited document: fixing the verb clears RBAC001', async () => {
    await client.waitForDiagnostics(deployer, (d) => d.length >= 3);
    await client.open(deployer, deployerText);
    await client.change(deployer, 2, deployerText.replace('"lsit"', '"list"'));
    const after = await client.waitForDiagnostics(deployer, (d) => !d.some((x) => x.code === 'RBAC001'));
    assert.deepStrictEqual(codes(after), ['RBAC002', 'RBAC003']);
  });

  it('offers quick-fixes from the diagnostic data, a disable action and fix-all', async () => {
    const diagnostics = await client.waitForDiagnostics(deployer, (d) => d.length >= 3);
    await client.open(deployer, deployerText);
    const rbac001 = diagnostics.find((d) => d.code === 'RBAC001')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: pathToFileURL(deployer).toString() },
      range: rbac001.range,
      context: { diagnostics: [rbac001] },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Change to list'), JSON.stringify(titles));
    assert.ok(titles.includes('Disable RBAC001 for this line'));
    const edit = actions.find((a) => a.title === 'Change to list')!.edit!.changes![pathToFileURL(deployer).toString()][0];
    assert.deepStrictEqual(edit.range.start, positionOf(deployerText, '"lsit"'));
    assert.strictEqual(edit.newText, '"list"');
    const fixAll = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: pathToFileURL(deployer).toString() },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.strictEqual(fixAll.length, 1);
    assert.strictEqual(fixAll[0].edit!.changes![pathToFileURL(deployer).toString()].length, 3);
  });

  it('hovers a verb, a resource and a roleRef with exact text', async () => {
    await client.waitForDiagnostics(deployer, (d) => d.length >= 3);
    const hover = async (needle: string, offset = 1) => {
      const position = positionOf(deployerText, needle);
      return (await client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: pathToFileURL(deployer).toString() },
        position: { line: position.line, character: position.character + offset },
      })) as Hover | null;
    };
    const verb = await hover('"patch"');
    assert.match((verb!.contents as { value: string }).value, /^\*\*patch\*\* — change parts of objects/);
    const resource = await hover('"deployments"');
    // The diagnostic says `deployments` is not served by ""; the hover says what it is where it lives, not the same again.
    assert.match((resource!.contents as { value: string }).value, /^\*\*deployments\*\* — Deployment in `apps`, versions v1\n- namespaced/);
    assert.doesNotMatch((resource!.contents as { value: string }).value, /not served/);
    const roleRef = await hover('name: deployer\nsubjects', 7);
    assert.match((roleRef!.contents as { value: string }).value, /^\*\*Role shop\/deployer\*\*/);
    assert.match((roleRef!.contents as { value: string }).value, /Bound by \[RoleBinding shop\/deployer\]/);
  });

  it('goes from roleRef to the Role and finds the bindings of a Role', async () => {
    await client.waitForDiagnostics(deployer, (d) => d.length >= 3);
    const uri = pathToFileURL(deployer).toString();
    const refPosition = positionOf(deployerText, 'name: deployer\nsubjects');
    const definition = (await client.connection.sendRequest('textDocument/definition', {
      textDocument: { uri }, position: { line: refPosition.line, character: refPosition.character + 7 },
    })) as Location[];
    const roleLine = positionOf(deployerText, 'kind: Role\nmetadata:\n  name: deployer').line + 2;
    assert.deepStrictEqual(definition.map((l) => [l.uri, l.range.start.line]), [[uri, roleLine]]);
    const references = (await client.connection.sendRequest('textDocument/references', {
      textDocument: { uri }, position: { line: roleLine, character: 8 }, context: { includeDeclaration: false },
    })) as Location[];
    assert.deepStrictEqual(references.map((l) => l.range.start.line), [positionOf(deployerText, 'kind: RoleBinding').line - 1]);
  });

  it('answers Fix Forbidden Error with an edit to the role already bound', async () => {
    await client.waitForDiagnostics(deployer, (d) => d.length >= 3);
    const result = (await client.connection.sendRequest('rbacDoctor/forbidden', {
      text: 'pods "web-1" is forbidden: User "system:serviceaccount:shop:deployer" cannot get resource "pods/log" in API group "" in the namespace "shop"',
    })) as { denials: { summary: string }[]; suggestions: { kind: string; title: string; edits?: { file: string }[] }[] };
    assert.strictEqual(result.denials[0].summary, 'ServiceAccount shop/deployer cannot get pods/log "web-1" in namespace shop');
    assert.strictEqual(result.suggestions[0].kind, 'edit');
    assert.strictEqual(result.suggestions[0].edits![0].file, deployer);
    assert.ok(result.suggestions.some((s) => s.kind === 'new' && s.title.startsWith('New Role and RoleBinding in shop')));
  });

  it('Fix Forbidden Error refuses a paste without a scope, asking for a namespace; with one, a Role there', async () => {
    const text = 'pods is forbidden: User "alice" cannot list resource "pods" in API group ""';
    type Answer = { suggestions: { kind: string; yaml?: string }[]; refusals?: { reason: string; needsNamespace?: boolean }[] };
    const refused = (await client.connection.sendRequest('rbacDoctor/forbidden', { text })) as Answer;
    assert.deepStrictEqual(refused.suggestions, []);
    assert.strictEqual(refused.refusals?.[0].needsNamespace, true);
    const placed = (await client.connection.sendRequest('rbacDoctor/forbidden', { text, options: { namespace: 'shop' } })) as Answer;
    assert.strictEqual(placed.refusals, undefined);
    assert.ok(placed.suggestions.some((s) => s.kind === 'new' && /kind: Role\n[^]*namespace: "shop"/.test(s.yaml ?? '')));
  });

  it('answers can-i with the deciding chain', async () => {
    const result = (await client.connection.sendRequest('rbacDoctor/canI', {
      user: 'system:serviceaccount:shop:deployer', verb: 'patch', resource: 'deployments', namespace: 'shop',
    })) as { allowed: boolean; chain: { text: string }[] };
    assert.strictEqual(result.allowed, false);
    assert.match(result.chain.map((c) => c.text).join('\n'), /RoleBinding shop\/deployer → Role shop\/deployer: 2 rules, none matches \(closest: rule 1, wrong API group\)/);
  });
});

describe('language server over stdio (bundled)', () => {
  it('starts from dist/server.js, indexes and publishes diagnostics', async () => {
    const dir = workspace();
    const client = startStdio(join(REPO, 'dist/server.js'));
    try {
      await client.initialize(dir);
      const diagnostics = await client.waitForDiagnostics(join(dir, 'web.yaml'), (d) => d.length >= 4);
      assert.deepStrictEqual(codes(diagnostics), ['RBAC005', 'RBAC009', 'RBAC023', 'RBAC024']);
    } finally {
      await client.dispose();
    }
  });

  it('`rbac-doctor lsp --stdio` is the same server', async () => {
    const dir = workspace();
    const client = startStdio(join(REPO, 'bin/rbac-doctor.js'), ['lsp', '--stdio']);
    try {
      await client.initialize(dir);
      const diagnostics = await client.waitForDiagnostics(join(dir, 'deployer-rbac.yaml'), (d) => d.length >= 3);
      assert.deepStrictEqual(codes(diagnostics), ['RBAC001', 'RBAC002', 'RBAC003']);
    } finally {
      await client.dispose();
    }
  });
});
