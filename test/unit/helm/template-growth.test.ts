import * as assert from 'assert';
import { buildChartContext } from '../../../server/src/core/helm/chart/chart-context';
import { readTemplateFile } from '../../../server/src/core/helm/read/read-template';
import { describeGrowth, growthRatio, repeated, LINEAR_GROWTH_LIMIT } from '../../helpers/growth';
import { CHART, VALUES } from './chart-harness';

/** Reading a template (masking, per-document keys, generated lines) grows linearly with its text. */
describe('chart template reading grows linearly', function () {
  this.timeout(120_000);
  const context = buildChartContext({ dir: CHART, chartYaml: 'name: app\n', valuesYaml: { path: `${CHART}/values.yaml`, text: VALUES }, helpers: [] }, { valuesFiles: [] });
  const read = (text: string) => readTemplateFile(`${CHART}/templates/t.yaml`, text, context);
  const cases: [string, string][] = [
    ['many documents, each with inline and whole-line actions', `---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ .Release.Name }}-sa\n  labels:\n    {{- toYaml .Values.rbac | nindent 4 }}\n`],
    ['one long line of inline actions', 'x{{ .Release.Name }}'],
    ['one long line of actions that print nothing', '{{ "" }} '],
  ];
  for (const [what, unit] of cases) {
    it(what, () => {
      const make = (size: number) => (what.startsWith('one long line') ? `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${repeated(unit, size)}\n` : repeated(unit, size));
      const growth = growthRatio(make, read, { limit: LINEAR_GROWTH_LIMIT, max: 1_000_000, minMs: 20 });
      assert.ok(growth.ratio <= LINEAR_GROWTH_LIMIT, `${what}: ${describeGrowth(growth)}`);
    });
  }
});
