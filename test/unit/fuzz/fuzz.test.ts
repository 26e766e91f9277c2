import * as assert from 'assert';
import { fixtureWorkspaces, fuzzOnce } from '../../fuzz/fuzz-core';
import { seededRandom } from '../../fuzz/mutate';

/**
 * A bounded fuzz run in every test run: mutants of the real fixtures (lines deleted and duplicated,
 * indentation swapped, template actions, NUL bytes, a BOM, CRLF, cut text, stray markers) are checked,
 * and every quick-fix offered on them is applied. The seed is fixed, so a failure here is reproducible;
 * `npm run fuzz` runs longer with any seed.
 */
const SEED = 20261129;
const CASES = 60;

describe('fuzz: mutated fixtures', function () {
  this.timeout(120_000);
  const workspaces = fixtureWorkspaces();

  it('has fixture workspaces to mutate', () => {
    assert.ok(workspaces.length >= 10, `${workspaces.length} workspaces`);
  });

  it(`${CASES} mutants: check never throws, and quick-fixes leave the documents they do not edit byte-identical`, () => {
    const failures: string[] = [];
    let fixesSeen = 0;
    for (let index = 0; index < CASES; index++) {
      const random = seededRandom(SEED * 1_000_003 + index);
      const workspace = workspaces[Math.floor(random() * workspaces.length)];
      const result = fuzzOnce(workspace.files, random);
      fixesSeen += result.fixes;
      for (const f of result.failures) failures.push(`case ${index} (${workspace.name}, ${f.mutations.join(' + ')}): ${f.what}\n${f.error}`);
    }
    assert.deepStrictEqual(failures, []);
    // The run must have exercised quick-fixes, or it proves nothing about them.
    assert.ok(fixesSeen >= 30, `${fixesSeen} fixes applied`);
  });
});
