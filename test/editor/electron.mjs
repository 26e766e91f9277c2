// Runs the same editor suite under desktop VS Code (pinned) with @vscode/test-electron, where VS Code
// can be downloaded (`npm run test:editor:desktop`). Machines without that network say so in one line:
// not a failure, unless RBAC_DOCTOR_REQUIRE_DESKTOP_EDITOR_TESTS is set (the desktop CI job sets it).
// The tests that act on screen (palette, lenses, notifications, status bar) need the code-server
// driver and are listed as not run here.
import { cpSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const VERSION = '1.100.3';
const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../..');
const reachable = await fetch('https://update.code.visualstudio.com/api/releases/stable', { signal: AbortSignal.timeout(5000) }).then((r) => r.ok, () => false);
if (!reachable) {
  console.log(`editor tests under desktop VS Code ${VERSION}: NOT RUN — update.code.visualstudio.com is unreachable from this machine, so VS Code cannot be downloaded here (the code-server run is the editor test here; .github/workflows/editor-desktop.yml runs this one).`);
  process.exit(process.env.RBAC_DOCTOR_REQUIRE_DESKTOP_EDITOR_TESTS ? 1 : 0);
}
const { runTests } = await import('@vscode/test-electron');
const workspace = mkdtempSync(join(tmpdir(), 'rbac-doctor-electron-'));
cpSync(join(repo, 'examples/shop'), workspace, { recursive: true });
await runTests({
  version: VERSION,
  extensionDevelopmentPath: repo,
  extensionTestsPath: join(here, 'runner/extension.js'),
  launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
});
