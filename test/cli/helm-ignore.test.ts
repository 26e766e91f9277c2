import * as assert from 'assert';
import { cpSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { rbacDoctor, REPO } from '../helpers/run-cli';

/** A chart whose `.helmignore` leaves out `templates/drafts/`, where a Role with a typo verb sits. */
const CHART = 'test/fixtures/helm-ignore/shop';

describe('rbac-doctor check CHART_DIR with a .helmignore', () => {
  it('a template the chart\'s .helmignore leaves out is not checked: RBAC031 says so at it, and the chart report too', () => {
    const { code, stdout } = rbacDoctor(['check', CHART]);
    assert.strictEqual(code, 0, stdout);
    assert.match(stdout, /^test\/fixtures\/helm-ignore\/shop\/templates\/drafts\/role\.yaml:1:1 information RBAC031 Helm does not render this template: the \.helmignore of shop leaves it out/m);
    assert.match(stdout, /^1 information$/m);
    assert.match(stdout, /^chart shop \(test\/fixtures\/helm-ignore\/shop\): 3 of 3 RBAC objects analysed, 0 skipped; 1 file ignored by \.helmignore /m);
    assert.match(stdout, /^ {2}ignored by \.helmignore \(Helm does not load it\): test\/fixtures\/helm-ignore\/shop\/templates\/drafts\/role\.yaml$/m);
  });

  it('JSON lists the ignored files per chart', () => {
    const out = JSON.parse(rbacDoctor(['check', CHART, '--format', 'json']).stdout) as { findings: unknown[]; charts: { name: string; ignored: string[] }[] };
    assert.deepStrictEqual(out.findings.map((f) => (f as { code: string }).code), ['RBAC031']);
    assert.deepStrictEqual(out.charts.map((c) => [c.name, c.ignored]), [['shop', [join(REPO, CHART, 'templates/drafts/role.yaml')]]]);
  });

  it('the same chart without its .helmignore: the draft is read and its mistakes found', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-helmignore-'));
    cpSync(join(REPO, CHART), dir, { recursive: true });
    rmSync(join(dir, '.helmignore'));
    const { stdout } = rbacDoctor(['check', dir, '--format', 'json', '--min-severity', 'warning']);
    const out = JSON.parse(stdout) as { findings: { code: string; file: string }[] };
    assert.deepStrictEqual(out.findings.map((f) => [f.code, f.file]).sort(), [['RBAC001', join(dir, 'templates/drafts/role.yaml')], ['RBAC003', join(dir, 'templates/drafts/role.yaml')]]);
  });
});
