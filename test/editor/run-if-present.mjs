// Runs the editor tests in real VS Code when their harness is installed (test/editor/install.sh);
// otherwise says why they did not run.
import { existsSync } from 'fs';
import { spawnSync } from 'child_process';
import { fileURLToPath } from 'url';
import { dirname, join } from 'path';

const here = dirname(fileURLToPath(import.meta.url));
if (!existsSync(join(here, 'node_modules/.bin/code-server'))) {
  console.log('editor tests: not run — code-server is not installed here; run test/editor/install.sh first (CI does).');
  // CI installs the harness: there, a missing code-server is a failure, not a skip.
  process.exit(process.env.RBAC_DOCTOR_REQUIRE_EDITOR_TESTS ? 1 : 0);
}
const codeServer = spawnSync(process.execPath, [join(here, 'run.mjs')], { stdio: 'inherit' });
const electron = spawnSync(process.execPath, [join(here, 'electron.mjs')], { stdio: 'inherit' });
process.exit(codeServer.status || electron.status ? 1 : 0);
