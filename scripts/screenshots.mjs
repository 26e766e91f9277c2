// The README's and the docs' pictures are screenshots the editor tests take (test/editor/run.mjs):
// docs/images/NAME.png is the last screenshot of the editor step NAME (`step('NAME')` or
// `screenStep('NAME')` in test/editor/runner/; `untrusted-NAME` for the untrusted window's steps).
//
//   node scripts/screenshots.mjs          copies them from the last editor test run, which must have
//                                         passed (`npm run screenshots` runs the editor tests first)
//   node scripts/screenshots.mjs --check  checks that every image the README and docs/ show exists and
//                                         is named after an editor step, and that docs/images holds
//                                         nothing else (npm test runs this through test/cli)
//   --root DIR                            another checkout (tests)
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import { fileURLToPath } from 'url';

const args = process.argv.slice(2);
const rootAt = args.indexOf('--root');
const root = rootAt >= 0 ? resolve(args[rootAt + 1]) : join(dirname(fileURLToPath(import.meta.url)), '..');
const checkOnly = args.includes('--check');
const IMAGES = 'docs/images';
const SHOTS = 'test-results/editor';
const RUNNER = 'test/editor/runner';

/** The markdown files users read: the README and everything under docs/. */
function markdownFiles() {
  const under = (dir) => readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return under(path);
    return e.name.endsWith('.md') ? [path] : [];
  });
  return ['README.md', ...(existsSync(join(root, 'docs')) ? under('docs') : [])];
}

/** Every image a markdown file shows (`![…](path)` or `<img src="path">`), as repository paths. */
function referencedImages() {
  const found = new Map();
  for (const file of markdownFiles()) {
    const text = readFileSync(join(root, file), 'utf8');
    const targets = [...text.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?/g), ...text.matchAll(/<img\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
    for (const target of targets) {
      if (/^[a-z]+:/i.test(target)) continue; // an image on the web is not ours to produce
      const path = relative(root, join(root, dirname(file), target.split('#')[0]));
      found.set(path, [...(found.get(path) ?? []), file]);
    }
  }
  return found;
}

/** The names of the editor tests' steps, each of which leaves a screenshot. */
function editorSteps() {
  const names = new Set();
  for (const file of readdirSync(join(root, RUNNER)).filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(join(root, RUNNER, file), 'utf8');
    for (const m of text.matchAll(/\b(?:step|screenStep)\(\s*['"]([\w-]+)['"]/g)) names.add(m[1]);
  }
  return names;
}

const stepOf = (image) => image.slice(IMAGES.length + 1).replace(/\.png$/, '').replace(/^untrusted-/, '');

const problems = [];
const images = referencedImages();
const steps = editorSteps();
for (const [image, files] of images) {
  const where = `${image} (shown by ${files.join(', ')})`;
  if (!image.startsWith(`${IMAGES}/`) || !image.endsWith('.png')) problems.push(`${where}: pictures live in ${IMAGES}/ as NAME.png, NAME an editor step`);
  else if (!steps.has(stepOf(image))) problems.push(`${where}: no editor step "${stepOf(image)}" in ${RUNNER}/ takes this screenshot`);
  else if (checkOnly && !existsSync(join(root, image))) problems.push(`${where}: missing (npm run screenshots)`);
}
const unused = existsSync(join(root, IMAGES)) ? readdirSync(join(root, IMAGES)).map((f) => `${IMAGES}/${f}`).filter((f) => !images.has(f)) : [];

if (checkOnly) {
  for (const f of unused) problems.push(`${f}: shown nowhere in the README or docs/ (remove it)`);
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log(`${images.size} pictures in the README and docs/, each the screenshot of an editor step`);
  process.exit(0);
}

const resultFile = join(root, SHOTS, 'result.json');
const result = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : undefined;
if (!result || result.failed !== 0 || !(result.passed > 0)) {
  console.error(result ? `the last editor test run failed (${result.failed} failed): screenshots are copied only from a passing run`
    : `no editor test run in ${SHOTS}/: run npm run screenshots (test/editor/install.sh first)`);
  process.exit(1);
}
// test-results/editor/[untrusted-]NN-STEP.png: the NN-th step of a window.
const shots = new Map(readdirSync(join(root, SHOTS)).flatMap((f) => {
  const m = /^(untrusted-)?\d+-([\w-]+)\.png$/.exec(f);
  return m ? [[`${m[1] ?? ''}${m[2]}`, join(root, SHOTS, f)]] : [];
}));
for (const image of images.keys()) {
  const name = image.slice(IMAGES.length + 1).replace(/\.png$/, '');
  const shot = shots.get(name);
  if (!shot) problems.push(`${image}: the editor test run took no screenshot of step "${name}"`);
  else if (!problems.some((p) => p.startsWith(image))) copyFileSync(shot, join(root, image));
}
for (const f of unused) rmSync(join(root, f));
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
const taken = new Date(statSync(resultFile).mtime).toISOString();
console.log(`${images.size} screenshots copied into ${IMAGES}/ from the editor test run of ${taken} (code-server ${result.codeServer}, ${result.passed} passed)`
  + (unused.length ? `; removed, shown nowhere: ${unused.join(', ')}` : ''));
