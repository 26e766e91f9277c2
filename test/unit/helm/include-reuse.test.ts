import * as assert from 'assert';
import { analyse } from '../../../server/src/core/analysis';
import { hoverAt } from '../../../server/src/core/explain/hover';
import { renderNodes, type EvalEnv } from '../../../server/src/core/helm/template/evaluate';
import { parseTemplate } from '../../../server/src/core/helm/template/parse-template';
import type { Value } from '../../../server/src/core/helm/template/template-values';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';
import { lineOf } from '../../helpers/text-position';
import { CHART, chartFiles, chartModel } from './chart-harness';

/** A define's output is reused within one traced file for the same dot; what it read is still told. */
describe('chart templates: a define included again with the same dot', () => {
  it('gives each dot its own output', () => {
    const source = '{{- define "x" -}}{{ .a }}{{- end -}}{{ include "x" (dict "a" "one") }} {{ include "x" (dict "a" "two") }} {{ include "x" . }}';
    const template = parseTemplate(source);
    const defines = new Map(template.defines.map((define) => [define.name, { define, text: source, file: 't' }]));
    const env: EvalEnv = { defines, steps: 100_000, depth: 20, rendered: new Map() };
    assert.strictEqual(renderNodes(env, template.nodes, source, { a: 'dot' } as Value), 'one two dot');
  });

  it('the second scalar that includes a helper hovers with the same origins as the first', () => {
    const role = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ include "app.serviceAccountName" . }}
  labels:
    first: {{ include "app.serviceAccountName" . }}
    second: {{ include "app.serviceAccountName" . }}
rules: []
`;
    const model = chartModel(chartFiles({ 'role.yaml': role }));
    const context = analyse(model, DEFAULT_SETTINGS).context;
    const file = model.getFile(`${CHART}/templates/role.yaml`)!;
    const hover = (needle: string) => {
      const line = lineOf(role, needle);
      return hoverAt(context, file, { line, character: role.split('\n')[line].indexOf('{{') + 3 })!.markdown;
    };
    const first = hover('first:');
    assert.match(first, /helper `app.serviceAccountName`/);
    assert.match(first, /`.Values.serviceAccount.create` from `chart\/values.yaml` line 3/);
    assert.strictEqual(hover('second:'), first);
  });
});
