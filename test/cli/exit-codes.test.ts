import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CLI, REPO, rbacDoctor } from '../helpers/run-cli';

/** A folder with examples/shop (error-level findings), a clean folder, and folders without manifests. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-exit-'));
  cpSync(join(REPO, 'examples/shop'), join(dir, 'shop'), { recursive: true });
  mkdirSync(join(dir, 'clean'));
  writeFileSync(join(dir, 'clean/sa.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\n');
  mkdirSync(join(dir, 'emptydir'));
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'docs/workflow.yaml'), 'name: CI\non: [push]\njobs: {}\n');
  return dir;
}

const FORMATS = ['text', 'json', 'sarif'];

describe('exit codes: one rule for every command and format', () => {
  const dir = project();
  const check = (...args: string[]) => rbacDoctor(['check', ...args], { cwd: dir });

  it('nothing to check: exit 2 in every format, never "No RBAC problems found"', () => {
    for (const paths of [['emptydir'], ['docs'], ['emptydir', 'docs']]) {
      for (const format of FORMATS) {
        const result = check(...paths, '--format', format);
        assert.strictEqual(result.code, 2, `${paths} ${format}`);
        assert.doesNotMatch(result.stdout, /No RBAC problems found/);
        for (const path of paths) assert.match(result.stderr, new RegExp(`^No Kubernetes manifests found in ${path}$`, 'm'));
      }
    }
  });

  it('--allow-empty: nothing to check is exit 0, still said, still not "no problems"', () => {
    const result = check('emptydir', '--allow-empty');
    assert.strictEqual(result.code, 0);
    assert.doesNotMatch(result.stdout, /No RBAC problems found/);
    assert.match(result.stderr, /No Kubernetes manifests found in emptydir/);
    // It changes nothing where there is something to check.
    assert.strictEqual(check('shop', '--allow-empty').code, 1);
  });

  it('several paths are judged together: an empty one is a notice, the others decide', () => {
    for (const format of FORMATS) {
      const withErrors = check('shop', 'emptydir', '--format', format);
      assert.strictEqual(withErrors.code, 1, format);
      assert.match(withErrors.stderr, /^No Kubernetes manifests found in emptydir$/m);
      const clean = check('clean', 'emptydir', '--format', format);
      assert.strictEqual(clean.code, 0, format);
    }
    // The findings are the same as for the path alone.
    assert.deepStrictEqual(JSON.parse(check('shop', 'emptydir', '--format', 'json').stdout).findings, JSON.parse(check('shop', '--format', 'json').stdout).findings);
    assert.match(check('clean', 'emptydir').stdout, /^No RBAC problems found\.$/m);
  });

  it('a path that does not exist is bad input: exit 2 before anything is judged', () => {
    const result = check('shop', 'no-such-dir', '--format', 'sarif');
    assert.strictEqual(result.code, 2);
    assert.strictEqual(result.stdout, '');
    assert.match(result.stderr, /no-such-dir: no such file or directory/);
  });

  it('the same exit code in every format', () => {
    for (const [path, code] of [['shop', 1], ['clean', 0]] as const) {
      for (const format of FORMATS) assert.strictEqual(check(path, '--format', format).code, code, `${path} ${format}`);
    }
  });

  it('a reader that closes the pipe early (| head -1) keeps the exit code of the result', function () {
    this.timeout(120000);
    // Many findings: check writes far more than a pipe buffers, so it meets the closed pipe.
    const big = join(dir, 'big');
    mkdirSync(big);
    const roles = Array.from({ length: 600 }, (_, i) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r${i}, namespace: shop}\nrules:\n- apiGroups: [""]\n  resources: [deployments]\n  verbs: [get]`);
    writeFileSync(join(big, 'roles.yaml'), roles.join('\n---\n'));
    const cases: [string[], number][] = [[['check', 'big'], 1], [['check', 'big', '--format', 'json'], 1], [['check', 'big', '--format', 'sarif'], 1], [['check', 'shop'], 1], [['check', 'clean'], 0], [['check', 'emptydir'], 2]];
    for (const [args, code] of cases) {
      const script = `set -o pipefail; "${process.execPath}" "${CLI}" ${args.join(' ')} | head -1 > /dev/null; echo "pipe=$? cli=\${PIPESTATUS[0]}"`;
      const result = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8' });
      assert.match(result.stdout, new RegExp(`cli=${code}\\n$`), `${args.join(' ')}: ${result.stdout}`);
      assert.match(result.stdout, new RegExp(`^pipe=${code} `), 'pipefail sees it');
      assert.doesNotMatch(result.stderr, /Error|at /, 'no stack trace');
    }
  });

  it('can-i: 0 yes, 1 no, 2 bad usage; who-can 0 even when nobody may', function () {
    this.timeout(60000);
    const sa = ['--as', 'system:serviceaccount:shop:deployer', '-f', 'shop'];
    assert.strictEqual(rbacDoctor(['can-i', 'get', 'configmaps', '-n', 'shop', ...sa, '--as', 'jane'], { cwd: dir }).code, 2, 'flag given twice');
    assert.strictEqual(rbacDoctor(['can-i', 'delete', 'nodes', ...sa], { cwd: dir }).code, 1);
    assert.strictEqual(rbacDoctor(['can-i', 'get', 'pods', '--as', 'system:admin', '--as-group', 'system:masters', '-f', 'clean'], { cwd: dir }).code, 0);
    assert.strictEqual(rbacDoctor(['who-can', 'delete', 'widgets.example.com', '-n', 'shop', '-f', 'clean', '--no-builtin-roles'], { cwd: dir }).code, 0);
    assert.strictEqual(rbacDoctor(['can-i', 'get'], { cwd: dir }).code, 2);
  });
});
