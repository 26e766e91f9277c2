// Runs the editor tests in real VS Code: installs the packaged extension (rbac-doctor.vsix at the repo
// root) into code-server, opens the example workspace in Debian's Chromium through playwright-core,
// and waits for the runner extension's result. Screenshots of each step go to test-results/editor/.
//
// Two windows, one after the other, each with its own stand-in cluster (test/helpers/replay-cluster.ts)
// named in the user setting rbacDoctor.kubeconfig and in KUBECONFIG:
// - trusted (--disable-workspace-trust): the suite, then connect → 403 checked → dry-run diff →
//   apply → verified → disconnect; the stand-in must see no request before Connect, and none it
//   has no recorded answer for;
// - untrusted (no --disable-workspace-trust, and security.workspace.trust.startupPrompt "never",
//   so the folder opens in Restricted Mode): Connect is refused and hidden, and the stand-in sees
//   no request at all.
import { spawn, spawnSync } from 'child_process';
import { once } from 'events';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';
import { screenChecks, settled } from './screen-checks.mjs';
import { staleDocImages } from './doc-images.mjs';
import { applyChecks } from './apply-checks.mjs';
import { pasteScreenChecks } from './paste-screen-checks.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../..');
const vsix = join(repo, 'rbac-doctor.vsix');
const codeServer = join(here, 'node_modules/.bin/code-server');
const standInModule = join(repo, 'out/test/helpers/replay-cluster.js');
const shots = join(repo, 'test-results/editor');
const chromium = '/usr/bin/chromium';

for (const [what, path] of [['code-server (run test/editor/install.sh)', codeServer], ['Chromium', chromium], ['the .vsix (npm run package)', vsix],
  ['the compiled stand-in cluster (run `npx tsc -b` first)', standInModule]]) {
  if (!existsSync(path)) {
    console.error(`editor tests: cannot run, ${what} is missing: ${path}`);
    process.exit(1);
  }
}
const { startReplayCluster } = createRequire(import.meta.url)(standInModule);
const codeServerVersion = JSON.parse(readFileSync(join(here, 'node_modules/code-server/package.json'), 'utf8')).version;

const work = mkdtempSync(join(tmpdir(), 'rbac-doctor-editor-'));
const extensions = join(work, 'extensions');
// Screenshots of an earlier run never pass for this run's.
rmSync(shots, { recursive: true, force: true });
mkdirSync(shots, { recursive: true });

const install = spawnSync(codeServer, ['--install-extension', vsix, '--extensions-dir', extensions, '--user-data-dir', join(work, 'install')], { encoding: 'utf8' });
if (install.status !== 0) {
  console.error(`editor tests: installing the .vsix failed:\n${install.stdout}\n${install.stderr}`);
  process.exit(1);
}
// The test runner is an unpacked extension; code-server loads only what extensions.json lists.
const runnerDir = join(extensions, 'rbac-doctor.editor-tests-0.0.1');
cpSync(join(here, 'runner'), runnerDir, { recursive: true });
const listed = JSON.parse(readFileSync(join(extensions, 'extensions.json'), 'utf8'));
listed.push({
  identifier: { id: 'rbac-doctor.editor-tests' }, version: '0.0.1',
  location: { $mid: 1, fsPath: runnerDir, external: `file://${runnerDir}`, path: runnerDir, scheme: 'file' },
  relativeLocation: 'rbac-doctor.editor-tests-0.0.1', metadata: { installedTimestamp: Date.now(), source: 'vsix' },
});
writeFileSync(join(extensions, 'extensions.json'), JSON.stringify(listed));

const waitFor = async (what, fn, timeoutMs) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
};

/** What the driver checks of the stand-in while the runner waits, beside the screen checks. */
const standInChecks = (standIn) => ({
  'stand-in-untouched': async () => (standIn.requests.length === 0 ? ''
    : `the stand-in cluster was asked before Connect: ${standIn.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`),
});

/** What the stand-in must have seen once a window is closed: an error message, or ''. */
function checkStandIn(trusted, standIn) {
  const seen = standIn.requests.map((r) => `${r.method} ${r.path}${r.query.dryRun ? '?dryRun' : ''}`);
  if (!trusted) return seen.length ? `the stand-in cluster was asked from an untrusted workspace: ${seen.join(', ')}` : '';
  const unanswered = standIn.unanswered().map((r) => `${r.method} ${r.path}`);
  if (unanswered.length) return `requests without a recorded answer: ${unanswered.join(', ')}`;
  // Tests left out by RBAC_DOCTOR_EDITOR_GREP may be the ones that apply.
  if (process.env.RBAC_DOCTOR_EDITOR_GREP) return '';
  const applied = ['roles', 'rolebindings'].map((k) => `PATCH /apis/rbac.authorization.k8s.io/v1/namespaces/shop/${k}/checkout-secrets-list`);
  const missing = applied.filter((a) => !seen.includes(a) || !seen.includes(`${a}?dryRun`));
  return missing.length ? `no dry run and apply of ${missing.join(', ')}` : '';
}

/** One code-server window on a fresh copy of examples/shop; returns the runner's result. */
async function runWindow({ label, trusted, port, browser }) {
  const standIn = await startReplayCluster();
  const [userData, workspace] = [`user-data-${label}`, `workspace-${label}`].map((d) => join(work, d));
  cpSync(join(repo, 'examples/shop'), workspace, { recursive: true });
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User/settings.json'), JSON.stringify({
    'rbacDoctor.kubeconfig': standIn.kubeconfig,
    ...(trusted ? {} : { 'security.workspace.trust.startupPrompt': 'never' }),
  }, null, 2));
  const resultFile = join(work, `result-${label}.json`);
  const stepsFile = join(work, `steps-${label}.txt`);
  const server = spawn(codeServer, ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--user-data-dir', userData, '--extensions-dir', extensions,
    '--disable-telemetry', '--disable-update-check', ...(trusted ? ['--disable-workspace-trust'] : []), workspace], {
    env: {
      ...process.env, KUBECONFIG: standIn.kubeconfig, RBAC_DOCTOR_STAND_IN: standIn.url,
      RBAC_DOCTOR_EDITOR_SUITE: trusted ? 'trusted' : 'untrusted', RBAC_DOCTOR_EDITOR_RESULT: resultFile, RBAC_DOCTOR_EDITOR_STEPS: stepsFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let serverLog = '';
  server.stdout.on('data', (d) => { serverLog += d; });
  server.stderr.on('data', (d) => { serverLog += d; });
  const checks = { ...screenChecks, ...applyChecks, ...pasteScreenChecks, ...standInChecks(standIn) };
  const prefix = trusted ? '' : `${label}-`;
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    await waitFor('code-server to listen', () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false), 60000);
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    const taken = new Set();
    await waitFor(`the editor test results (${label})`, async () => {
      const steps = existsSync(stepsFile) ? readFileSync(stepsFile, 'utf8').split('\n').filter(Boolean) : [];
      for (const [i, step] of steps.entries()) {
        if (taken.has(step)) continue;
        taken.add(step);
        // Each step's last screenshot is the one the docs use (scripts/screenshots.mjs): taken once the
        // workbench has settled, and again by the step's check when it waits for more.
        const file = join(shots, `${prefix}${String(i + 1).padStart(2, '0')}-${step}.png`);
        const shot = async () => {
          await settled(page);
          await page.screenshot({ path: file });
        };
        const error = await shot().then(() => (checks[step] ? checks[step](page, shot, { workspace }) : '')).catch(async (e) => {
          await page.screenshot({ path: file }).catch(() => {});
          const toasts = await page.locator('.notifications-toasts .notification-list-item').allTextContents().catch(() => []);
          return `${e.message.split('\n')[0]}${toasts.length ? `; notifications: ${toasts.join(' | ')}` : ''}`;
        });
        appendFileSync(`${stepsFile}.screen`, `${JSON.stringify({ step, error })}\n`);
      }
      return existsSync(resultFile);
    }, 240000);
    await page.screenshot({ path: join(shots, `${prefix}final.png`) });
    const result = JSON.parse(readFileSync(resultFile, 'utf8'));
    const standInError = checkStandIn(trusted, standIn);
    if (standInError) result.failures.push({ name: `${label} window: the stand-in cluster`, error: standInError });
    return { ...result, failed: result.failures.length };
  } catch (error) {
    return { passed: 0, failed: 1, failures: [{ name: `${label} window`, error: `${error.message}\n${serverLog.split('\n').slice(-20).join('\n')}` }] };
  } finally {
    await context.close().catch(() => {});
    const exited = server.exitCode === null ? once(server, 'exit') : Promise.resolve();
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10000))]);
    await standIn.close();
    rmSync(dirname(standIn.kubeconfig), { recursive: true, force: true });
  }
}

let browser;
let code = 1;
try {
  const { chromium: launcher } = await import('playwright-core');
  browser = await launcher.launch({
    executablePath: chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const port = 20000 + (process.pid % 10000);
  const windows = [{ label: 'trusted', trusted: true, port }, { label: 'untrusted', trusted: false, port: port + 1 }];
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const w of windows) {
    const result = await runWindow({ ...w, browser });
    skipped += result.skipped ?? 0;
    for (const failure of result.failures) console.error(`  ✗ ${failure.name}\n    ${failure.error.split('\n').slice(0, 4).join('\n    ')}`);
    passed += result.passed;
    failed += result.failed;
  }
  console.log(`editor tests (code-server ${codeServerVersion}, Chromium; trusted and untrusted workspace, stand-in cluster): ${passed} passed, ${failed} failed${skipped ? `, ${skipped} not selected by RBAC_DOCTOR_EDITOR_GREP` : ''}; screenshots in test-results/editor/`);
  code = failed === 0 && passed > 0 ? 0 : 1;
  // What scripts/screenshots.mjs copies from: only a run whose every test passed.
  writeFileSync(join(shots, 'result.json'), `${JSON.stringify({ passed, failed, codeServer: codeServerVersion, finished: new Date().toISOString() }, null, 2)}\n`);
  const stale = await staleDocImages(browser, repo, shots);
  if (stale.length) {
    console.log(`README pictures unlike this run's screenshots: ${stale.map(([image, share]) => `docs/images/${image} (${(100 * share).toFixed(1)}% of pixels)`).join(', ')}; npm run screenshots updates them`);
  }
} catch (error) {
  console.error(`editor tests: ${error.message}`);
} finally {
  await browser?.close().catch(() => {});
  rmSync(work, { recursive: true, force: true });
}
process.exit(code);
