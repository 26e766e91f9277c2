import * as assert from 'assert';
import { join } from 'path';
import { pathToFileURL } from 'url';
import type { CodeLens, Hover } from 'vscode-languageserver-protocol';
import { startStdio, type TestClient } from '../helpers/lsp-client';
import { REPO } from '../helpers/run-cli';
import { writeUndecidedChart } from '../helpers/undecided-chart';

describe('unknown is not granted, in the language server (stdio)', function () {
  this.timeout(60_000);
  let client: TestClient;
  let chart: string;
  const account = () => pathToFileURL(join(chart, 'templates', 'serviceaccount.yaml')).toString();

  before(async () => {
    chart = writeUndecidedChart();
    client = startStdio(join(REPO, 'dist/server.js'));
    await client.initialize(chart);
    await client.waitFor(() => client.codeLensRefreshes >= 1, () => 'the workspace read');
  });
  after(() => client.dispose());

  it('Check Access: not allowed, marked unknown, and the chain names the rule that would grant it', async () => {
    const result = (await client.connection.sendRequest('rbacDoctor/canI', { user: 'system:serviceaccount:shop:app', verb: 'list', resource: 'secrets', namespace: 'shop' })) as { allowed: boolean; unknown?: boolean; chain: { text: string; line?: number }[] };
    assert.deepStrictEqual([result.allowed, result.unknown], [false, true]);
    const step = result.chain.find((s) => /rule 2 would grant it, but rule 2 of Role app renders only under/.test(s.text));
    assert.ok(step, JSON.stringify(result.chain));
    assert.strictEqual(step.line, 10);
    const known = (await client.connection.sendRequest('rbacDoctor/canI', { user: 'system:serviceaccount:shop:app', verb: 'list', resource: 'pods', namespace: 'shop' })) as { allowed: boolean; unknown?: boolean };
    assert.deepStrictEqual([known.allowed, known.unknown], [true, undefined]);
  });

  it('Who Can: a subject that may not render is "might", apart from those that can', async () => {
    const result = (await client.connection.sendRequest('rbacDoctor/whoCan', { verb: 'list', resource: 'pods', namespace: 'shop' })) as { subjects: { subject: string; might?: { text: string } }[] };
    const mine = result.subjects.filter((s) => s.subject.startsWith('shop/')).map((s) => `${s.subject}:${s.might ? 'might' : 'can'}`);
    assert.deepStrictEqual(mine, ['shop/app:can', 'shop/batch:might']);
  });

  it('the ServiceAccount lens, its hover and its permissions matrix mark the rule that might be held', async () => {
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: account() } })) as CodeLens[];
    assert.deepStrictEqual(lenses.map((l) => l.command?.title), ['1 rule in 1 namespace + 1 might (not known)']);
    const matrix = (await client.connection.sendRequest('rbacDoctor/effectivePermissions', { uri: account(), position: { line: 3, character: 9 } })) as { markdown: string };
    assert.match(matrix.markdown, /^\| pods \|  \| ✓ \|/m);
    assert.match(matrix.markdown, /^\| secrets \|  \| \? \|/m);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: account() }, position: { line: 3, character: 9 } })) as Hover | null;
    const text = JSON.stringify(hover?.contents ?? '');
    assert.match(text, /1 rule\(s\) \+ 1 that might be held/);
    assert.match(text, /might, not known/);
  });
});
