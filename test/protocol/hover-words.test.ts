import * as assert from 'assert';
import { cpSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { REPO } from '../helpers/run-cli';
import { startStdio, type TestClient } from '../helpers/lsp-client';
import { positionOf } from '../helpers/text-position';

/** What the editor shows on hover, from the bundled server over stdio: tables list only what is granted. */
describe('hovers over LSP: a misspelt verb is marked, never listed as granted', function () {
  this.timeout(60_000);
  let client: TestClient;
  afterEach(() => client?.dispose());

  it('the Role and its subject list neither `lsit` nor the verbs of a rule whose resource is not served', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-lsp-hover-'));
    cpSync(join(REPO, 'examples/shop'), dir, { recursive: true });
    const file = join(dir, 'deployer-rbac.yaml');
    const text = readFileSync(file, 'utf8');
    assert.match(text, /verbs: \["get", "lsit", "patch"\]/, 'the example keeps its typo');
    client = startStdio(join(REPO, 'dist/server.js'));
    await client.initialize(dir);
    await client.waitForDiagnostics(file, (d) => d.length > 0);
    const hover = async (at: string) => {
      const result = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: pathToFileURL(file).toString() }, position: positionOf(text, at) })) as Hover;
      return (result.contents as MarkupContent).value;
    };
    for (const at of ['deployer\n  namespace: shop\nrules', 'ServiceAccount\n    name: deployer']) {
      const table = await hover(at);
      // `deployments` is not served by the core group either: the rule grants nothing, and says so.
      assert.match(table, /\| ⚠ `deployments` not served by "" \| none: no resource of this rule exists \|/, table);
      assert.doesNotMatch(table, /lsit, patch|get, lsit|get, patch/, table);
    }
  });
});
