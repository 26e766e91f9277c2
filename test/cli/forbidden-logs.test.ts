import * as assert from 'assert';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { REPO, rbacDoctor } from '../helpers/run-cli';

const LOGS = join(REPO, 'test/fixtures/logs');
const empty = () => mkdtempSync(join(tmpdir(), 'rbac-doctor-logs-'));

describe('rbac-doctor forbidden on whole logs', () => {
  it('prints one change per subject: a start-up log gives one Role and one ClusterRole with their bindings', () => {
    const result = rbacDoctor(['forbidden', `@${join(LOGS, 'start-up.log')}`], { cwd: empty() });
    assert.strictEqual(result.code, 0);
    const kinds = parseAllDocuments(result.stdout).map((d) => (d.toJS() as { kind?: string } | null)?.kind).filter(Boolean);
    assert.deepStrictEqual(kinds, ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding']);
    assert.match(result.stderr, /ServiceAccount ctrl\/manager: 5 denials → 1 Role, 1 ClusterRole, 2 bindings/);
    assert.match(result.stderr, /# Alternative \(not included above\): also grant what leader election needs next, in namespace ctrl: create, update on leases\.coordination\.k8s\.io\. /);
    assert.ok(!result.stdout.includes('"create"'), 'the alternative is not in the YAML');
  });

  it('reads an audit log from stdin, one change per subject', () => {
    const result = rbacDoctor(['forbidden', '-', '--json'], { cwd: empty(), input: readFileSync(join(LOGS, 'audit.jsonl'), 'utf8') });
    const json = JSON.parse(result.stdout);
    assert.deepStrictEqual(json.changes.map((c: { user: string }) => c.user), [
      'system:serviceaccount:shop:web', 'oidc:dev@example.com', 'system:serviceaccount:ci:deployer', 'system:serviceaccount:monitoring:prometheus',
    ]);
    assert.deepStrictEqual(json.changes[0].denials, [0, 1, 2, 3, 4, 5]);
    assert.strictEqual(json.denials[8].subject.name, 'deployer', 'the impersonated ServiceAccount');
  });

  it('--json lists the exact grant before the built-in roles that also allow it', () => {
    const denial = 'pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "shop"';
    const json = JSON.parse(rbacDoctor(['forbidden', '--json', denial], { cwd: empty() }).stdout);
    assert.match(json.suggestions[0].title, /^New Role and RoleBinding in shop/);
    assert.ok(json.suggestions.slice(1).every((s: { title: string }) => /^Alternative: bind|^Bind/.test(s.title)));
    assert.strictEqual(json.changes.length, 1);
    assert.strictEqual(json.changes[0].yaml, json.suggestions[0].yaml, 'one denial: the change is the single-message grant');
  });

  it('a single denial keeps the single-message output', () => {
    const denial = 'pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "shop"';
    const result = rbacDoctor(['forbidden', denial], { cwd: empty() });
    assert.match(result.stderr, /# New Role and RoleBinding in shop: list on pods/);
  });

  it('--progress draws nothing when stderr is not a terminal', () => {
    const result = rbacDoctor(['forbidden', '--progress', `@${join(LOGS, 'start-up.log')}`], { cwd: empty() });
    assert.ok(!result.stderr.includes('Reading ['));
  });
});
