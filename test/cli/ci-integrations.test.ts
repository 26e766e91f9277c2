import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, dirname, join } from 'path';
import { parse } from 'yaml';
import { REPO } from '../helpers/run-cli';
import { readAction, runCompositeAction, type ActionRun } from '../helpers/run-action';

/** A repository with examples/shop's manifests (error-level findings) and a file that is not YAML. */
function sampleRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-repo-'));
  cpSync(join(REPO, 'examples/shop'), join(dir, 'deploy'), { recursive: true });
  writeFileSync(join(dir, 'README.md'), '# sample\n');
  return dir;
}

function cleanRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-clean-repo-'));
  writeFileSync(join(dir, 'sa.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\n');
  return dir;
}

const step = (run: ActionRun, uses: string) => run.steps.find((s) => s.uses?.startsWith(uses));

describe('GitHub Action (action.yml), its steps run as a runner runs them', () => {
  const file = join(REPO, 'action.yml');

  it('checks and uploads with the checked-in bundle: no setup-node, no install, no build', () => {
    const steps = readAction(file).runs.steps;
    assert.strictEqual(readAction(file).runs.using, 'composite');
    assert.deepStrictEqual(steps.map((s) => s.uses ?? s.name), ['rbac-doctor check --format sarif', 'github/codeql-action/upload-sarif@v3', 'Fail on error-level findings']);
    for (const s of steps) {
      assert.doesNotMatch(s.uses ?? '', /setup-node/, s.name);
      assert.doesNotMatch(s.run ?? '', /\bnpm (ci|install|run)|\bnpx\b/, s.name);
    }
  });

  it('runs from a checkout of the Action holding only action.yml and action/dist, with the runner\'s node, never npm', () => {
    // What GitHub checks out: the repository's tracked files; node_modules and dist/ are not among them.
    const actionPath = mkdtempSync(join(tmpdir(), 'rbac-doctor-action-'));
    cpSync(join(REPO, 'action.yml'), join(actionPath, 'action.yml'));
    cpSync(join(REPO, 'action/dist'), join(actionPath, 'action/dist'), { recursive: true });
    // npm and npx on PATH record any call: the Action must make none.
    const bin = mkdtempSync(join(tmpdir(), 'rbac-doctor-path-'));
    const calls = join(bin, 'calls');
    for (const tool of ['npm', 'npx']) {
      writeFileSync(join(bin, tool), `#!/bin/sh\necho ${tool} >> "${calls}"\nexit 99\n`, { mode: 0o755 });
    }
    const PATH = [bin, dirname(process.execPath), process.env.PATH].join(delimiter);
    const run = runCompositeAction(file, { actionPath, workspace: sampleRepo(), env: { PATH } });
    assert.strictEqual(run.outputs.check['exit-code'], '1', run.steps[0].stderr);
    assert.ok(step(run, 'github/codeql-action/upload-sarif')?.ran);
    assert.strictEqual(existsSync(calls), false, 'npm was called');
  });

  it('on findings: SARIF for code scanning is uploaded, then the job fails', () => {
    const workspace = sampleRepo();
    const run = runCompositeAction(file, { actionPath: REPO, workspace });
    assert.strictEqual(run.outputs.check['exit-code'], '1');
    const upload = step(run, 'github/codeql-action/upload-sarif');
    assert.ok(upload?.ran, 'uploaded');
    const sarif = JSON.parse(readFileSync(upload.with!.sarif_file, 'utf8'));
    assert.strictEqual(sarif.version, '2.1.0');
    const uris = (sarif.runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[]).map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
    assert.ok(uris.includes('deploy/deployer-rbac.yaml'), 'paths relative to the repository root, as code scanning needs');
    assert.ok(uris.every((uri) => existsSync(join(workspace, uri))));
    assert.strictEqual(run.failed, true);
    assert.strictEqual(run.steps.at(-1)?.code, 1);
  });

  it('inputs: paths and fail-on-error; a clean repository passes', () => {
    const findingsOnly = runCompositeAction(file, { actionPath: REPO, workspace: sampleRepo(), inputs: { 'fail-on-error': 'false', paths: 'deploy/deployer-rbac.yaml  deploy/web.yaml' } });
    assert.strictEqual(findingsOnly.outputs.check['exit-code'], '1');
    assert.strictEqual(findingsOnly.failed, false);
    const uploaded = JSON.parse(readFileSync(step(findingsOnly, 'github/codeql-action/upload-sarif')!.with!.sarif_file, 'utf8'));
    const files = new Set((uploaded.runs[0].results as { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[]).map((r) => r.locations[0].physicalLocation.artifactLocation.uri));
    assert.deepStrictEqual([...files].sort(), ['deploy/deployer-rbac.yaml', 'deploy/web.yaml']);
    const clean = runCompositeAction(file, { actionPath: REPO, workspace: cleanRepo() });
    assert.strictEqual(clean.outputs.check['exit-code'], '0');
    assert.strictEqual(clean.failed, false);
    assert.deepStrictEqual(JSON.parse(readFileSync(clean.outputs.check['sarif-file'], 'utf8')).runs[0].results, []);
  });

  it('one paths entry without manifests is a notice: the others are judged and their SARIF uploaded', () => {
    const workspace = sampleRepo();
    mkdirSync(join(workspace, 'docs-only'));
    writeFileSync(join(workspace, 'docs-only/notes.yaml'), 'title: notes\n');
    const run = runCompositeAction(file, { actionPath: REPO, workspace, inputs: { paths: 'deploy docs-only' } });
    assert.strictEqual(run.outputs.check['exit-code'], '1');
    const check = run.steps.find((s) => s.name === 'rbac-doctor check --format sarif');
    assert.match(check?.stderr ?? '', /No Kubernetes manifests found in docs-only/);
    const upload = step(run, 'github/codeql-action/upload-sarif');
    assert.ok(upload?.ran);
    assert.ok(JSON.parse(readFileSync(upload.with!.sarif_file, 'utf8')).runs[0].results.length > 0);
    assert.strictEqual(run.failed, true, 'the error-level findings of deploy fail the job');
  });

  it('a path that does not exist fails the check step with a message, and nothing is uploaded', () => {
    const run = runCompositeAction(file, { actionPath: REPO, workspace: cleanRepo(), inputs: { paths: 'no-such-dir' } });
    const check = run.steps.find((s) => s.name === 'rbac-doctor check --format sarif');
    assert.strictEqual(check?.code, 2);
    assert.match(check?.stderr ?? '', /no-such-dir: no such file or directory/);
    assert.strictEqual(step(run, 'github/codeql-action/upload-sarif')?.ran, false);
  });
});

describe('pre-commit hook (.pre-commit-hooks.yaml)', () => {
  interface Hook { id: string; entry: string; language: string; files: string; pass_filenames?: boolean }
  const [hook] = parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  let bin: string;

  before(function () {
    this.timeout(60000);
    // pre-commit installs a node hook with `npm pack` and `npm install -g` of the tarball. The bundle was
    // just built by the test run, so packing skips the prepack build here.
    const prefix = mkdtempSync(join(tmpdir(), 'rbac-doctor-hook-'));
    const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_'))), npm_config_offline: 'true', npm_config_update_notifier: 'false' };
    const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', prefix], { cwd: REPO, env, encoding: 'utf8' });
    assert.strictEqual(pack.status, 0, pack.stderr);
    const tarball = join(prefix, pack.stdout.trim().split('\n').at(-1)!);
    const install = spawnSync('npm', ['install', '-g', tarball, '--prefix', prefix, '--no-audit', '--no-fund'], { env, encoding: 'utf8' });
    assert.strictEqual(install.status, 0, install.stderr);
    bin = join(prefix, 'bin');
  });

  /** What pre-commit does for this hook: select the staged files its `files` pattern matches, then run `entry` (plus the files, if it passes them). */
  function commit(repo: string): { ran: boolean; code?: number; stdout?: string } {
    spawnSync('git', ['init', '-q'], { cwd: repo });
    spawnSync('git', ['add', '-A'], { cwd: repo });
    const staged = spawnSync('git', ['diff', '--cached', '--name-only'], { cwd: repo, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    const selected = staged.filter((f) => new RegExp(hook.files).test(f));
    if (selected.length === 0) return { ran: false };
    const [command, ...args] = hook.entry.split(' ');
    const result = spawnSync(command, [...args, ...(hook.pass_filenames === false ? [] : selected)], { cwd: repo, env: { ...process.env, PATH: [bin, process.env.PATH].join(delimiter) }, encoding: 'utf8' });
    return { ran: true, code: result.status ?? -1, stdout: result.stdout };
  }

  it('is a node hook named rbac-doctor that runs the installed CLI', () => {
    assert.deepStrictEqual([hook.id, hook.language, hook.entry.split(' ')[0]], ['rbac-doctor', 'node', 'rbac-doctor']);
  });

  it('fails a commit with error-level findings and shows them', () => {
    const result = commit(sampleRepo());
    assert.strictEqual(result.ran, true);
    assert.strictEqual(result.code, 1);
    assert.match(result.stdout ?? '', /deploy\/deployer-rbac\.yaml:\d+:\d+ error RBAC002 /);
  });

  it('passes a repository whose YAML holds no Kubernetes manifest (a CI workflow), saying there was nothing to check', () => {
    const repo = mkdtempSync(join(tmpdir(), 'rbac-doctor-no-manifests-'));
    writeFileSync(join(repo, 'ci.yml'), 'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps: [{run: make}]\n');
    const result = commit(repo);
    assert.strictEqual(result.ran, true);
    assert.strictEqual(result.code, 0);
    assert.doesNotMatch(result.stdout ?? '', /No RBAC problems found/);
  });

  it('passes a clean commit, and does not run when no YAML file is committed', () => {
    assert.deepStrictEqual(commit(cleanRepo()).code, 0);
    const docsOnly = mkdtempSync(join(tmpdir(), 'rbac-doctor-docs-'));
    writeFileSync(join(docsOnly, 'notes.md'), 'no manifests\n');
    assert.strictEqual(commit(docsOnly).ran, false);
  });
});
