import * as assert from 'assert';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { rbacDoctor } from '../helpers/run-cli';

const CHART = 'test/fixtures/helm-charts/local-path-provisioner';

describe('rbac-doctor check CHART_DIR', () => {
  it('checks a chart at its template lines and says per chart what it analysed and skipped', () => {
    const { code, stdout } = rbacDoctor(['check', CHART, '--min-severity', 'warning']);
    assert.strictEqual(code, 0, stdout);
    assert.match(stdout, /^No RBAC problems found\.$/m);
    assert.match(stdout, /^chart local-path-provisioner \(test\/fixtures\/helm-charts\/local-path-provisioner\): 5 of 5 RBAC objects analysed, 0 skipped \(release `release` in namespace `default`, assumed/m);
  });

  it('takes --values files and the release flags, and reports positions in the templates (JSON)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-values-'));
    const values = join(dir, 'prod.yaml');
    writeFileSync(values, 'serviceAccount:\n  name: provisioner\n');
    const { code, stdout } = rbacDoctor(['check', CHART, '--values', values, '--release-name', 'lpp', '--release-namespace', 'storage', '--format', 'json']);
    assert.strictEqual(code, 0, stdout);
    const out = JSON.parse(stdout) as { findings: { file: string }[]; charts: { name: string; analysed: number; valuesFiles: string[]; release: { name: string; namespace: string; assumed: boolean } }[] };
    assert.deepStrictEqual(out.charts.map((c) => [c.name, c.analysed, c.release]), [['local-path-provisioner', 5, { name: 'lpp', namespace: 'storage', assumed: false }]]);
    assert.strictEqual(out.charts[0].valuesFiles[1], values);
    assert.ok(out.findings.every((f) => f.file.includes('/templates/')), JSON.stringify(out.findings.map((f) => f.file)));
  });

  it('a values file that cannot be read is bad input (exit 2)', () => {
    const { code, stderr } = rbacDoctor(['check', CHART, '--values', 'no/such/values.yaml']);
    assert.strictEqual(code, 2);
    assert.match(stderr, /--values no\/such\/values\.yaml/);
  });
});
