import * as assert from 'assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { analyse } from '../../../server/src/core/analysis';
import type { Finding } from '../../../server/src/core/checks/types';
import { chartReports, describeChartReport } from '../../../server/src/core/helm/chart/chart-report';
import type { WorkspaceModel } from '../../../server/src/core/model/workspace-model';
import { findYamlFiles } from '../../../server/src/node/find-yaml-files';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';
import { CHART, chartFiles, chartModel, codesAt, HELPER_ROLE_BINDING_HEAD } from './chart-harness';

const ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ include "app.fullname" . }}
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get", "lsit"]
`;
const DRAFT = `${CHART}/templates/draft-role.yaml`;
const IGNORE = `${CHART}/.helmignore`;
const HELPERS = `${CHART}/templates/_helpers.tpl`;

const findings = (model: WorkspaceModel): Finding[] => analyse(model, DEFAULT_SETTINGS).findings;
/** The typo verb planted in the templates (other checks, like an unbound role, are not the point here). */
const typos = (found: Finding[], file: string) => codesAt(found.filter((f) => f.code === 'RBAC001'), file);
const reportOf = (model: WorkspaceModel) => chartReports(model).find((r) => r.dir === CHART)!;

describe('a chart\'s .helmignore decides which of its files are read', () => {
  it('a template it ignores is never rendered: no finding, and the report counts it', () => {
    const files = chartFiles({ 'draft-role.yaml': ROLE });
    assert.deepStrictEqual(typos(findings(chartModel(files)), DRAFT), [{ code: 'RBAC001', line: 7 }], 'read without .helmignore');
    const model = chartModel({ ...files, [IGNORE]: '# drafts\ndraft-*.yaml\n' });
    assert.deepStrictEqual(typos(findings(model), DRAFT), []);
    assert.strictEqual(model.index.roles.length, 0);
    const report = reportOf(model);
    assert.deepStrictEqual(report.ignored, [DRAFT]);
    const lines = describeChartReport(report, (p) => p.slice(CHART.length + 1));
    assert.match(lines[0], /; 1 file ignored by \.helmignore/);
    assert.ok(lines.includes('  ignored by .helmignore (Helm does not load it): templates/draft-role.yaml'), lines.join('\n'));
  });

  it('a folder rule leaves out what is under it; other templates are read as before', () => {
    const files = { ...chartFiles({ 'drafts/role.yaml': ROLE, 'role.yaml': ROLE }), [IGNORE]: 'drafts/\n' };
    const found = findings(chartModel(files));
    assert.deepStrictEqual(typos(found, `${CHART}/templates/drafts/role.yaml`), []);
    assert.deepStrictEqual(typos(found, `${CHART}/templates/role.yaml`), [{ code: 'RBAC001', line: 7 }]);
  });

  it('a gitignore-style negation leaves out Chart.yaml and every template (Helm cannot load the chart): said, not checked', () => {
    const model = chartModel({ ...chartFiles({ 'draft-role.yaml': ROLE }), [IGNORE]: '*.md\n!README.md\n' });
    assert.deepStrictEqual(typos(findings(model), DRAFT), []);
    const report = reportOf(model);
    assert.deepStrictEqual(report.ignored, [`${CHART}/templates/_helpers.tpl`, DRAFT, `${CHART}/values.yaml`]);
    assert.ok(report.problems.some((p) => /leaves out Chart\.yaml: Helm cannot load the chart/.test(p.reason)), JSON.stringify(report.problems));
  });

  it('a line Helm refuses is a problem in the report', () => {
    const report = reportOf(chartModel({ ...chartFiles({}), [IGNORE]: 'templates/**/x.yaml\n' }));
    assert.deepStrictEqual(report.problems.map((p) => p.reason), ['.helmignore line 1: `templates/**/x.yaml`: double-star (**) syntax is not supported; Helm refuses to load the chart']);
  });

  it('an ignored helper defines nothing: its includes are unknown (the role is skipped) and listed as not judged, not RBAC030', () => {
    const files = { ...chartFiles({ 'role.yaml': ROLE.replace('lsit', 'list') }), [IGNORE]: '_helpers.tpl\n' };
    const model = chartModel(files);
    const found = findings(model);
    assert.deepStrictEqual(found.filter((f) => f.code === 'RBAC030'), []);
    assert.strictEqual(model.index.roles.length, 0, 'a name built by an ignored helper is unknown');
    const report = reportOf(model);
    assert.deepStrictEqual(report.skipped.length, 1);
    assert.deepStrictEqual(report.definesNotJudged.map((d) => [d.what, d.reason]), [['include "app.fullname"', 'its define is in templates/_helpers.tpl, which .helmignore leaves out (Helm would not load it)']]);
    const read = chartModel({ ...files, [IGNORE]: '' });
    assert.deepStrictEqual(read.index.roles.map((r) => r.name), ['release-app'], 'read when not ignored');
  });

  it('with the helper ignored, a define that no file has is still RBAC030', () => {
    const files = { ...chartFiles({ 'role.yaml': ROLE.replace('lsit', 'list'), 'binding.yaml': `${HELPER_ROLE_BINDING_HEAD.replace('name: {{ include "app.fullname" . }}\n  namespace', 'name: {{ include "app.nothere" . }}\n  namespace')}  - kind: ServiceAccount\n    name: x\n` }), [IGNORE]: '_helpers.tpl\n' };
    const found = findings(chartModel(files)).filter((f) => f.code === 'RBAC030');
    assert.deepStrictEqual(found.map((f) => [f.file, f.message.includes('"app.nothere"')]), [[`${CHART}/templates/binding.yaml`, true]]);
  });

  it('an ignored values.yaml gives no values', () => {
    const template = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ .Values.name | default "fallback" }}\n';
    const files = chartFiles({ 'sa.yaml': template }, 'name: from-values\n');
    assert.deepStrictEqual(chartModel(files).index.serviceAccounts.map((s) => s.name), ['from-values']);
    assert.deepStrictEqual(chartModel({ ...files, [IGNORE]: '/values.yaml\n' }).index.serviceAccounts.map((s) => s.name), ['fallback']);
  });

  it('a subchart\'s files are decided by the parent\'s .helmignore, as Helm loads them with it', () => {
    const sub = `${CHART}/charts/lib`;
    const files = {
      ...chartFiles({}),
      [`${CHART}/Chart.yaml`]: 'apiVersion: v2\nname: app\nversion: 1.2.3\ndependencies:\n  - name: lib\n    version: 1.0.0\n',
      [`${sub}/Chart.yaml`]: 'apiVersion: v2\nname: lib\nversion: 1.0.0\n',
      [`${sub}/templates/role.yaml`]: ROLE.replace('{{ include "app.fullname" . }}', 'lib'),
    };
    assert.deepStrictEqual(typos(findings(chartModel(files)), `${sub}/templates/role.yaml`), [{ code: 'RBAC001', line: 7 }]);
    const model = chartModel({ ...files, [IGNORE]: 'charts/lib/templates/role.yaml\n' });
    assert.deepStrictEqual(typos(findings(model), `${sub}/templates/role.yaml`), []);
    assert.deepStrictEqual(chartReports(model).find((r) => r.dir === sub)!.ignored, [`${sub}/templates/role.yaml`]);
    // Without the parent's Chart.yaml the subchart is a chart of its own, loaded without that file.
    model.removeFile(`${CHART}/Chart.yaml`);
    assert.deepStrictEqual(typos(findings(model), `${sub}/templates/role.yaml`), [{ code: 'RBAC001', line: 7 }]);
    model.setFile(`${CHART}/Chart.yaml`, files[`${CHART}/Chart.yaml`]);
    assert.deepStrictEqual(typos(findings(model), `${sub}/templates/role.yaml`), []);
    // The subchart's own .helmignore is not read when Helm loads it with its parent.
    const own = chartModel({ ...files, [`${sub}/.helmignore`]: 'templates/role.yaml\n**\n' });
    assert.deepStrictEqual(typos(findings(own), `${sub}/templates/role.yaml`), [{ code: 'RBAC001', line: 7 }]);
    assert.deepStrictEqual(chartReports(own).flatMap((r) => r.problems), []);
    const noChart = chartReports(chartModel({ ...files, [IGNORE]: 'charts/*/Chart.yaml\n' })).find((r) => r.dir === sub)!;
    assert.deepStrictEqual(noChart.problems.map((p) => p.reason), ['the parent chart\'s .helmignore leaves out charts/lib/Chart.yaml: Helm cannot load the chart']);
  });

  it('an edit to .helmignore reads the chart\'s templates and helpers again, whichever file came first', () => {
    for (const order of ['chart-first', 'templates-first'] as const) {
      const model = chartModel({ ...chartFiles({ 'draft-role.yaml': ROLE }), [IGNORE]: 'draft-role.yaml\n' }, undefined, order);
      assert.deepStrictEqual(typos(findings(model), DRAFT), [], order);
      model.setFile(IGNORE, '# nothing ignored\n');
      assert.deepStrictEqual(typos(findings(model), DRAFT), [{ code: 'RBAC001', line: 7 }], order);
      model.setFile(IGNORE, '_helpers.tpl\n');
      assert.strictEqual(model.index.roles.length, 0, `${order}: helper left out`);
      model.removeFile(IGNORE);
      assert.deepStrictEqual(model.index.roles.map((r) => r.name), ['release-app'], `${order}: .helmignore deleted`);
      assert.deepStrictEqual(reportOf(model).ignored, []);
    }
  });

  it('a .helmignore is not a manifest: nothing of it is read as YAML', () => {
    const model = chartModel({ ...chartFiles({}), [IGNORE]: 'kind: Role\n!x\n' });
    assert.deepStrictEqual(model.getFile(IGNORE)!.documents, []);
    assert.ok(model.hasFile(HELPERS));
  });
});

describe('finding a chart\'s .helmignore on disk', () => {
  it('is listed next to a Chart.yaml only, and follows the exclude patterns', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-find-helmignore-'));
    for (const folder of ['chart', 'plain', 'vendor/chart']) {
      mkdirSync(join(dir, folder), { recursive: true });
      writeFileSync(join(dir, folder, '.helmignore'), 'drafts/\n');
    }
    writeFileSync(join(dir, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: a\nversion: 1.0.0\n');
    writeFileSync(join(dir, 'vendor', 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: b\nversion: 1.0.0\n');
    const found = findYamlFiles([dir], ['**/vendor/chart/.helmignore']).map((p) => p.slice(dir.length + 1));
    assert.deepStrictEqual(found, ['chart/.helmignore', 'chart/Chart.yaml', 'vendor/chart/Chart.yaml']);
  });
});
