import * as assert from 'assert';
import { cpSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import type { CodeLens, DocumentSymbol, Hover, Location } from 'vscode-languageserver-protocol';
import { REPO } from '../helpers/run-cli';
import { startInMemory, type TestClient } from '../helpers/lsp-client';
import { positionOf } from '../helpers/text-position';

describe('explanations over LSP: lenses, symbols, navigation, settings', () => {
  let client: TestClient;
  let dir: string;
  let web: string;
  let webText: string;
  const uri = () => pathToFileURL(web).toString();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-explain-'));
    cpSync(join(REPO, 'examples/shop'), dir, { recursive: true });
    web = join(dir, 'web.yaml');
    webText = readFileSync(web, 'utf8');
    client = startInMemory();
    await client.initialize(dir);
    await client.waitForDiagnostics(web, (d) => d.length >= 4);
  });
  afterEach(() => client.dispose());

  it('lists one document symbol per object, with kind and namespace', async () => {
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: uri() } })) as DocumentSymbol[];
    assert.deepStrictEqual(symbols.map((s) => `${s.name} (${s.detail})`), [
      'web (ServiceAccount · shop)', 'web (Deployment · shop)', 'web-config-reader (Role · shop)', 'web-config-reader (RoleBinding · shop)',
    ]);
  });

  it('puts "bound by" lenses on roles and permission counts on ServiceAccounts', async () => {
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: uri() } })) as CodeLens[];
    assert.deepStrictEqual(lenses.map((l) => [l.range.start.line, l.command?.title]), [
      [positionOf(webText, 'apiVersion: v1\nkind: ServiceAccount').line, '0 rules in 0 namespaces'],
      [positionOf(webText, 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\n').line, 'bound by 0 · 0 subjects'],
    ]);
    assert.strictEqual(lenses[1].command?.command, 'rbacDoctor.showReferences');
  });

  it('goes from serviceAccountName to the ServiceAccount and finds a ServiceAccount\'s workloads', async () => {
    const at = positionOf(webText, 'serviceAccountName: web');
    const definition = (await client.connection.sendRequest('textDocument/definition', {
      textDocument: { uri: uri() }, position: { line: at.line, character: at.character + 21 },
    })) as Location[];
    assert.deepStrictEqual(definition.map((l) => l.range.start.line), [positionOf(webText, '  name: web\n  namespace: shop').line]);
    const saName = positionOf(webText, '  name: web\n');
    const references = (await client.connection.sendRequest('textDocument/references', {
      textDocument: { uri: uri() }, position: { line: saName.line, character: 9 }, context: { includeDeclaration: false },
    })) as Location[];
    assert.deepStrictEqual(references.map((l) => l.range.start.line), [
      positionOf(webText, 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding').line,
      positionOf(webText, 'apiVersion: apps/v1').line,
    ]);
  });

  it('hovers a subject with its effective permissions, and a rule with one sentence', async () => {
    const subject = positionOf(webText, '  - kind: ServiceAccount');
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: uri() }, position: { line: subject.line, character: subject.character + 5 },
    })) as Hover;
    // Why: its binding points at a Role that does not exist (the diagnostic at the roleRef says so; the subject's hover says why it gets nothing).
    assert.strictEqual((hover.contents as { value: string }).value,
      '**ServiceAccount shop/web** in `shop`: no permissions from these manifests, because RoleBinding shop/web-config-reader binds it to Role `web-config-reder`, which does not exist — `web-config-reader` does.');
    const rule = positionOf(webText, '  - apiGroups: [""]\n    resources: ["configmaps"]');
    const ruleHover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: uri() }, position: { line: rule.line + 2, character: 5 },
    })) as Hover;
    assert.strictEqual((ruleHover.contents as { value: string }).value, 'This rule lets its subjects get and watch ConfigMaps in the core group, in namespace shop.');
  });

  it('applies severity settings and turns checks off, refreshing diagnostics', async () => {
    client.configuration = { rbacDoctor: { checks: { RBAC005: 'hint', RBAC024: 'off' } }, 'files.exclude': {} };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const after = await client.waitForDiagnostics(web, (d) => !d.some((x) => x.code === 'RBAC024'));
    assert.deepStrictEqual(after.map((d) => [d.code, d.severity]).sort(), [['RBAC005', 4], ['RBAC009', 2], ['RBAC023', 3]]);
  });

  it('honours # rbac-doctor-disable-next-line', async () => {
    await client.open(web, webText);
    const silenced = webText.replace('  - apiGroups: [""]\n    resources: ["nodes"]', '  # rbac-doctor-disable-next-line RBAC005\n  - apiGroups: [""]\n    resources: ["nodes"]');
    await client.change(web, 2, silenced.replace('    resources: ["nodes"]', '    # rbac-doctor-disable-next-line\n    resources: ["nodes"]'));
    const after = await client.waitForDiagnostics(web, (d) => !d.some((x) => x.code === 'RBAC005'));
    assert.ok(after.some((d) => d.code === 'RBAC009'));
  });
});

describe('Show Effective Permissions over LSP', () => {
  it('draws a resources × verbs matrix per namespace for the subject under the cursor', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-matrix-'));
    cpSync(join(REPO, 'examples/shop'), dir, { recursive: true });
    const deployer = join(dir, 'deployer-rbac.yaml');
    const text = readFileSync(deployer, 'utf8');
    const client = startInMemory();
    try {
      await client.initialize(dir);
      const at = positionOf(text, '  name: deployer\n  namespace: shop');
      const result = (await client.connection.sendRequest('rbacDoctor/effectivePermissions', {
        uri: pathToFileURL(deployer).toString(), position: { line: at.line, character: 8 },
      })) as { subject: string; markdown: string };
      assert.strictEqual(result.subject, 'deployer');
      assert.match(result.markdown, /^# Effective permissions of ServiceAccount shop\/deployer\n\n## Namespace shop\n\n\| resource \| get \| list \| watch \| create \| update \| patch \| delete \| deletecollection \| lsit \| \* \|/);
      assert.match(result.markdown, /\n\| deployments \| ✓ \|  \|  \|  \|  \| ✓ \|  \|  \| ✓ \|  \|/);
    } finally {
      await client.dispose();
    }
  });
});

describe('Kubernetes logs over LSP', () => {
  it('puts "Fix this Forbidden error" above each denial line of a log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-log-'));
    const log = join(dir, 'controller.log');
    const text = [
      'I0101 00:00:00.000000 1 main.go:10] starting',
      'E0101 00:00:01.000000 1 reflector.go:138] Failed to watch *v1.Pod: pods is forbidden: User "system:serviceaccount:shop:web" cannot list resource "pods" in API group "" in the namespace "shop"',
      'E0101 00:00:02.000000 1 quota.go:1] pods "x" is forbidden: exceeded quota: compute',
    ].join('\n');
    const client = startInMemory();
    try {
      await client.initialize(dir);
      await client.open(log, text, 'kubernetes-log');
      const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: pathToFileURL(log).toString() } })) as CodeLens[];
      assert.deepStrictEqual(lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command]), [[1, 'Fix this Forbidden error', 'rbacDoctor.fixForbiddenError']]);
      assert.strictEqual(lenses[0].command?.arguments?.[0], text.split('\n')[1]);
    } finally {
      await client.dispose();
    }
  });
});
