import * as assert from 'assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { deepDictChart, kustomizeDiamond, selfReferencingAliasChart, WILDCARD_ROLE, type Files } from '../fuzz/adversarial-inputs';
import { rbacDoctor } from '../helpers/run-cli';

/** Each input that once ended `check` (exit 2, nothing printed): now a clear answer, and the other file's findings. */
const CASES: Record<string, (root: string) => Files> = {
  'a self-referencing alias printed with toYaml': (root) => selfReferencingAliasChart(`${root}/chart`),
  'toYaml of a dict nested 1,000 deep': (root) => deepDictChart(`${root}/chart`),
  'a kustomize diamond 22 levels deep': (root) => kustomizeDiamond(`${root}/tree`, 22, 'resources'),
};

describe('check on adversarial workspaces', function () {
  this.timeout(120_000);
  for (const [name, make] of Object.entries(CASES)) {
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
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
