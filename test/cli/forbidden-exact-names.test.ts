import * as assert from 'assert';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { rbacDoctor as run } from '../helpers/run-cli';

/** An empty folder: without -f, forbidden reads the manifests of the current one. */
const EMPTY = mkdtempSync(join(tmpdir(), 'rbac-doctor-names-'));
const rbacDoctor = (args: string[], options: { input?: string } = {}) => run(args, { cwd: EMPTY, ...options });

/** Cut scopes and rewritten names (issue: a name is taken exactly or refused), through the CLI. */
const pods = (who: string, tail = ' in the namespace "shop"', verb = 'list') =>
  `pods is forbidden: User "${who}" cannot ${verb} resource "pods" in API group ""${tail}`;

describe('rbac-doctor forbidden takes names exactly or refuses them', function () {
  this.timeout(60_000);
  it('a scope cut inside its quotes: exit 3 with the -n hint, no YAML; -n places it', () => {
    for (const text of [pods('alice', ' in the namespace "sh'), `${pods('alice', ' in the namespace "sh')}\n`]) {
      const refused = rbacDoctor(['forbidden', '-'], { input: text });
      assert.strictEqual(refused.code, 3, refused.stderr);
      assert.strictEqual(refused.stdout, '');
      assert.match(refused.stderr, /cut inside its namespace/);
      assert.match(refused.stderr, /^# Refused: .*-n NS/m);
    }
    const placed = rbacDoctor(['forbidden', '-n', 'shop', pods('alice', ' in the namespace "sh')]);
    assert.strictEqual(placed.code, 0, placed.stderr);
    assert.match(placed.stdout, /namespace: "shop"/);
  });

  it('a resource or group cut inside its quotes: exit 3, no YAML', () => {
    for (const text of ['pods "x" is forbidden: User "alice" cannot create resource "pods/ex', 'User "alice" cannot list resource "widgets" in API group "exam']) {
      const refused = rbacDoctor(['forbidden', text]);
      assert.strictEqual(refused.code, 3, refused.stderr);
      assert.strictEqual(refused.stdout, '');
      assert.match(refused.stderr, /cut inside its (resource|API group)/);
    }
  });

  const refusedNames: [string, string, RegExp][] = [
    ['a backticked user', pods('`alice`'), /backtick/],
    ['a backtick after the namespace', pods('alice', ' in the namespace "kube-system`"'), /"kube-system`" is not a namespace name/],
    ['U+2028 escaped by %q', pods('a\\u2028b'), /control or line-break/],
    ['U+2029 raw', pods('a\u2029b'), /control or line-break/],
    ['a carriage return escaped by %q', pods('a\\rb'), /control or line-break/],
    ['a tab escaped by %q', pods('a\\tb'), /control or line-break/],
    ['a raw tab', pods('a\tb'), /control or line-break/],
    ['a BOM', pods('\ufeffalice'), /format character/],
    ['a leading space', pods(' alice'), /begins or ends with a blank/],
    ['the wildcard user', pods('*'), /wildcard/],
    ['a verb with a leading space', pods('alice', ' in the namespace "shop"', ' list'), /" list" is not a verb/],
    ['a verb with a BOM', pods('alice', ' in the namespace "shop"', '\ufefflist'), /is not a verb/],
  ];
  for (const [what, text, reason] of refusedNames) {
    it(`${what}: exit 3 and the reason, nothing trimmed or granted`, () => {
      const result = rbacDoctor(['forbidden', '-'], { input: text });
      assert.strictEqual(result.code, 3, result.stderr);
      assert.strictEqual(result.stdout, '');
      assert.match(result.stderr, new RegExp(`^# Refused: .*${reason.source}`, 'm'));
      const json = JSON.parse(rbacDoctor(['forbidden', '--json', '-'], { input: text }).stdout);
      assert.deepStrictEqual(json.suggestions, []);
      assert.match(json.refusals[0].reason, reason);
    });
  }

  it('a user name with an inner space is granted as written', () => {
    const result = rbacDoctor(['forbidden', pods('John Smith')]);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.match(result.stdout, /name: "John Smith"/);
  });

  it('a 2 MB namespace is not echoed: the summary line is cut', () => {
    const result = rbacDoctor(['forbidden', '-'], { input: pods('alice', ` in the namespace "${'n'.repeat(1_900_000)}"`) });
    assert.strictEqual(result.code, 3);
    assert.ok(result.stderr.length < 2_000, `${result.stderr.length} characters on stderr`);
  });
});
