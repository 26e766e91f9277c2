import * as assert from 'assert';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { ForbiddenResult } from '../../server/src/protocol/custom-messages';
import { REPO } from '../helpers/run-cli';
import { startStdio, type TestClient } from '../helpers/lsp-client';
import { applyEdits } from '../../server/src/core/edits/apply-edits';

const DENIAL = 'pods "web-1" is forbidden: User "system:serviceaccount:shop:deployer" cannot get resource "pods/log" in API group "" in the namespace "shop"';

/**
 * The edit Fix Forbidden sends is the one the user chose: plain text edits, with no change annotation
 * that would make the editor ask again (a Refactor Preview with the change unticked writes nothing).
 */
describe('Fix Forbidden Error over LSP: the chosen edit applies as it is', function () {
  this.timeout(60_000);
  let client: TestClient;
  afterEach(() => client?.dispose());

  it('carries plain edits without needsConfirmation or annotations; written to disk, the denial is granted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-lsp-apply-'));
    cpSync(join(REPO, 'examples/shop'), dir, { recursive: true });
    const file = join(dir, 'deployer-rbac.yaml');
    client = startStdio(join(REPO, 'dist/server.js'));
    await client.initialize(dir);
    await client.waitForDiagnostics(file, (d) => d.length > 0);
    const canI = async () => ((await client.connection.sendRequest('rbacDoctor/canI', {
      user: 'system:serviceaccount:shop:deployer', verb: 'get', resource: 'pods', subresource: 'log', namespace: 'shop',
    })) as { allowed: boolean }).allowed;
    assert.strictEqual(await canI(), false);

    const result = (await client.connection.sendRequest('rbacDoctor/forbidden', { text: DENIAL })) as ForbiddenResult;
    const edit = result.suggestions.find((s) => s.kind === 'edit');
    assert.ok(edit?.edits?.length, JSON.stringify(result.suggestions.map((s) => s.title)));
    assert.doesNotMatch(JSON.stringify(result), /needsConfirmation|changeAnnotations|annotationId/);
    for (const e of edit.edits) assert.deepStrictEqual(Object.keys(e).sort(), ['file', 'newText', 'range']);

    const before = readFileSync(file, 'utf8');
    const after = applyEdits(before, edit.edits);
    assert.notStrictEqual(after, before);
    writeFileSync(file, after);
    await client.open(file, after);
    let granted = false;
    for (let i = 0; i < 50 && !granted; i++) {
      granted = await canI();
      if (!granted) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(granted, `the edited role grants get pods/log:\n${after}`);
  });
});
