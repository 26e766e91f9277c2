import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, dirname, join } from 'path';
import { parse } from 'yaml';
import { REPO } from '../helpers/run-cli';
import { readAction } from '../helpers/run-action';
import { writeTree } from '../helpers/write-tree';
import { freshCopy } from '../helpers/fresh-copy';

// The README's commands, run in order on a fresh copy of the repository as a new user would: every
// ```sh block is either run here (and what the README says it does is checked) or named below with the
// reason it cannot run here, so a new block fails this test until someone decides which it is.

/** The README's fenced blocks of one language, each as its lines. */
function readmeBlocks(language: string): string[][] {
  const text = readFileSync(join(REPO, 'README.md'), 'utf8');
  return [...text.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => m[1].split('\n').filter((l) => l.trim() !== ''));
}

/** A command line without its trailing `# comment` (none of the README's commands quotes a #). */
const command = (line: string) => line.replace(/\s+#.*$/, '').trim();

interface Ran { line: string; code: number; stdout: string; stderr: string }

const codeServer = join(REPO, 'test/editor/node_modules/.bin/code-server');

describe('the README\'s commands, run in order on a fresh copy of the repository', function () {
  this.timeout(15 * 60 * 1000);
  const blocks = readmeBlocks('sh');
  let clone: string;
  const prefix = mkdtempSync(join(tmpdir(), 'rbac-doctor-npm-prefix-'));
  const shims = mkdtempSync(join(tmpdir(), 'rbac-doctor-shims-'));
  const extensions = mkdtempSync(join(tmpdir(), 'rbac-doctor-extensions-'));
  // What a user's shell has: none of the outer `npm test`'s npm_* variables; a global prefix of its own.
  const userEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_'))),
    npm_config_prefix: prefix, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false',
    PATH: [join(prefix, 'bin'), shims, dirname(process.execPath), process.env.PATH].join(delimiter),
    ...extra,
  });
  const run = (line: string, cwd?: string, env = userEnv()): Ran => {
    const result = spawnSync('bash', ['--noprofile', '--norc', '-o', 'pipefail', '-c', line], { cwd: cwd ?? clone, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { line, code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
  };
  const ok = (ran: Ran) => assert.strictEqual(ran.code, 0, `${ran.line} exited ${ran.code}\n${ran.stderr.slice(-3000)}`);
  const blockStarting = (first: string) => {
    const block = blocks.find((b) => command(b[0]) === first);
    assert.ok(block, `the README has no sh block starting with "${first}"`);
    return block.map(command);
  };

  before(() => {
    clone = freshCopy().dir;
    // `code` is VS Code's command line; code-server's takes the same --install-extension.
    if (existsSync(codeServer)) {
      writeFileSync(join(shims, 'code'), `#!/bin/sh\nexec "${codeServer}" "$@" --extensions-dir "${extensions}" --user-data-dir "${extensions}/user-data"\n`, { mode: 0o755 });
    }
  });
  // The copy holds a full node_modules (about 500 MB).
  after(() => {
    for (const dir of [clone, prefix, shims, extensions]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every sh block of the README is run here or named with the reason it cannot be', () => {
    const known = ['npm install', 'npm install -g .', 'npm install && npm start', 'rbac-doctor can-i list secrets -n shop --as system:serviceaccount:shop:checkout --context kind-dev',
      'rbac-doctor check [PATH...]', 'rbac-doctor check deploy/ charts/app --format sarif > rbac.sarif'];
    assert.deepStrictEqual(blocks.map((b) => command(b[0])), known);
  });

  it('Install: npm install, npm run package build the .vsix offline, and it installs into VS Code', () => {
    const lines = blockStarting('npm install');
    assert.deepStrictEqual(lines, ['npm install', 'npm run package', 'code --install-extension rbac-doctor.vsix']);
    ok(run(lines[0]));
    ok(run(lines[1]));
    assert.ok(existsSync(join(clone, 'rbac-doctor.vsix')));
    if (!existsSync(codeServer)) {
      assert.ok(!process.env.RBAC_DOCTOR_REQUIRE_EDITOR_TESTS, `${lines[2]}: code-server is missing (test/editor/install.sh)`);
      console.log(`      not run here: ${lines[2]} — neither VS Code nor code-server is installed (test/editor/install.sh installs code-server)`);
      return;
    }
    ok(run(lines[2]));
    const installed = readdirSync(extensions).filter((d) => d.startsWith('rbac-doctor.rbac-doctor-'));
    assert.strictEqual(installed.length, 1, `installed: ${readdirSync(extensions).join(', ')}`);
    assert.strictEqual(JSON.parse(readFileSync(join(extensions, installed[0], 'package.json'), 'utf8')).main, './dist/client.js');
  });

  it('The CLI: npm install -g . puts rbac-doctor on PATH; npx finds it in the project folder and below it without installing', () => {
    const lines = blockStarting('npm install -g .');
    assert.deepStrictEqual(lines, ['npm install -g .', 'npx rbac-doctor --help']);
    ok(run(lines[0]));
    const onPath = run('command -v rbac-doctor && rbac-doctor --help', join(clone, 'examples'));
    ok(onPath);
    assert.ok(onPath.stdout.startsWith(join(prefix, 'bin', 'rbac-doctor')), onPath.stdout);
    assert.match(onPath.stdout, /Commands:\n {2}check /);
    // Without the global install: a prefix of its own, empty.
    const bare = userEnv({ npm_config_prefix: mkdtempSync(join(tmpdir(), 'rbac-doctor-empty-prefix-')), npm_config_offline: 'true' });
    for (const cwd of [clone, join(clone, 'examples/shop')]) {
      for (const line of [lines[1], 'npm exec -- rbac-doctor --help']) {
        const help = run(line, cwd, bare);
        ok(help);
        assert.match(help.stdout, /Commands:\n {2}check /, `${line} in ${cwd}`);
      }
    }
  });

  it('Try it: npm install && npm start checks examples/shop and turns the pasted 403 into a patch of the role the ServiceAccount has', () => {
    const lines = blockStarting('npm install && npm start');
    assert.deepStrictEqual(lines, ['npm install && npm start', 'npm test']);
    const start = run(lines[0]);
    ok(start);
    // "a Role that grants deployments in the core group, a misspelt verb, nodes in a Role, a binding to a role that does not exist — each with its fix"
    for (const [code, what] of [['RBAC002', /`deployments` is not served by "" \(core\)/], ['RBAC001', /Unknown verb `lsit`/], ['RBAC005', /Role cannot grant `nodes`/], ['RBAC009', /Role "web-config-reder" is not defined/]] as const) {
      const finding = new RegExp(`^examples/shop/[\\w-]+\\.yaml:\\d+:\\d+ (error|warning) ${code} (.*)\\n {4}fix: `, 'm').exec(start.stdout);
      assert.ok(finding, `no ${code} with its fix in:\n${start.stdout}`);
      assert.match(finding[2], what);
    }
    // "its misspelt pods/logs entry becomes pods/log, instead of a second rule next to it"
    assert.match(start.stdout, /--- a\/examples\/shop\/deployer-rbac\.yaml\n\+\+\+ b\/examples\/shop\/deployer-rbac\.yaml\n/);
    assert.match(start.stdout, /\n- {4}resources: \["pods\/logs"\]\n\+ {4}resources: \["pods\/log"\]\n/);
    assert.doesNotMatch(start.stdout, /^\+.*kind: Role/m, 'no new Role');
    // `npm test` is the command this test runs in; CI (.ci/run) runs it on a fresh clone of main.
    console.log(`      not run here: ${lines[1]} — this test is part of it; .ci/run runs it on a fresh clone`);
  });

  it('The CLI examples, in a repository with deploy/ and a chart in charts/app', () => {
    const lines = blockStarting('rbac-doctor check deploy/ charts/app --format sarif > rbac.sarif');
    const repo = writeTree('readme-user-repo', {
      'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
      'charts/app/values.yaml': 'rbac:\n  create: true\n',
      'charts/app/templates/role.yaml': '{{- if .Values.rbac.create }}\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: {{ .Release.Name }}-reader\n'
        + '  namespace: {{ .Release.Namespace }}\nrules:\n  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["get", "lsit"]\n{{- end }}\n',
    });
    cpSync(join(REPO, 'examples/shop'), join(repo, 'deploy'), { recursive: true });
    // `kubectl logs deploy/checkout` prints the checkout ServiceAccount's denial among other lines.
    writeFileSync(join(shims, 'kubectl'), '#!/bin/sh\n[ "$1 $2" = "logs deploy/checkout" ] || exit 1\necho "I1129 10:00:00.000000 1 main.go:88] starting"\n'
      + 'echo \'E1129 10:00:01.000000 1 reflector.go:147] failed to list *v1.Secret: secrets is forbidden: User "system:serviceaccount:shop:checkout" cannot list resource "secrets" in API group "" in the namespace "shop"\'\n', { mode: 0o755 });
    const [check, canI, whoCan, forbidden, ...rest] = lines.map((line) => run(line, repo));
    assert.deepStrictEqual(rest, []);

    assert.strictEqual(check.code, 1, `${check.line}: error-level findings\n${check.stderr}`);
    const sarif = JSON.parse(readFileSync(join(repo, 'rbac.sarif'), 'utf8'));
    const uris = new Set<string>(sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri));
    assert.ok(uris.has('deploy/deployer-rbac.yaml') && uris.has('charts/app/templates/role.yaml'), [...uris].join(', '));

    // "for a no the rule that comes closest and what differs, with its FILE:LINE"
    assert.strictEqual(canI.code, 1, canI.stderr);
    assert.match(canI.stdout, /^no\n/);
    assert.match(canI.stdout, /closest: /);
    assert.match(canI.stdout, /\(deploy\/web\.yaml:\d+\)/);

    // "the default roles and bindings of Kubernetes (the controllers' system:controller:* ones included)"
    ok(whoCan);
    assert.match(whoCan.stdout, /^ServiceAccount +kube-system\/namespace-controller +ClusterRoleBinding system:controller:namespace-controller /m);

    ok(forbidden);
    assert.match(forbidden.stdout, /kind: Role\n/);
    assert.match(forbidden.stdout, /resources: \["secrets"\]\n {2}verbs: \["list"\]/);
    assert.match(forbidden.stdout, /name: "checkout"/);
  });

  it('The synopsis names the CLI\'s commands, each with its help; the cluster examples need a cluster', () => {
    const synopsis = blockStarting('rbac-doctor check [PATH...]');
    for (const line of synopsis) {
      const [, name] = line.split(' ');
      const help = run(`rbac-doctor help ${name === 'help' ? 'check' : name}`);
      ok(help);
    }
    // kind-dev is a cluster of the reader's; test/cluster runs these flags against the stand-in cluster.
    const cluster = blockStarting('rbac-doctor can-i list secrets -n shop --as system:serviceaccount:shop:checkout --context kind-dev');
    for (const line of cluster) assert.match(line, /--context kind-dev$/);
    console.log(`      not run here: ${cluster.length} commands with --context kind-dev — they need the reader's cluster (test/cluster covers these flags against the stand-in)`);
  });

  it('The CI examples: the workflow uses the Action\'s own inputs, the pre-commit config its hook', () => {
    const [workflow, precommit] = readmeBlocks('yaml').map((lines) => lines.join('\n'));
    const job = Object.values((parse(workflow) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }> }).jobs)[0];
    const step = job.steps.find((s) => s.uses?.startsWith('rbac-doctor/rbac-doctor@'));
    assert.ok(step, workflow);
    const inputs = Object.keys(readAction(join(REPO, 'action.yml')).inputs ?? {});
    const named = [...Object.keys(step.with ?? {}), ...[...workflow.matchAll(/^\s+# ([\w-]+): /gm)].map((m) => m[1])];
    assert.deepStrictEqual(named.filter((n) => !inputs.includes(n)), []);
    assert.match(workflow, /security-events: write/);
    const hooks = (parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string }[]).map((h) => h.id);
    const config = parse(precommit) as { repos: { hooks: { id: string }[] }[] };
    assert.deepStrictEqual(config.repos.flatMap((r) => r.hooks.map((h) => h.id)).filter((id) => !hooks.includes(id)), []);
  });
});
