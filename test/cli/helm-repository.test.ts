import * as assert from 'assert';
import { rbacDoctor } from '../helpers/run-cli';

/** The usual layout of a chart repository: `charts/<name>/Chart.yaml`, and no Chart.yaml above `charts/`. */
const REPOSITORY = 'test/fixtures/helm-repo';

describe('rbac-doctor check on a chart repository', () => {
  it('the repository read whole: a chart under its charts/ folder is a top chart, and an include of a misspelt define is RBAC030', () => {
    const { code, stdout } = rbacDoctor(['check', REPOSITORY, '--format', 'json']);
    const out = JSON.parse(stdout) as { findings: { code: string; file: string; severity: string }[] };
    assert.deepStrictEqual(out.findings.filter((f) => f.code === 'RBAC030').map((f) => [f.severity, f.file.slice(f.file.indexOf(REPOSITORY))]), [['error', `${REPOSITORY}/charts/app/templates/role.yaml`]]);
    assert.strictEqual(code, 1);
  });

  it('the chart folder alone: its parent may be a chart that was not read, so the call is not judged, and the report says why', () => {
    const { stdout } = rbacDoctor(['check', `${REPOSITORY}/charts/app`]);
    assert.doesNotMatch(stdout, /RBAC030/);
    assert.match(stdout, /not judged: include "app\.fulname" .*subchart of .*helm-repo, whose Chart\.yaml is not in the workspace/);
  });
});
