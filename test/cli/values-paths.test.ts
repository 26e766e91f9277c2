import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { rbacDoctorAsync } from '../helpers/run-cli';
import { writeUndecidedChart } from '../helpers/undecided-chart';

describe('--values goes through the manifest gate', function () {
  this.timeout(30_000);
  const chart = writeUndecidedChart();
  const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-values-'));
  const fifo = join(dir, 'values.yaml');
  execFileSync('mkfifo', [fifo]);

  for (const [what, path, reason] of [['a FIFO', fifo, /a named pipe \(FIFO\)/], ['/dev/zero', '/dev/zero', /a device/]] as const) {
    it(`--values ${what} answers at once (exit 2, the reason), never blocks or reads it`, async () => {
      const started = Date.now();
      const result = await rbacDoctorAsync(['check', chart, '--values', path]);
      assert.strictEqual(result.code, 2, result.stdout + result.stderr);
      assert.match(result.stderr, new RegExp(`--values ${path.replace(/[/.]/g, '\\$&')}: not read: ${reason.source}`));
      assert.ok(Date.now() - started < 20_000);
    });
  }

  it('a regular file named on the command line is read wherever it is', async () => {
    const values = join(dir, 'ns.yaml');
    writeFileSync(values, 'namespace: prod\n');
    const result = await rbacDoctorAsync(['check', chart, '--values', values, '--format', 'json']);
    assert.strictEqual(result.code, 0, result.stdout + result.stderr);
    assert.deepStrictEqual((JSON.parse(result.stdout) as { charts: { valuesFiles: string[] }[] }).charts[0].valuesFiles.slice(-1), [values]);
  });
});
