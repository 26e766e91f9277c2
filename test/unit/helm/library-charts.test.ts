import * as assert from 'assert';
import { chartReports } from '../../../server/src/core/helm/chart/chart-report';
import { CHART, chartFiles, chartModel } from './chart-harness';

// A parent chart and the library chart in its `charts/` folder are one template set for Helm.
const LIBRARY = `${CHART}/charts/lib`;
const LIBRARY_FILES = {
  [`${LIBRARY}/Chart.yaml`]: 'apiVersion: v2\nname: lib\ntype: library\nversion: 1.0.0\n',
  [`${LIBRARY}/templates/_names.tpl`]: `{{- define "lib.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- define "lib.namespace" -}}
{{- default .Release.Namespace .Values.namespaceOverride -}}
{{- end -}}
{{- define "app.name" -}}library-wins{{- end -}}
`,
};

const ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ include "lib.fullname" . }}-{{ include "app.name" . }}
  namespace: {{ include "lib.namespace" . | quote }}
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get"]
`;

const CHART_YAML = 'apiVersion: v2\nname: app\nversion: 1.2.3\ndependencies:\n  - name: lib\n    version: 1.x.x\n    repository: oci://example.invalid/charts\n';

describe('library charts: the defines of subcharts render in the parent', () => {
  it('a role named by a library define is read with its evaluated name; the parent\'s own define wins over the library\'s', () => {
    const files = { ...chartFiles({ 'role.yaml': ROLE }), [`${CHART}/Chart.yaml`]: CHART_YAML, ...LIBRARY_FILES };
    const model = chartModel(files);
    assert.deepStrictEqual(model.index.roles.map((r) => [r.name, r.namespace?.value]), [['release-app-app', 'default']]);
    const [report] = chartReports(model).filter((r) => r.dir === CHART);
    assert.strictEqual(report.analysed, 1);
    assert.deepStrictEqual(report.skipped, []);
  });

  it('reads the same whichever file arrives first (a library helper noted after the parent\'s templates)', () => {
    const files = { ...chartFiles({ 'role.yaml': ROLE }), [`${CHART}/Chart.yaml`]: CHART_YAML, ...LIBRARY_FILES };
    const model = chartModel(files, undefined, 'templates-first');
    assert.deepStrictEqual(model.index.roles.map((r) => r.name), ['release-app-app']);
  });

  it('a library helper that changes is read again in the parent', () => {
    const files = { ...chartFiles({ 'role.yaml': ROLE }), [`${CHART}/Chart.yaml`]: CHART_YAML, ...LIBRARY_FILES };
    const model = chartModel(files);
    model.setFile(`${LIBRARY}/templates/_names.tpl`, LIBRARY_FILES[`${LIBRARY}/templates/_names.tpl`].replace('"%s-%s"', '"%s-x-%s"'));
    assert.deepStrictEqual(model.index.roles.map((r) => r.name), ['release-x-app-app']);
  });

  it('a chart folder that is not in the parent\'s `charts/` folder lends it nothing: the name stays unknown and the role skipped', () => {
    const elsewhere = Object.fromEntries(Object.entries(LIBRARY_FILES).map(([p, t]) => [p.replace(`${CHART}/charts/lib`, '/w/other/lib'), t]));
    const model = chartModel({ ...chartFiles({ 'role.yaml': ROLE }), ...elsewhere });
    assert.deepStrictEqual(model.index.roles, []);
    const [report] = chartReports(model).filter((r) => r.dir === CHART);
    assert.strictEqual(report.skipped.length, 1);
  });
});
