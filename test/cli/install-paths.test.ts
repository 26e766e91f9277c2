import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, join } from 'path';
import { REPO } from '../helpers/run-cli';

const OUR_HELP = /^rbac-doctor — Kubernetes RBAC, the way the API server sees it\n/;

/** npm as a user runs it: without the npm_* variables of an `npm test` around this process, never online. */
function npm(command: 'npm' | 'npx', args: string[], cwd: string, path = process.env.PATH ?? '') {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  const result = spawnSync(command, args, { cwd, env: { ...env, PATH: path, npm_config_offline: 'true', npm_config_update_notifier: 'false' }, encoding: 'utf8' });
  assert.ifError(result.error);
  return result;
}

describe('getting rbac-doctor onto the PATH', () => {
  it('`npx rbac-doctor --help` in the project (and below it) runs this CLI, not npm', () => {
    for (const cwd of [REPO, join(REPO, 'examples/shop')]) {
      const result = npm('npx', ['rbac-doctor', '--help'], cwd);
      assert.strictEqual(result.status, 0, result.stderr);
      assert.match(result.stdout, OUR_HELP, cwd);
    }
  });

  it('`npm install -g .` puts a working rbac-doctor on the PATH (a temporary prefix)', () => {
    const prefix = mkdtempSync(join(tmpdir(), 'rbac-doctor-prefix-'));
    const install = npm('npm', ['install', '-g', '.', '--prefix', prefix, '--no-audit', '--no-fund'], REPO);
    assert.strictEqual(install.status, 0, install.stderr);
    const path = [join(prefix, 'bin'), process.env.PATH].join(delimiter);
    const env = { ...process.env, PATH: path };
    const help = spawnSync('rbac-doctor', ['--help'], { env, encoding: 'utf8' });
    assert.match(help.stdout, OUR_HELP, help.stderr);
    const check = spawnSync('rbac-doctor', ['check', '--min-severity', 'error'], { cwd: join(REPO, 'examples/shop'), env, encoding: 'utf8' });
    assert.strictEqual(check.status, 1, check.stderr);
    assert.match(check.stdout, /error RBAC002 /);
  });
});

describe('installing the project', () => {
  it('decides for every dependency with an install script (npm 11 allowScripts): none runs at install time', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
    const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    assert.ok(withScripts.includes('esbuild'), 'the lockfile lists install scripts');
    for (const name of withScripts) {
      assert.strictEqual(pkg.allowScripts?.[name], false, `${name} has an install script: decide in package.json "allowScripts" (false: it never runs)`);
    }
  });
});
