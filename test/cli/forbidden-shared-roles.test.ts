import * as assert from 'assert';
import { cpSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { REPO, rbacDoctor } from '../helpers/run-cli';

/** A copy of one of the shared-role workspaces, so that nothing else in the repository is read. */
function workspace(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `rbac-doctor-${name}-`));
  cpSync(join(REPO, 'test/fixtures/shared-roles', name), dir, { recursive: true });
  return dir;
}

const API = 'system:serviceaccount:shop:api';
const denial = (verb: string, resource: string, group: string, where: string) =>
  `Error from server (Forbidden): ${resource} is forbidden: User "${API}" cannot ${verb} resource "${resource}" in API group "${group}" ${where === 'cluster' ? 'at the cluster scope' : `in the namespace "${where}"`}`;

interface JsonSuggestion { title: string; kind: string; recommended?: boolean; widens?: string[]; yaml?: string; edits?: unknown[] }

function forbiddenJson(dir: string, text: string): { suggestions: JsonSuggestion[]; changes: { edits: unknown[]; title: string }[] } {
  const result = rbacDoctor(['forbidden', '--json', text], { cwd: dir });
  assert.strictEqual(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
}

/** The printed fix: new YAML for the subject alone (no diff of the shared role), and the engine then allows the request for api only. */
function assertPrintsNewGrant(name: string, text: string, canI: string[], others: string[]): void {
  const dir = workspace(name);
  const result = rbacDoctor(['forbidden', text], { cwd: dir });
  assert.strictEqual(result.code, 0, result.stderr);
  assert.ok(!result.stdout.includes('+++ b/'), `no edit of the shared role is printed:\n${result.stdout}`);
  assert.match(result.stderr, /^# New (Role and RoleBinding in shop|ClusterRole and ClusterRoleBinding): /m);
  writeFileSync(join(dir, 'grant.yaml'), result.stdout);
  assert.strictEqual(rbacDoctor(['can-i', ...canI, '--as', API, '-f', dir]).code, 0, 'api is granted');
  for (const other of others) assert.strictEqual(rbacDoctor(['can-i', ...canI, '--as', other, '-f', dir]).code, 1, `${other} is not`);
}

describe('rbac-doctor forbidden with roles someone else holds', () => {
  it('a Role bound to two ServiceAccounts: new YAML for api; the JSON lists the edit last, naming shop/batch', () => {
    const text = denial('list', 'secrets', '', 'shop');
    assertPrintsNewGrant('shared-role', text, ['list', 'secrets', '-n', 'shop'], ['system:serviceaccount:shop:batch']);
    const { suggestions } = forbiddenJson(workspace('shared-role'), text);
    assert.ok(suggestions[0].recommended && suggestions[0].kind === 'new');
    const edit = suggestions[suggestions.length - 1];
    assert.strictEqual(edit.kind, 'edit');
    assert.deepStrictEqual(edit.widens, ['ServiceAccount shop/batch']);
    assert.match(edit.title, /also gained by ServiceAccount shop\/batch/);
    assert.ok(!/exactly/i.test(edit.title));
  });

  it('a ClusterRole bound to system:authenticated: never edited first; the edit says "every authenticated user"', () => {
    const text = denial('watch', 'customresourcedefinitions', 'apiextensions.k8s.io', 'cluster');
    assertPrintsNewGrant('authenticated-group', text, ['watch', 'customresourcedefinitions.apiextensions.k8s.io'], ['alice', 'system:serviceaccount:dev:web']);
    const edit = forbiddenJson(workspace('authenticated-group'), text).suggestions.find((s) => s.kind === 'edit')!;
    assert.deepStrictEqual(edit.widens, ['every authenticated user']);
  });

  it('a ClusterRole bound to system:serviceaccounts:shop: "every ServiceAccount in shop"', () => {
    const text = denial('list', 'configmaps', '', 'shop');
    assertPrintsNewGrant('serviceaccounts-group', text, ['list', 'configmaps', '-n', 'shop'], ['system:serviceaccount:shop:batch']);
    assert.deepStrictEqual(forbiddenJson(workspace('serviceaccounts-group'), text).suggestions.find((s) => s.kind === 'edit')!.widens, ['every ServiceAccount in shop']);
  });

  it('a ClusterRole bound by RoleBindings in two namespaces, and one aggregated into a role alice holds', () => {
    assertPrintsNewGrant('several-namespaces', denial('list', 'configmaps', '', 'shop'), ['list', 'configmaps', '-n', 'shop'], ['system:serviceaccount:dev:web']);
    assertPrintsNewGrant('aggregated', denial('list', 'nodes', '', 'cluster'), ['list', 'nodes'], ['alice']);
  });

  it('a whole log never edits a copy of a default role, nor a shared one', () => {
    const log = [denial('list', 'nodes', '', 'cluster'), denial('get', 'namespaces', '', 'cluster'), denial('list', 'persistentvolumes', '', 'cluster')].join('\n');
    for (const name of ['default-roles', 'authenticated-group']) {
      const dir = workspace(name);
      const result = rbacDoctor(['forbidden', log], { cwd: dir });
      assert.strictEqual(result.code, 0, result.stderr);
      assert.ok(!result.stdout.includes('+++ b/'), `${name}: no edit:\n${result.stdout}`);
      assert.match(result.stderr, /ServiceAccount shop\/api: 3 denials → 1 ClusterRole, 1 binding \(exactly what was denied\)/);
      assert.deepStrictEqual(forbiddenJson(dir, log).changes.map((c) => c.edits), [[]]);
    }
  });
});
