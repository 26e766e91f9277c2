import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { CHECKS } from '../../server/src/core/checks/check-catalog';
import { loadRealTexts, scoreRealTexts } from '../helpers/forbidden-real';
import { REPO } from '../helpers/run-cli';

// The few figures the README states in its prose (the measured ones live in docs/benchmarks.md, written
// by scripts/readme-bench.mjs): each is computed here from what it counts, so a README that falls
// behind fails with the figure to write.
const readme = readFileSync(join(REPO, 'README.md'), 'utf8');

describe('the README\'s figures are today\'s', () => {
  it('the number of checks and their first and last codes', () => {
    const stated = /^(\d+) checks with stable codes \(`(RBAC\d+)`…`(RBAC\d+)`\)/m.exec(readme);
    assert.ok(stated, 'the README says how many checks there are');
    const codes = CHECKS.map((c) => c.code).sort();
    assert.deepStrictEqual(stated.slice(1), [String(codes.length), codes[0], codes.at(-1)]);
  });

  it('how many real 403 texts are read exactly, and that no look-alike becomes RBAC', () => {
    const stated = /On (\d+) real 403 texts from public issue threads, (\d+) read\s+exactly and no look-alike becomes RBAC/.exec(readme);
    assert.ok(stated, 'the README gives the 403 reader\'s score on real texts');
    const score = scoreRealTexts(loadRealTexts(join(REPO, 'test/fixtures/forbidden-real')));
    assert.deepStrictEqual(stated.slice(1).map(Number), [score.total, score.exact]);
    assert.strictEqual(score.lookalikesAsRbac, 0);
  });

  it('the settings table has every setting of the extension, with its default', () => {
    const properties = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).contributes.configuration.properties as Record<string, { default: unknown }>;
    const rows = new Map([...readme.matchAll(/^\| `(rbacDoctor\.[\w.]+)` \| `([^`]*)` \|/gm)].map((m) => [m[1], m[2]]));
    assert.deepStrictEqual([...rows.keys()].sort(), Object.keys(properties).sort());
    for (const [name, { default: value }] of Object.entries(properties)) {
      const written = typeof value === 'string' ? (value === '' ? '""' : value) : JSON.stringify(value);
      assert.strictEqual(rows.get(name), written, name);
    }
  });
});
