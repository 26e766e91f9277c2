import * as assert from 'assert';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { rbacDoctor } from '../helpers/run-cli';

// Without -f, forbidden reads the current folder's manifests: an empty one keeps these answers about the paste alone.
const EMPTY = { cwd: mkdtempSync(join(tmpdir(), 'rbac-doctor-refusals-')) };

describe('rbac-doctor forbidden refuses what it cannot grant exactly', () => {
  it('a field Kubernetes would not accept: exit 3, one line saying why, no YAML', () => {
    const result = rbacDoctor(['forbidden', '-'], { ...EMPTY, input: 'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "kube-system #"' });
    assert.strictEqual(result.code, 3);
    assert.strictEqual(result.stdout, '');
    assert.match(result.stderr, /^# Refused: "kube-system #" is not a namespace name/m);
  });
  it('--json lists the refusal and exits 3', () => {
    const result = rbacDoctor(['forbidden', '--json', 'x is forbidden: User "alice" cannot * resource "*" in API group "*" at the cluster scope'], EMPTY);
    assert.strictEqual(result.code, 3);
    const json = JSON.parse(result.stdout);
    assert.deepStrictEqual(json.suggestions, []);
    assert.match(json.refusals[0].reason, /wildcard/);
  });
  it('a paste cut before its scope: exit 3 with a -n hint; with -n, a Role in that namespace', () => {
    const truncated = 'pods is forbidden: User "alice" cannot list resource "pods" in API group ""';
    const refused = rbacDoctor(['forbidden', truncated], EMPTY);
    assert.strictEqual(refused.code, 3);
    assert.match(refused.stderr, /-n NS/);
    const placed = rbacDoctor(['forbidden', '-n', 'shop', truncated], EMPTY);
    assert.strictEqual(placed.code, 0, placed.stderr);
    assert.match(placed.stdout, /kind: Role\nmetadata:\n {2}name: "alice-pods-list"\n {2}namespace: "shop"\n/);
  });
});
