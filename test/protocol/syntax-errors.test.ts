import * as assert from 'assert';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import { startInMemory, type TestClient } from '../helpers/lsp-client';
import { positionOf } from '../helpers/text-position';

const BROKEN = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: app, namespace: shop}\nrules:\n- apiGroups: [""]\n  resources: ["pods"\n  verbs: ["get"]\n';
// A file with a finding of its own: once it is published, the broken file's diagnostics are too.
const UNBOUND = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: reader, namespace: shop}\nrules: []\n';
const RED_HAT = { extensions: ['redhat.vscode-yaml'] };

function workspace(): { dir: string; broken: string; unbound: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-syntax-'));
  writeFileSync(join(dir, 'broken.yaml'), BROKEN);
  writeFileSync(join(dir, 'unbound.yaml'), UNBOUND);
  return { dir, broken: join(dir, 'broken.yaml'), unbound: join(dir, 'unbound.yaml') };
}

describe('YAML syntax errors in the editor (rbacDoctor.syntaxErrors)', () => {
  let client: TestClient;
  afterEach(() => client.dispose());

  const syntaxCodes = async (path: string, other: string) => {
    await client.waitForDiagnostics(other, (d) => d.some((x) => x.code === 'RBAC024'));
    return (client.diagnostics.get(pathToFileURL(path).toString()) ?? []).filter((d) => d.code === 'RBAC026');
  };

  it('reports an unreadable document by default, at the parser\'s position', async () => {
    const { dir, broken } = workspace();
    client = startInMemory();
    await client.initialize(dir);
    const [diagnostic] = await client.waitForDiagnostics(broken, (d) => d.some((x) => x.code === 'RBAC026'));
    assert.deepStrictEqual(diagnostic.range.start, positionOf(BROKEN, 'verbs:'));
    assert.strictEqual(diagnostic.severity, 1);
    assert.match(diagnostic.message, /^YAML syntax error: /);
  });

  it('auto leaves them to Red Hat YAML when the client says it validates, and takes them back when it goes', async () => {
    const { dir, broken, unbound } = workspace();
    client = startInMemory();
    await client.initialize(dir, RED_HAT);
    assert.deepStrictEqual(await syntaxCodes(broken, unbound), []);
    await client.connection.sendNotification('rbacDoctor/yamlSyntaxReporters', { extensions: [] });
    await client.waitForDiagnostics(broken, (d) => d.some((x) => x.code === 'RBAC026'));
  });

  it('"on" reports next to Red Hat YAML; "off" never reports', async () => {
    const { dir, broken, unbound } = workspace();
    client = startInMemory();
    client.configuration.rbacDoctor = { syntaxErrors: 'on' };
    await client.initialize(dir, RED_HAT);
    await client.waitForDiagnostics(broken, (d) => d.some((x) => x.code === 'RBAC026'));
    client.configuration.rbacDoctor = { syntaxErrors: 'off' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.connection.sendNotification('rbacDoctor/yamlSyntaxReporters', { extensions: [] });
    await client.waitForDiagnostics(broken, (d) => !d.some((x) => x.code === 'RBAC026'));
    assert.deepStrictEqual(await syntaxCodes(broken, unbound), []);
  });
});
