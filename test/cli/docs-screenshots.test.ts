import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { REPO } from '../helpers/run-cli';

const SCRIPT = join(REPO, 'scripts/screenshots.mjs');
const screenshots = (root: string, ...args: string[]) => {
  const result = spawnSync(process.execPath, [SCRIPT, '--root', root, ...args], { encoding: 'utf8' });
  return { code: result.status ?? -1, out: result.stdout + result.stderr };
};

/** A checkout with the README, docs/ and the editor runner of this one, and `shots` as a finished editor run. */
function checkout(shots?: { result: object; files: string[] }): string {
  const root = mkdtempSync(join(tmpdir(), 'rbac-doctor-shots-'));
  cpSync(join(REPO, 'README.md'), join(root, 'README.md'));
  cpSync(join(REPO, 'docs'), join(root, 'docs'), { recursive: true });
  cpSync(join(REPO, 'test/editor/runner'), join(root, 'test/editor/runner'), { recursive: true });
  if (shots) {
    mkdirSync(join(root, 'test-results/editor'), { recursive: true });
    writeFileSync(join(root, 'test-results/editor/result.json'), JSON.stringify(shots.result));
    for (const f of shots.files) writeFileSync(join(root, 'test-results/editor', f), `shot ${f}`);
  }
  return root;
}

/** The pictures shown by the README (docs/images/NAME.png) and by docs/*.md (images/NAME.png), each once. */
const shownImages = () => {
  const markdown = ['README.md', ...readdirSync(join(REPO, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  const names = markdown.flatMap((f) => [...readFileSync(join(REPO, f), 'utf8').matchAll(/!\[[^\]]*\]\((?:docs\/)?images\/([\w-]+)\.png\)/g)].map((m) => m[1]));
  return [...new Set(names)];
};

describe('the README\'s pictures are screenshots of the editor tests (scripts/screenshots.mjs)', () => {
  it('every picture the README and docs/ show exists and is named after an editor step; docs/images holds nothing else', () => {
    const { code, out } = screenshots(REPO, '--check');
    assert.strictEqual(code, 0, out);
    assert.ok(shownImages().length >= 5, `the README shows ${shownImages().length} pictures`);
  });

  it('--check fails on a picture no editor step takes, on a missing one, and on a leftover file', () => {
    const root = checkout();
    writeFileSync(join(root, 'README.md'), `${readFileSync(join(root, 'README.md'), 'utf8')}\n![drawn by hand](docs/images/by-hand.png)\n`);
    writeFileSync(join(root, 'docs/images/by-hand.png'), 'png');
    assert.match(screenshots(root, '--check').out, /docs\/images\/by-hand\.png \(shown by README\.md\): no editor step "by-hand"/);

    const missing = checkout();
    const [first] = shownImages();
    spawnSync('rm', [join(missing, `docs/images/${first}.png`)]);
    writeFileSync(join(missing, 'docs/images/old.png'), 'png');
    const { code, out } = screenshots(missing, '--check');
    assert.strictEqual(code, 1);
    assert.match(out, new RegExp(`docs/images/${first}\\.png .*: missing`));
    assert.match(out, /docs\/images\/old\.png: shown nowhere/);
  });

  it('copies the last screenshot of each shown step from a passing run, and nothing from a failed one', () => {
    const files = shownImages().flatMap((name, i) => [`${String(i + 1).padStart(2, '0')}-${name}.png`]);
    const root = checkout({ result: { passed: 12, failed: 0, codeServer: '4.100.3' }, files: [...files, 'untrusted-01-untrusted-connect-refused.png'] });
    writeFileSync(join(root, 'docs/images/old.png'), 'png');
    const { code, out } = screenshots(root);
    assert.strictEqual(code, 0, out);
    for (const [i, name] of shownImages().entries()) assert.strictEqual(readFileSync(join(root, `docs/images/${name}.png`), 'utf8'), `shot ${files[i]}`);
    assert.strictEqual(existsSync(join(root, 'docs/images/old.png')), false, 'an image shown nowhere is removed');

    const failed = checkout({ result: { passed: 11, failed: 1 }, files });
    const before = readFileSync(join(failed, `docs/images/${shownImages()[0]}.png`));
    assert.match(screenshots(failed).out, /the last editor test run failed \(1 failed\)/);
    assert.deepStrictEqual(readFileSync(join(failed, `docs/images/${shownImages()[0]}.png`)), before);

    const partial = checkout({ result: { passed: 12, failed: 0 }, files: files.slice(1) });
    const result = screenshots(partial);
    assert.strictEqual(result.code, 1);
    assert.match(result.out, new RegExp(`the editor test run took no screenshot of step "${shownImages()[0]}"`));
  });
});
