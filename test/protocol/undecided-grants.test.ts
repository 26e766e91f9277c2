import * as assert from 'assert';
import { join } from 'path';
import { pathToFileURL } from 'url';
import type { CodeLens, Hover } from 'vscode-languageserver-protocol';
import { startStdio, type TestClient } from '../helpers/lsp-client';
import { REPO } from '../helpers/run-cli';
import { writeUndecidedChart } from '../helpers/undecided-chart';
import { writePartialChart } from '../helpers/partial-chart';
import { writeAggregateChart } from '../helpers/aggregate-chart';
import type { ForbiddenResult } from '../../server/src/protocol/custom-messages';

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

describe('roles and bindings a chart could not read whole, in the language server (stdio)', function () {
  this.timeout(60_000);
  let client: TestClient;
  let chart: string;
  const accounts = () => pathToFileURL(join(chart, 'templates', 'serviceaccounts.yaml')).toString();

  before(async () => {
    chart = writePartialChart();
    client = startStdio(join(REPO, 'dist/server.js'));
    await client.initialize(chart);
    await client.waitFor(() => client.codeLensRefreshes >= 1, () => 'the workspace read');
  });
  after(() => client.dispose());

  it('Check Access: not allowed, marked unknown, the chain naming the object that could not be read at its line', async () => {
    const result = (await client.connection.sendRequest('rbacDoctor/canI', { user: 'system:serviceaccount:jobs:batch', verb: 'get', resource: 'secrets', namespace: 'shop' })) as { allowed: boolean; unknown?: boolean; chain: { text: string; file?: string; line?: number }[] };
    assert.deepStrictEqual([result.allowed, result.unknown], [false, true]);
    const step = result.chain.find((s) => /RoleBinding \(not known\)\/reader → ClusterRole secret-reader might grant it: .*could not be read \(its namespace is computed/.test(s.text));
    assert.ok(step, JSON.stringify(result.chain));
    assert.deepStrictEqual([step.file, step.line], [join(chart, 'templates', 'rbac.yaml'), 19]);
    const denied = (await client.connection.sendRequest('rbacDoctor/canI', { user: 'system:serviceaccount:jobs:batch', verb: 'delete', resource: 'secrets', namespace: 'shop' })) as { allowed: boolean; unknown?: boolean };
    assert.deepStrictEqual([denied.allowed, denied.unknown], [false, undefined]);
  });

  it('Who Can: the subjects such objects might reach are "might", and none is certain', async () => {
    const result = (await client.connection.sendRequest('rbacDoctor/whoCan', { verb: 'get', resource: 'secrets', namespace: 'shop' })) as { subjects: { subject: string; might?: { text: string } }[] };
    const mine = result.subjects.filter((s) => ['jobs/batch', 'alice'].includes(s.subject)).map((s) => `${s.subject}:${s.might ? 'might' : 'can'}`);
    assert.deepStrictEqual(mine.sort(), ['alice:might', 'jobs/batch:might']);
  });

  it('the ServiceAccount hover and permissions matrix mark what such objects might give; the lens says some is not known', async () => {
    const matrix = (await client.connection.sendRequest('rbacDoctor/effectivePermissions', { uri: accounts(), position: { line: 9, character: 9 } })) as { markdown: string };
    const [, somewhere] = matrix.markdown.split('## A namespace not known');
    assert.match(somewhere ?? '', /^\| secrets \| \? \|/m, matrix.markdown);
    assert.doesNotMatch(matrix.markdown, /^\| secrets \|[^\n]*✓/m);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: accounts() }, position: { line: 9, character: 9 } })) as Hover | null;
    assert.match(JSON.stringify(hover?.contents ?? ''), /might, not known/);
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: accounts() } })) as CodeLens[];
    const app = lenses.find((l) => l.range.start.line === 0)?.command?.title ?? '';
    assert.match(app, /might \(not known\)/, JSON.stringify(lenses));
  });

  it('Fix Forbidden: never "already granted" from them; the change grants it and says what might already', async () => {
    const text = 'secrets "db" is forbidden: User "system:serviceaccount:jobs:batch" cannot get resource "secrets" in API group "" in the namespace "shop"';
    const result = (await client.connection.sendRequest('rbacDoctor/forbidden', { text })) as ForbiddenResult;
    assert.ok(result.suggestions.length > 0);
    assert.ok(result.suggestions.every((s) => !/already granted/i.test(s.title)), JSON.stringify(result.suggestions.map((s) => s.title)));
    assert.match(result.suggestions[0].manifest ?? '', /# Not counted as granted: RoleBinding \(not known\)\/reader could not be read/);
  });
});

describe('aggregated ClusterRoles that pull in what could not be read, in the language server (stdio)', function () {
  this.timeout(60_000);
  let client: TestClient;

  before(async () => {
    client = startStdio(join(REPO, 'dist/server.js'));
    await client.initialize(writeAggregateChart());
    await client.waitFor(() => client.codeLensRefreshes >= 1, () => 'the workspace read');
  });
  after(() => client.dispose());

  it('Check Access and Who Can: the aggregating role\'s rules from a ClusterRole whose labels could not be read are "might"', async () => {
    const result = (await client.connection.sendRequest('rbacDoctor/canI', { user: 'alice', verb: 'list', resource: 'secrets', namespace: 'shop' })) as { allowed: boolean; unknown?: boolean; chain: { text: string; line?: number }[] };
    assert.deepStrictEqual([result.allowed, result.unknown], [false, true]);
    const step = result.chain.find((s) => /ClusterRole shop-secrets has labels that could not be read/.test(s.text));
    assert.strictEqual(step?.line, 9, JSON.stringify(result.chain));
    const who = (await client.connection.sendRequest('rbacDoctor/whoCan', { verb: 'list', resource: 'secrets', namespace: 'shop' })) as { subjects: { subject: string; might?: { text: string } }[] };
    const mine = who.subjects.filter((s) => ['alice', 'bob'].includes(s.subject)).map((s) => `${s.subject}:${s.might ? 'might' : 'can'}`);
    assert.deepStrictEqual(mine.sort(), ['alice:might', 'bob:can']);
  });
});
