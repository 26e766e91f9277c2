import * as assert from 'assert';
import { analyse } from '../../../server/src/core/analysis';
import type { Finding } from '../../../server/src/core/checks/types';
import { applyEdits } from '../../../server/src/core/edits/apply-edits';
import { chartReports } from '../../../server/src/core/helm/chart/chart-report';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';
import { lineOf, positionOf } from '../../helpers/text-position';
import { CHART, chartFiles, chartModel, findingsOf } from './chart-harness';

const ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ include "app.fulname" . }}
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get"]
`;
const ROLE_PATH = `${CHART}/templates/role.yaml`;

const rbac030 = (findings: Finding[]) => findings.filter((f) => f.code === 'RBAC030');

describe('RBAC030: include or template of a define the chart does not have', () => {
  it('a near miss of a define is an error at the quoted name; its fix renames it and clears the finding', () => {
    const files = chartFiles({ 'role.yaml': ROLE });
    const [found, ...others] = rbac030(findingsOf(files));
    assert.deepStrictEqual(others, []);
    assert.strictEqual(found.file, ROLE_PATH);
    assert.strictEqual(found.severity, 'error');
    assert.deepStrictEqual(found.range.start, positionOf(ROLE, '"app.fulname"'));
    assert.match(found.message, /no template "app\.fulname" associated with template "gotpl"/);
    assert.match(found.message, /Did you mean "app\.fullname"\?/);
    const fixed = applyEdits(ROLE, found.fixes.find((f) => f.isPreferred)!.edits);
    assert.strictEqual(fixed, ROLE.replace('app.fulname', 'app.fullname'), 'only the name inside the quotes changes');
    const model = chartModel({ ...files, [ROLE_PATH]: fixed });
    assert.deepStrictEqual(rbac030(analyse(model, DEFAULT_SETTINGS).findings), []);
    assert.deepStrictEqual(model.index.roles.map((r) => r.name), ['release-app'], 'the fixed template reads and evaluates');
  });

  it('a name near no define is a warning (a file not read may define it); `{{ template }}` says Helm\'s words for it', () => {
    const template = ROLE.replace('{{ include "app.fulname" . }}', '{{ template "app.params" . }}');
    const [found] = rbac030(findingsOf(chartFiles({ 'role.yaml': template })));
    assert.strictEqual(found.severity, 'warning');
    assert.deepStrictEqual(found.fixes, []);
    assert.match(found.message, /template "app\.params" not defined/);
  });

  it('a helper that always includes a missing define is reported in the helper, once', () => {
    const helpers = `{{- define "app.fullname" -}}{{ include "app.prefix" . }}-app{{- end -}}\n{{- define "app.optional" -}}{{- if .Values.extra }}{{ include "app.nothere" . }}{{ end }}{{- end -}}\n`;
    const files = { ...chartFiles({ 'role.yaml': ROLE.replace('fulname', 'fullname'), 'sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ include "app.fullname" . }}\n{{ include "app.optional" . }}\n' }), [`${CHART}/templates/_helpers.tpl`]: helpers };
    const found = rbac030(findingsOf(files));
    assert.deepStrictEqual(found.map((f) => [f.file, f.range.start.line]), [[`${CHART}/templates/_helpers.tpl`, lineOf(helpers, 'app.prefix')]]);
  });

  it('is silent where Helm does not certainly make the call: a false or unknown condition, the later argument of `and`, a file starting with `_`', () => {
    const guarded = (condition: string) => ROLE.replace('{{ include "app.fulname" . }}', `{{ if ${condition} }}{{ include "app.nothere" . }}{{ else }}x{{ end }}`);
    for (const template of [guarded('.Values.watchNamespace'), guarded('(lookup "v1" "Secret" "" "x")'), guarded('and false (include "app.nothere" .)')]) {
      assert.deepStrictEqual(rbac030(findingsOf(chartFiles({ 'role.yaml': template }))), [], template);
    }
    assert.deepStrictEqual(rbac030(findingsOf(chartFiles({ '_partial.yaml': ROLE }))), []);
    assert.strictEqual(rbac030(findingsOf(chartFiles({ 'role.yaml': guarded('true') }))).length, 1, 'a true condition is followed');
  });

  it('knows the defines of the chart\'s subcharts and of its parent chart (one template set)', () => {
    const sub = `${CHART}/charts/lib`;
    const files = {
      ...chartFiles({ 'role.yaml': ROLE.replace('app.fulname', 'lib.name') }),
      [`${CHART}/Chart.yaml`]: 'apiVersion: v2\nname: app\nversion: 1.2.3\ndependencies:\n  - name: lib\n    version: 1.0.0\n    repository: https://example.com/charts\n',
      [`${sub}/Chart.yaml`]: 'apiVersion: v2\nname: lib\nversion: 1.0.0\n',
      [`${sub}/templates/_lib.tpl`]: '{{- define "lib.name" -}}lib-{{ include "app.name" . }}{{- end -}}\n',
      [`${sub}/templates/sa.yaml`]: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ include "app.name" . }}\n',
    };
    assert.deepStrictEqual(rbac030(findingsOf(files)), []);
    const typo = { ...files, [ROLE_PATH]: ROLE };
    assert.deepStrictEqual(rbac030(findingsOf(typo)).map((f) => f.file), [ROLE_PATH], 'with every dependency here, a missing define is judged');
    const subTypo = { ...files, [`${sub}/templates/sa.yaml`]: files[`${sub}/templates/sa.yaml`].replace('app.name', 'app.nme') };
    assert.deepStrictEqual(rbac030(findingsOf(subTypo)).map((f) => f.file), [`${sub}/templates/sa.yaml`]);
    const optional = { ...subTypo, [`${CHART}/Chart.yaml`]: files[`${CHART}/Chart.yaml`] + '    condition: lib.enabled\n' };
    assert.deepStrictEqual(rbac030(findingsOf(optional)), [], 'a subchart a condition may switch off renders nothing for certain');
  });

  it('a dependency that is not in the workspace may hold the define: silent, and the chart report says so', () => {
    const files = { ...chartFiles({ 'role.yaml': ROLE }), [`${CHART}/Chart.yaml`]: 'apiVersion: v2\nname: app\nversion: 1.2.3\ndependencies:\n  - name: common\n    version: 2.0.0\n    repository: oci://registry.example.com/charts\n' };
    const model = chartModel(files);
    assert.deepStrictEqual(rbac030(analyse(model, DEFAULT_SETTINGS).findings), []);
    const [report] = chartReports(model);
    assert.deepStrictEqual(report.definesNotJudged.map((n) => [n.file, n.line, n.what]), [[ROLE_PATH, lineOf(ROLE, 'fulname'), 'include "app.fulname"']]);
    assert.match(report.definesNotJudged[0].reason, /its dependencies common are not in the workspace/);
    const local = { ...files, [`${CHART}/Chart.yaml`]: 'apiVersion: v2\nname: app\nversion: 1.2.3\ndependencies:\n  - name: common\n    version: 2.0.0\n    repository: file://../common\n', '/w/common/Chart.yaml': 'apiVersion: v2\nname: common\nversion: 2.0.0\n' };
    assert.deepStrictEqual(rbac030(findingsOf(local)).map((f) => f.file), [ROLE_PATH], 'a file:// dependency in the workspace is read');
  });

  it('a chart inside the charts/ folder of a chart that is not read is not judged', () => {
    const sub = '/w/parent/charts/app';
    const files: Record<string, string> = {};
    for (const [path, text] of Object.entries(chartFiles({ 'role.yaml': ROLE }))) files[path.replace(CHART, sub)] = text;
    assert.deepStrictEqual(rbac030(findingsOf(files)), []);
  });

  it('a packaged subchart in charts/ (never read) may hold the define: silent, and the report says so', () => {
    const model = chartModel(chartFiles({ 'role.yaml': ROLE }));
    model.charts.noteArchive(`${CHART}/charts/common-2.0.0.tgz`);
    assert.deepStrictEqual(rbac030(analyse(model, DEFAULT_SETTINGS).findings), []);
    assert.match(chartReports(model)[0].definesNotJudged[0].reason, /its packaged subcharts common-2\.0\.0\.tgz are not read/);
  });
});

describe('RBAC030 in a chart repository (`repo/charts/<name>`, no Chart.yaml in `repo`)', () => {
  const REPO = '/w/repo';
  const inRepo = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([path, text]) => [path.replace(CHART, `${REPO}/charts/app`), text]));
  const modelOf = (readFolders: string[]) => {
    const model = chartModel(inRepo(chartFiles({ 'role.yaml': ROLE })));
    model.charts.setReadFolders(readFolders);
    return model;
  };

  it('judges the chart when the repository was read whole: its `charts/` holds top charts, not subcharts', () => {
    const found = rbac030(analyse(modelOf([REPO]), DEFAULT_SETTINGS).findings);
    assert.deepStrictEqual(found.map((f) => [f.file, f.severity]), [[`${REPO}/charts/app/templates/role.yaml`, 'error']]);
  });

  it('stays silent, and says why, when only the chart folder was read: its parent may be a chart not read', () => {
    for (const folders of [[`${REPO}/charts/app`], []]) {
      const model = modelOf(folders);
      assert.deepStrictEqual(rbac030(analyse(model, DEFAULT_SETTINGS).findings), [], folders.join());
      assert.match(chartReports(model)[0].definesNotJudged[0]?.reason ?? '', /subchart of \/w\/repo, whose Chart\.yaml is not in the workspace/);
    }
  });
});
