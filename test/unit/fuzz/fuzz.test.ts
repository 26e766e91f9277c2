import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { join } from 'path';
import { WILDCARD_ROLE } from '../../fuzz/adversarial-inputs';
import { ADVERSARIAL_MUTATORS, checkAdversarialCase } from '../../fuzz/adversarial-mutators';
import { applyFix, changedUntouchedDocument, fixtureWorkspaces, fuzzOnce } from '../../fuzz/fuzz-core';
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

  it('sees a fix that changes a document it does not edit, and accepts one that does not', () => {
    const files = { '/w/a.yaml': 'a: 1\n---\nb: 2\n---\nc: 3\n' };
    const edit = (line: number, from: number, to: number, newText: string) => ({ file: '/w/a.yaml', range: { start: { line, character: from }, end: { line, character: to } }, newText });
    const inPlace = { title: 'edit b', edits: [edit(2, 3, 4, '20')] };
    assert.strictEqual(changedUntouchedDocument(files, applyFix(files, inPlace), inPlace), undefined);
    // The fix says it edits b, but the text that comes out has c changed too.
    const sneaky = { title: 'edit b', edits: [edit(2, 3, 4, '20')] };
    const after = { '/w/a.yaml': applyFix(files, sneaky)['/w/a.yaml'].replace('c: 3', 'c: 4') };
    assert.match(changedUntouchedDocument(files, after, sneaky) ?? '', /document at offset 14/);
  });

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

describe('fuzz: adversarial mutators (templates nested deep, aliases, recursive defines, kustomize diamonds, cycles, chains)', function () {
  this.timeout(300_000);

  it('each mutator, once with a fixed seed beside a fixture workspace: no throw, no file not analysed, the rest checked', () => {
    const workspace = fixtureWorkspaces().find((w) => w.name.startsWith('helm-charts/'))!;
    const failures: string[] = [];
    ADVERSARIAL_MUTATORS.forEach((mutator, i) => {
      const random = seededRandom(SEED + i);
      const c = { mutator: mutator.name, files: { ...workspace.files, ...mutator.apply(`/fuzz/${mutator.kind}`, random), '/fuzz/witness/role.yaml': WILDCARD_ROLE }, witness: '/fuzz/witness/role.yaml' };
      const failure = checkAdversarialCase(c);
      if (failure) failures.push(`${mutator.name}: ${failure}`);
    });
    assert.deepStrictEqual(failures, []);
  });

  it('a case whose plain Role goes unchecked is a failure', () => {
    const c = { mutator: 'none', files: { '/w/role.yaml': WILDCARD_ROLE.replace('verbs: ["*"]', 'verbs: ["get"]') }, witness: '/w/role.yaml' };
    assert.match(checkAdversarialCase(c) ?? '', /not checked/);
  });

  it('npm run fuzz prints its counts, and exits 1 on a case that does not finish in time', () => {
    const run = (args: string[]) => spawnSync(process.execPath, [join(__dirname, '../../fuzz/run-fuzz.js'), '--seed', String(SEED), ...args], { encoding: 'utf8', timeout: 240_000 });
    // Case 3 is adversarial (every fourth case is).
    const clean = run(['--from', '2', '--cases', '2', '--hang', '120']);
    assert.strictEqual(clean.status, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout, /2 cases: 1 fixture mutants over \d+ workspaces, 1 adversarial; 0 failures \(0 crashes, 0 hangs\)/);
    const hang = run(['--from', '3', '--cases', '1', '--hang', '0.001']);
    assert.strictEqual(hang.status, 1, hang.stdout + hang.stderr);
    assert.match(hang.stdout, /1 failures \(0 crashes, 1 hangs\)/);
    assert.match(hang.stdout, /replay: npm run fuzz -- --seed \d+ --from 3 --cases 1/);
  });
});
