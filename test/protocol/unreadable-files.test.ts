import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startInMemory, type TestClient } from '../helpers/lsp-client';

const BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: reader
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: missing
subjects:
- kind: ServiceAccount
  name: web
  namespace: shop
`;

/** The workspace indexer passes the same gate as the CLI: the server answers, and says what it left out. */
describe('language server on files it must not read', function () {
  this.timeout(60_000);
  let dir: string;
  let client: TestClient;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'rbac-lsp-unreadable-'));
    writeFileSync(join(dir, 'binding.yaml'), BINDING);
    execFileSync('mkfifo', [join(dir, 'p.yaml')]);
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    writeFileSync(join(dir, 'one-line.yaml'), `{"kind": "Role", "rules": ["${'x'.repeat(2 * 1024 * 1024)}"]}\n`);
  });

  after(async () => {
    await client?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('indexes the rest and logs one line for each file skipped', async () => {
    client = startInMemory();
    client.configuration = { rbacDoctor: { maxFileSize: 1 }, 'files.exclude': {} };
    await client.initialize(dir);
    const diagnostics = await client.waitForDiagnostics(join(dir, 'binding.yaml'), (d) => d.length > 0);
    assert.ok(diagnostics.some((d) => d.code === 'RBAC009'), JSON.stringify(diagnostics.map((d) => d.code)));
    const skipped = client.logs.filter((line) => line.startsWith('skipped ')).map((line) => line.slice(dir.length + 9)).sort();
    assert.deepStrictEqual(skipped.map((line) => line.replace(/: .*/, '')), ['one-line.yaml', 'p.yaml', 'zero.yaml']);
    assert.match(skipped[0], /2\.0 MB, above the 1 MB limit/);
  });

  it('does not parse an open document over the budget, and says so once', async () => {
    const path = join(dir, 'opened.yaml');
    await client.open(path, BINDING);
    await client.waitForDiagnostics(path, (d) => d.length > 0);
    await client.change(path, 2, `${BINDING}# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    await client.waitForDiagnostics(path, (d) => d.length === 0);
    assert.strictEqual(client.logs.filter((line) => line.startsWith(`skipped ${path}`)).length, 1);
  });
});
