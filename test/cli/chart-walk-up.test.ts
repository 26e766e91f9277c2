import * as assert from 'assert';
import { rbacDoctor } from '../helpers/run-cli';

const CHART = 'test/fixtures/helm-charts/local-path-provisioner';

describe('rbac-doctor check on a file or folder inside a chart reads it with its chart', () => {
  const whole = rbacDoctor(['check', CHART, '--format', 'json']);
  const report = (stdout: string) => (JSON.parse(stdout) as { charts: { name: string; analysed: number }[] }).charts.map((c) => [c.name, c.analysed]);

  for (const inside of [`${CHART}/templates`, `${CHART}/templates/role.yaml`]) {
    it(`${inside}: the chart's templates are evaluated with its values, as for the chart folder`, () => {
      const { code, stdout } = rbacDoctor(['check', inside, '--format', 'json']);
      assert.strictEqual(code, whole.code, stdout);
      assert.deepStrictEqual(report(stdout), report(whole.stdout));
      assert.deepStrictEqual(report(stdout), [['local-path-provisioner', 5]]);
    });
  }
});
