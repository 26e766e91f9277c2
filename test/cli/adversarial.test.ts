import * as assert from 'assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { spawnSync } from 'child_process';
import { deepDictChart, kustomizeDiamond, largeValuesChart, PLANTED_FAULT, selfReferencingAliasChart, WILDCARD_ROLE, type Files } from '../fuzz/adversarial-inputs';
import { rbacDoctor, REPO } from '../helpers/run-cli';

/** Each input that once ended `check` (exit 2, nothing printed): now a clear answer, and the other file's findings. */
const CASES: Record<string, { make: (root: string) => Files; note?: RegExp }> = {
  'a self-referencing alias printed with toYaml': { make: (root) => selfReferencingAliasChart(`${root}/chart`), note: /chart\/templates\/role\.yaml:7:\d+ information RBAC037 .*values nested more than 100 deep/ },
  'toYaml of a dict nested 1,000 deep': { make: (root) => deepDictChart(`${root}/chart`), note: /chart\/templates\/deep\.yaml:1008:\d+ information RBAC037 / },
  'a kustomize diamond 22 levels deep': { make: (root) => kustomizeDiamond(`${root}/tree`, 22, 'resources'), note: /tree\/k0a\/kustomization\.yaml:4:\d+ error RBAC035 .*already registered id/ },
  'a diamond of components 24 levels deep': { make: (root) => kustomizeDiamond(`${root}/tree`, 24, 'components'), note: /RBAC035 .*already registered id/ },
  'a diamond of transforming components 24 levels deep': { make: (root) => kustomizeDiamond(`${root}/tree`, 24, 'transforming components'), note: /RBAC033 .*past the budget/ },
  'a 7.8 MB values.yaml no template reads': { make: (root) => largeValuesChart(`${root}/chart`, 200_000), note: /chart\/templates\/role\.yaml:\d+:\d+ \w+ RBAC101/ },
};

describe('check on adversarial workspaces', function () {
  this.timeout(120_000);
  for (const [name, { make, note }] of Object.entries(CASES)) {
    it(name, () => {
      const dir = mkdtempSync(join(tmpdir(), 'rbac-adversarial-'));
      try {
        for (const [path, text] of Object.entries({ ...make(dir), [`${dir}/other/role.yaml`]: WILDCARD_ROLE })) {
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, text);
        }
        const { code, stdout, stderr } = rbacDoctor(['check', '.'], { cwd: dir });
        assert.ok(code === 0 || code === 1, `exit ${code}: ${stderr}`);
        assert.match(stdout, /other\/role\.yaml:\d+:\d+ \w+ RBAC101/);
        assert.match(stdout, /files read: /);
        assert.doesNotMatch(stderr, /Maximum call stack|Tag not resolved/);
        if (note) assert.match(stdout, note);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('check on a workspace with a file whose reading crashes', function () {
  this.timeout(60_000);
  it('the file is reported as not analysed at its first line, with the reason; the other file is checked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rbac-adversarial-crash-'));
    try {
      for (const [path, text] of Object.entries({ 'crash/role.yaml': `${PLANTED_FAULT}\n${WILDCARD_ROLE}`, 'other/role.yaml': WILDCARD_ROLE })) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      // The CLI built from the same sources, with a fault planted in one file's reading.
      const run = spawnSync(process.execPath, [join(REPO, 'out/test/helpers/cli-with-planted-fault.js'), 'check', '.'], { cwd: dir, encoding: 'utf8' });
      // A warning, as RBAC034 is: the exit code follows error-level findings only (the contract), the summary says it.
      assert.strictEqual(run.status, 0, run.stderr);
      assert.match(run.stdout, /^crash\/role\.yaml:1:1 warning RBAC034 This file could not be analysed \(Maximum call stack size exceeded\)[^\n]*$/m);
      assert.ok(!/crash\/role\.yaml:\d+:\d+ \w+ RBAC(?!034)/.test(run.stdout), run.stdout);
      assert.match(run.stdout, /other\/role\.yaml:\d+:\d+ \w+ RBAC101/);
      assert.match(run.stdout, /1 file not analysed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('forbidden in a folder holding a kustomize diamond 22 levels deep', function () {
  this.timeout(60_000);
  it('answers the denial, and says the refused builds once per cause, not once per path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rbac-adversarial-forbidden-'));
    try {
      for (const [path, text] of Object.entries(kustomizeDiamond(`${dir}/tree`, 22, 'resources'))) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
      }
      const message = 'pods "web" is forbidden: User "system:serviceaccount:shop:web" cannot get resource "pods" in API group "" in the namespace "shop"';
      const { code, stdout, stderr } = rbacDoctor(['forbidden', message], { cwd: dir });
      assert.strictEqual(code, 0, stderr);
      assert.match(stdout, /kind: RoleBinding/);
      const warnings = stderr.split('\n').filter((line) => line.startsWith('Warning: kubectl kustomize refuses to build'));
      assert.ok(warnings.length >= 1 && warnings.length <= 4, warnings.join('\n'));
      assert.doesNotMatch(stderr, /Maximum call stack/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
