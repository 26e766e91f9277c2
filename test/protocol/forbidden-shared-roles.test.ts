import * as assert from 'assert';
import { cpSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { ForbiddenResult } from '../../server/src/protocol/custom-messages';
import { REPO } from '../helpers/run-cli';
import { startStdio, type TestClient } from '../helpers/lsp-client';

const API = 'system:serviceaccount:shop:api';
const denial = (verb: string, resource: string, group: string, where: string) =>
  `${resource} is forbidden: User "${API}" cannot ${verb} resource "${resource}" in API group "${group}" ${where === 'cluster' ? 'at the cluster scope' : `in the namespace "${where}"`}`;

/** Roles someone else holds, through the bundled language server over stdio: what the picker, the lenses and Apply to Cluster receive. */
describe('Fix Forbidden Error over LSP never edits first a role someone else holds', function () {
  this.timeout(60_000);
  let client: TestClient;

  async function serve(name: string): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), `rbac-doctor-lsp-${name}-`));
    cpSync(join(REPO, 'test/fixtures/shared-roles', name), dir, { recursive: true });
    client = startStdio(join(REPO, 'dist/server.js'));
    await client.initialize(dir);
    return dir;
  }
  afterEach(() => client?.dispose());

  const forbidden = (text: string) => client.connection.sendRequest('rbacDoctor/forbidden', { text }) as Promise<ForbiddenResult>;

  it('a Role bound to two ServiceAccounts: the recommended change is a new Role for api, applied to a cluster as such; the edit names shop/batch', async () => {
    const dir = await serve('shared-role');
    const result = await forbidden(denial('list', 'secrets', '', 'shop'));
    const [first] = result.suggestions;
    assert.strictEqual(first.kind, 'new');
    assert.ok(first.recommended && !first.widens);
    assert.match(first.manifest ?? '', /kind: RoleBinding[^]*subjects:\n- kind: ServiceAccount\n {2}name: "?api"?\n {2}namespace: "?shop"?\n$/);
    const edit = result.suggestions.find((s) => s.kind === 'edit')!;
    assert.strictEqual(result.suggestions.indexOf(edit), result.suggestions.length - 1, 'the widening edit comes last');
    assert.deepStrictEqual(edit.widens, ['ServiceAccount shop/batch']);
    assert.match(edit.title, /also gained by ServiceAccount shop\/batch/);
    assert.ok(!/exactly/i.test(edit.title) && !edit.recommended);
    assert.strictEqual(edit.edits![0].file, join(dir, 'rbac.yaml'));
  });

  it('groups are said in words: every authenticated user, every ServiceAccount in shop', async () => {
    await serve('authenticated-group');
    const crds = await forbidden(denial('watch', 'customresourcedefinitions', 'apiextensions.k8s.io', 'cluster'));
    assert.strictEqual(crds.suggestions[0].kind, 'new');
    assert.deepStrictEqual(crds.suggestions.find((s) => s.kind === 'edit')?.widens, ['every authenticated user']);
    await client.dispose();
    await serve('serviceaccounts-group');
    const configmaps = await forbidden(denial('list', 'configmaps', '', 'shop'));
    assert.strictEqual(configmaps.suggestions[0].kind, 'new');
    assert.deepStrictEqual(configmaps.suggestions.find((s) => s.kind === 'edit')?.widens, ['every ServiceAccount in shop']);
  });

  it('a whole log: one change per subject, new objects only, never an edit of the shared role or a default role', async () => {
    for (const name of ['shared-role', 'default-roles']) {
      if (name !== 'shared-role') await client.dispose();
      await serve(name);
      const result = await forbidden([denial('list', 'secrets', '', 'shop'), denial('watch', 'secrets', '', 'shop'), denial('list', 'nodes', '', 'cluster')].join('\n'));
      assert.strictEqual(result.changes?.length, 1, name);
      assert.deepStrictEqual(result.changes![0].editedRoles, [], name);
      assert.strictEqual(result.changes![0].edits, undefined, name);
      assert.match(result.changes![0].yaml ?? '', /kind: Role\n/);
    }
  });
});
