// Runs the editor tests in real VS Code when their harness is installed (test/editor/node_modules).
import { existsSync } from 'fs';
import { spawnSync } from 'child_process';
import { fileURLToPath } from 'url';
import { dirname, join } from 'path';

const here = dirname(fileURLToPath(import.meta.url));
const driver = join(here, 'run.mjs');
if (!existsSync(driver)) {
  console.log('editor tests: not run — the real-VS-Code harness (test/editor/run.mjs) is not part of this checkout.');
  process.exit(0);
}
const result = spawnSync(process.execPath, [driver], { stdio: 'inherit' });
process.exit(result.status ?? 1);
