import * as assert from 'assert';
import { buildChartContext, type ValuesCache } from '../../../server/src/core/helm/chart/chart-context';
import { chartReports } from '../../../server/src/core/helm/chart/chart-report';
import type { RoleObject } from '../../../server/src/core/model/types';
import { CHART, chartFiles, chartModel, HELPERS } from './chart-harness';

const ROLE = `{{- if .Values.rbac.create }}
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ include "app.fullname" . }}
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get"]
  {{- with .Values.rbac.extraRules }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end }}
`;

const VALUES_WITH_RULE = 'rbac:\n  create: true\n  extraRules:\n    - apiGroups: [""]\n      resources: ["secrets"]\n      verbs: ["list"]\n';

describe('chart values: read once per text, kept across context rebuilds', () => {
  it('a helper edit keeps the values; a values edit is read again', () => {
    const model = chartModel(chartFiles({ 'role.yaml': ROLE }, VALUES_WITH_RULE));
    const resources = () => (model.index.roles[0] as RoleObject | undefined)?.rules.map((r) => r.resources);
    assert.deepStrictEqual(resources(), [['pods'], ['secrets']]);
    model.setFile(`${CHART}/templates/_helpers.tpl`, `${HELPERS}\n{{/* edited */}}\n`);
    assert.deepStrictEqual(resources(), [['pods'], ['secrets']]);
    assert.strictEqual(model.index.roles[0]?.name, 'release-app');
    model.setFile(`${CHART}/values.yaml`, VALUES_WITH_RULE.replace('secrets', 'configmaps'));
    assert.deepStrictEqual(resources(), [['pods'], ['configmaps']]);
    model.setFile(`${CHART}/values.yaml`, 'rbac:\n  create: false\n');
    assert.strictEqual(model.index.roles.length, 0);
  });

  it('an unreadable values file stays reported after a helper edit rebuilds the context', () => {
    const model = chartModel(chartFiles({ 'role.yaml': ROLE }, 'rbac: [unclosed\n'));
    const problems = () => chartReports(model).flatMap((r) => r.problems.filter((p) => p.what === 'values'));
    const roles = model.index.roles.length;
    assert.strictEqual(problems().length, 1);
    model.setFile(`${CHART}/templates/_helpers.tpl`, `${HELPERS}\n{{/* edited */}}\n`);
    assert.strictEqual(model.index.roles.length, roles);
    assert.strictEqual(problems().length, 1);
  });

  it('buildChartContext reuses a cached reading only for the same text', () => {
    const cache: ValuesCache = new Map();
    const sources = (text: string) => ({ dir: CHART, chartYaml: 'name: app\n', valuesYaml: { path: `${CHART}/values.yaml`, text }, helpers: [] });
    // A reading planted for one text shows whether the cache is consulted, and only for that text.
    cache.set(`${CHART}/values.yaml`, { text: 'a: 1\n', value: { a: 99 } });
    assert.deepStrictEqual(buildChartContext(sources('a: 1\n'), { valuesFiles: [] }, cache).root.Values, { a: 99 });
    assert.deepStrictEqual(buildChartContext(sources('a: 2\n'), { valuesFiles: [] }, cache).root.Values, { a: 2 });
    assert.strictEqual(cache.get(`${CHART}/values.yaml`)?.text, 'a: 2\n');
    assert.deepStrictEqual(buildChartContext(sources('a: 2\n'), { valuesFiles: [] }).root.Values, { a: 2 });
  });
});

describe('Chart.yaml: fields read as templates use them, problems still reported', () => {
  const CHART_YAML = 'apiVersion: v2\nname: app\nversion: 1.2.3\nappVersion: "4.5"\nkubeVersion: ">=1.25"\nannotations:\n  artifacthub.io/changes: |\n    - kind: added\n      description: x\n';
  const sources = (chartYaml: string) => ({ dir: CHART, chartYaml, helpers: [] });

  it('.Chart has every field, capitalised, with the types Chart.yaml gives them', () => {
    const chart = buildChartContext(sources(CHART_YAML), { valuesFiles: [] }).root.Chart as Record<string, unknown>;
    assert.deepStrictEqual({ ...chart }, {
      Name: 'app', ApiVersion: 'v2', Version: '1.2.3', AppVersion: '4.5', KubeVersion: '>=1.25',
      Annotations: { 'artifacthub.io/changes': '- kind: added\n  description: x\n' },
    });
  });

  it('a syntax error in a field no template reads is still a problem of the chart', () => {
    const context = buildChartContext(sources(`${CHART_YAML}description: [unclosed\n`), { valuesFiles: [] });
    assert.strictEqual((context.root.Chart as Record<string, unknown>).Version, '1.2.3');
    assert.strictEqual(context.problems.length, 1);
    assert.match(context.problems[0], /Chart\.yaml: /);
    assert.deepStrictEqual(buildChartContext(sources(CHART_YAML), { valuesFiles: [] }).problems, []);
  });

  it('a Chart.yaml that is not a mapping names the chart after its folder, and says why', () => {
    const context = buildChartContext(sources('- a\n- [b\n'), { valuesFiles: [] });
    assert.strictEqual(context.name, 'chart');
    assert.strictEqual(context.problems.length, 1);
  });
});
