import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, dirname, join } from 'path';
import { parse } from 'yaml';
import { REPO } from '../helpers/run-cli';
import { readAction, runCompositeAction, type ActionRun } from '../helpers/run-action';
import { freshCopy } from '../helpers/fresh-copy';
import { writeTree } from '../helpers/write-tree';

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

describe('pre-commit hook (.pre-commit-hooks.yaml), run by pre-commit itself on git commit', function () {
  this.timeout(120000);
  interface Hook { id: string; entry: string; language: string; files: string; pass_filenames?: boolean }
  const [hook] = parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  let hookRepo: { dir: string; sha?: string };
  let home: string;

  before(function () {
    if (preCommit.status !== 0) {
      // CI installs it (.ci/run): there, a missing pre-commit is a failure, not a skip.
      assert.ok(!process.env.RBAC_DOCTOR_REQUIRE_PRE_COMMIT, 'pre-commit is not installed');
      console.log('      not run here: pre-commit is not installed (apt-get install pre-commit, or pip install pre-commit; CI does)');
      this.skip();
    }
    hookRepo = freshCopy({ commit: true });
    home = mkdtempSync(join(tmpdir(), 'rbac-doctor-pre-commit-home-'));
  });
  after(() => {
    for (const dir of [hookRepo?.dir, home]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /**
   * A user's repository with the README's .pre-commit-config.yaml (pointing at a committed copy of this
   * repository), `pre-commit install`ed; then `git commit` of `files`, as a person commits.
   */
  function commit(files: Record<string, string>): { code: number; output: string; committed: boolean } {
    const repo = writeTree('pre-commit-user', {});
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const config = /```yaml\n(# \.pre-commit-config\.yaml\n[\s\S]*?)```/.exec(readme);
    assert.ok(config, 'the README shows a .pre-commit-config.yaml');
    writeFileSync(join(repo, '.pre-commit-config.yaml'), config[1]
      .replace('repo: https://github.com/rbac-doctor/rbac-doctor', `repo: ${hookRepo.dir}`).replace(/rev: \S+/, `rev: ${hookRepo.sha}`));
    const env = { ...process.env, PRE_COMMIT_HOME: home, GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@example.invalid', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@example.invalid' };
    const run = (command: string, ...args: string[]) => spawnSync(command, args, { cwd: repo, env, encoding: 'utf8' });
    assert.strictEqual(run('git', 'init', '-q').status, 0);
    const installed = run('pre-commit', 'install');
    assert.strictEqual(installed.status, 0, installed.stderr);
    // The configuration is already in the repository; the commit under test adds `files`.
    run('git', 'add', '-A');
    assert.strictEqual(run('git', 'commit', '-q', '--no-verify', '-m', 'pre-commit').status, 0);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(repo, path)), { recursive: true });
      writeFileSync(join(repo, path), text);
    }
    run('git', 'add', '-A');
    const committed = run('git', 'commit', '-m', 'change');
    const head = run('git', 'log', '-1', '--format=%s');
    return { code: committed.status ?? -1, output: committed.stdout + committed.stderr, committed: head.stdout.trim() === 'change' };
  }

  it('is a script hook named rbac-doctor that runs the checked-in bundle, installing nothing', () => {
    assert.deepStrictEqual([hook.id, hook.language, hook.entry], ['rbac-doctor', 'script', 'action/pre-commit-hook.sh check --allow-empty']);
  });

  it('fails a commit with error-level findings and shows them', () => {
    const result = commit({ 'README.md': '# sample\n', ...Object.fromEntries(['deployer-rbac.yaml', 'web.yaml', 'namespace.yaml']
      .map((f) => [`deploy/${f}`, readFileSync(join(REPO, 'examples/shop', f), 'utf8')])) });
    assert.strictEqual(result.committed, false, result.output);
    assert.match(result.output, /Kubernetes RBAC Doctor\.+Failed\n- hook id: rbac-doctor\n- exit code: 1\n/);
    assert.match(result.output, /deploy\/deployer-rbac\.yaml:\d+:\d+ error RBAC002 /);
  });

  it('passes a repository whose YAML holds no Kubernetes manifest (a CI workflow), saying there was nothing to check', () => {
    const result = commit({ 'ci.yml': 'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps: [{run: make}]\n' });
    assert.strictEqual(result.committed, true, result.output);
    assert.match(result.output, /Kubernetes RBAC Doctor\.+Passed/);
    assert.doesNotMatch(result.output, /No RBAC problems found/);
  });

  it('passes a clean commit, and does not run when no YAML file is committed', () => {
    const clean = commit({ 'sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\n' });
    assert.strictEqual(clean.committed, true, clean.output);
    assert.match(clean.output, /Kubernetes RBAC Doctor\.+Passed/);
    const docsOnly = commit({ 'notes.md': 'no manifests\n' });
    assert.strictEqual(docsOnly.committed, true, docsOnly.output);
    assert.match(docsOnly.output, /Kubernetes RBAC Doctor\.+\(no files to check\)Skipped/);
  });
});
