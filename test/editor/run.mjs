// Runs the editor tests in real VS Code: installs the packaged extension (rbac-doctor.vsix at the repo
// root) into code-server, opens the example workspace in Debian's Chromium through playwright-core,
// and waits for the runner extension's result. Screenshots of each step go to test-results/editor/.
import { spawn, spawnSync } from 'child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';
import { screenChecks } from './screen-checks.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../..');
const vsix = join(repo, 'rbac-doctor.vsix');
const codeServer = join(here, 'node_modules/.bin/code-server');
const shots = join(repo, 'test-results/editor');
const chromium = '/usr/bin/chromium';

for (const [what, path] of [['code-server (run test/editor/install.sh)', codeServer], ['Chromium', chromium], ['the .vsix (npm run package)', vsix]]) {
  if (!existsSync(path)) {
    console.error(`editor tests: cannot run, ${what} is missing: ${path}`);
    process.exit(1);
  }
}

const work = mkdtempSync(join(tmpdir(), 'rbac-doctor-editor-'));
const [userData, extensions, workspace] = ['user-data', 'extensions', 'workspace'].map((d) => join(work, d));
cpSync(join(repo, 'examples/shop'), workspace, { recursive: true });
mkdirSync(shots, { recursive: true });
const resultFile = join(work, 'result.json');
const stepsFile = join(work, 'steps.txt');

const install = spawnSync(codeServer, ['--install-extension', vsix, '--extensions-dir', extensions, '--user-data-dir', userData], { encoding: 'utf8' });
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

const port = 20000 + (process.pid % 10000);
const server = spawn(codeServer, ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--user-data-dir', userData, '--extensions-dir', extensions,
  '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', workspace], {
  env: { ...process.env, RBAC_DOCTOR_EDITOR_RESULT: resultFile, RBAC_DOCTOR_EDITOR_STEPS: stepsFile },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let serverLog = '';
server.stdout.on('data', (d) => { serverLog += d; });
server.stderr.on('data', (d) => { serverLog += d; });

let browser;
let code = 1;
const waitFor = async (what, fn, timeoutMs) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
};
try {
  await waitFor('code-server to listen', () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false), 60000);
  const { chromium: launcher } = await import('playwright-core');
  browser = await launcher.launch({
    executablePath: chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  const taken = new Set();
  await waitFor('the editor test results', async () => {
    const steps = existsSync(stepsFile) ? readFileSync(stepsFile, 'utf8').split('\n').filter(Boolean) : [];
    for (const [i, step] of steps.entries()) {
      if (taken.has(step)) continue;
      taken.add(step);
      const shot = () => page.screenshot({ path: join(shots, `${String(i + 1).padStart(2, '0')}-${step}.png`) });
      await shot();
      if (screenChecks[step]) {
        const error = await screenChecks[step](page, shot).catch(async (e) => {
          await shot();
          const toasts = await page.locator('.notifications-toasts .notification-list-item').allTextContents().catch(() => []);
          return `${e.message.split('\n')[0]}${toasts.length ? `; notifications: ${toasts.join(' | ')}` : ''}`;
        });
        appendFileSync(`${stepsFile}.screen`, `${JSON.stringify({ step, error })}\n`);
      }
    }
    return existsSync(resultFile);
  }, 180000);
  await page.screenshot({ path: join(shots, 'final.png') });
  const result = JSON.parse(readFileSync(resultFile, 'utf8'));
  for (const failure of result.failures) console.error(`  ✗ ${failure.name}\n    ${failure.error.split('\n').slice(0, 4).join('\n    ')}`);
  console.log(`editor tests (code-server ${JSON.parse(readFileSync(join(here, 'node_modules/code-server/package.json'), 'utf8')).version}, Chromium): ${result.passed} passed, ${result.failed} failed; screenshots in test-results/editor/`);
  code = result.failed === 0 && result.passed > 0 ? 0 : 1;
} catch (error) {
  console.error(`editor tests: ${error.message}`);
  console.error(serverLog.split('\n').slice(-20).join('\n'));
} finally {
  await browser?.close().catch(() => {});
  server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
process.exit(code);
