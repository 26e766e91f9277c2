import * as assert from 'assert';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { rbacDoctor, REPO } from '../helpers/run-cli';
import { positionOf } from '../helpers/text-position';

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

  describe('rules and subjects printed from values are told at the values file', () => {
    const SEALED = 'test/fixtures/helm-charts/sealed-secrets';
    const written = positionOf(readFileSync(join(REPO, SEALED, 'values.yaml'), 'utf8'), 'name: system:authenticated');
    const subject = { line: written.line, character: written.character + 'name: '.length };

    it('text: values.yaml:LINE:COLUMN, naming the template line that prints it', () => {
      const { stdout } = rbacDoctor(['check', SEALED, '--min-severity', 'warning']);
      assert.match(stdout, new RegExp(`^${SEALED}/values\\.yaml:${subject.line + 1}:${subject.character + 1} warning RBAC109 .*printed by templates/role-binding\\.yaml:51\\)$`, 'm'));
    });

    it('JSON and SARIF: the same position in values.yaml', () => {
      const json = JSON.parse(rbacDoctor(['check', SEALED, '--min-severity', 'warning', '--format', 'json']).stdout) as { findings: { code: string; file: string; range: { start: unknown } }[] };
      assert.deepStrictEqual(json.findings.map((f) => [f.code, f.file, f.range.start]), [['RBAC109', join(REPO, SEALED, 'values.yaml'), subject]]);
      const sarif = JSON.parse(rbacDoctor(['check', SEALED, '--min-severity', 'warning', '--format', 'sarif']).stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[] };
      assert.deepStrictEqual(sarif.runs[0].results.map((r) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine, r.locations[0].physicalLocation.region.startColumn]),
        [['RBAC109', `${SEALED}/values.yaml`, subject.line + 1, subject.character + 1]]);
    });

    it('a --values file that sets the list: the finding and its fix are in that file', () => {
      const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-values-'));
      const values = join(dir, 'prod.yaml');
      const text = 'rbac:\n  serviceProxier:\n    subjects:\n      - kind: Group\n        apiGroup: rbac.authorization.k8s.io\n        name: system:unauthenticated\n';
      writeFileSync(values, text);
      const json = JSON.parse(rbacDoctor(['check', SEALED, '--values', values, '--min-severity', 'warning', '--format', 'json']).stdout) as { findings: { code: string; file: string; range: { start: unknown } }[] };
      assert.deepStrictEqual(json.findings.map((f) => [f.code, f.file, f.range.start]), [['RBAC109', values, positionOf(text, 'system:unauthenticated')]]);
    });
  });

  it('RBAC030 at the misspelt helper name; a packaged subchart in charts/ makes it not judged, and the report says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-define-'));
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'templates', '_helpers.tpl'), '{{- define "shop.fullname" -}}{{ .Release.Name }}-shop{{- end -}}\n');
    const role = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: shop\n  labels:\n    app: {{ include "shop.fulname" . }}\n';
    writeFileSync(join(dir, 'templates', 'sa.yaml'), role);
    const at = positionOf(role, '"shop.fulname"');
    const judged = rbacDoctor(['check', dir]);
    assert.strictEqual(judged.code, 1, judged.stdout);
    assert.match(judged.stdout, new RegExp(`sa\\.yaml:${at.line + 1}:${at.character + 1} error RBAC030 include of "shop\\.fulname".*Did you mean "shop\\.fullname"\\?`));
    mkdirSync(join(dir, 'charts'));
    writeFileSync(join(dir, 'charts', 'common-2.0.0.tgz'), 'not read');
    const unknown = rbacDoctor(['check', dir]);
    assert.doesNotMatch(unknown.stdout, /RBAC030/);
    assert.match(unknown.stdout, /not judged: include "shop\.fulname" at .*sa\.yaml:6: .*its packaged subcharts common-2\.0\.0\.tgz are not read/);
  });

  it('a chart whose only object is skipped for a misspelt helper is not "no manifests": the RBAC030 error decides the exit code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-define-'));
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'templates', '_helpers.tpl'), '{{- define "shop.fullname" -}}{{ .Release.Name }}-shop{{- end -}}\n');
    writeFileSync(join(dir, 'templates', 'sa.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ include "shop.fulname" . }}\n');
    const result = rbacDoctor(['check', dir]);
    assert.match(result.stdout, /error RBAC030 include of "shop\.fulname"/);
    assert.doesNotMatch(result.stderr, /No Kubernetes manifests found/);
    assert.strictEqual(result.code, 1, result.stderr);
  });
  it('a chart whose every object is skipped for an unknown value says that, not "no manifests", and exits 2 (nothing was checked)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-skipped-'));
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'templates', 'sa.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ lookup "v1" "ConfigMap" "ops" "names" }}\n');
    const result = rbacDoctor(['check', dir]);
    assert.match(result.stdout, /^chart shop .*: 0 of 1 RBAC objects analysed, 1 skipped/m);
    assert.strictEqual(result.stderr, `Nothing analysed in ${dir}: its charts render no RBAC object that could be read (see the chart report)\n`);
    assert.strictEqual(result.code, 2);
  });
});
