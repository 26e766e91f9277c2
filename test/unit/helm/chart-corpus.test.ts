import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join, resolve } from 'path';
import { analyse } from '../../../server/src/core/analysis';
import type { Finding } from '../../../server/src/core/checks/types';
import { chartReports } from '../../../server/src/core/helm/chart/chart-report';
import { WorkspaceModel } from '../../../server/src/core/model/workspace-model';
import { createWorkspaceModel } from '../../../server/src/core/workspace';
import { findYamlFiles } from '../../../server/src/node/find-yaml-files';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';

const ROOT = resolve(__dirname, '../../../../test/fixtures/helm-charts');

function readCharts(): Map<string, string> {
  return new Map(findYamlFiles([ROOT]).map((path) => [path, readFileSync(path, 'utf8')]));
}

function analyseFiles(files: Map<string, string>): { model: WorkspaceModel; findings: Finding[] } {
  const model = createWorkspaceModel();
  for (const [path, text] of files) model.setFile(path, text);
  return { model, findings: analyse(model, DEFAULT_SETTINGS).findings };
}

/** A mistake planted on one line of a chart: `from` becomes `to` on that line (1-based), and `code` must fire there. */
interface Plant { file: string; line: number; from: string; to: string; code: string; reportedAt?: number }

const PLANTS: Plant[] = [
  { file: 'cert-manager/templates/rbac.yaml', line: 17, from: '"update"', to: '"udpate"', code: 'RBAC001' },
  { file: 'cert-manager/templates/rbac.yaml', line: 67, from: '"secrets"', to: '"secret"', code: 'RBAC003' },
  { file: 'cert-manager/templates/rbac.yaml', line: 14, from: '"coordination.k8s.io"', to: '"coordination.k8s.io/v1"', code: 'RBAC004' },
  { file: 'cert-manager/templates/rbac.yaml', line: 40, from: ':leaderelection', to: ':leaderelektion', code: 'RBAC009' },
  { file: 'cert-manager/templates/cainjector-rbac.yaml', line: 16, from: '"watch"', to: '"wacth"', code: 'RBAC001' },
  { file: 'cert-manager/templates/cainjector-rbac.yaml', line: 72, from: '"leases"', to: '"lease"', code: 'RBAC003' },
  { file: 'cert-manager/templates/cainjector-rbac.yaml', line: 101, from: '{{ include "cert-manager.namespace" . }}', to: 'kube-system', code: 'RBAC013' },
  { file: 'ingress-nginx/templates/controller-role.yaml', line: 19, from: '- get', to: '- gte', code: 'RBAC001' },
  { file: 'ingress-nginx/templates/controller-role.yaml', line: 17, from: '- namespaces', to: '- nodes', code: 'RBAC005' },
  { file: 'ingress-nginx/templates/clusterrole.yaml', line: 30, from: '- list', to: '- lsit', code: 'RBAC001' },
  { file: 'ingress-nginx/templates/controller-rolebinding.yaml', line: 16, from: '{{ include "ingress-nginx.fullname" . }}', to: '{{ include "ingress-nginx.fullname" . }}-controller', code: 'RBAC009' },
  { file: 'kube-state-metrics/templates/role.yaml', line: 27, from: '"watch"', to: '"wacth"', code: 'RBAC001' },
  { file: 'kubernetes-dashboard/templates/rbac/api/role.yaml', line: 36, from: '"get"', to: '"GET"', code: 'RBAC001' },
  { file: 'kubernetes-dashboard/templates/rbac/web/rolebinding.yaml', line: 30, from: 'kind: ServiceAccount', to: 'kind: ServiceAcount', code: 'RBAC012' },
  { file: 'kyverno/templates/admission-controller/role.yaml', line: 16, from: '- get', to: '- gets', code: 'RBAC001' },
  { file: 'kyverno/templates/admission-controller/role.yaml', line: 37, from: '- leases', to: '- nodes', code: 'RBAC002' },
  { file: 'kyverno/templates/admission-controller/role.yaml', line: 13, from: '- secrets', to: '- nodes', code: 'RBAC005' },
  { file: 'local-path-provisioner/templates/role.yaml', line: 11, from: '"pods"', to: '"pod"', code: 'RBAC003' },
  { file: 'local-path-provisioner/templates/clusterrole.yaml', line: 13, from: '"persistentvolumeclaims"', to: '"persistentvolumeclaim"', code: 'RBAC003' },
  { file: 'local-path-provisioner/templates/rolebinding.yaml', line: 16, from: '{{ include "local-path-provisioner.namespace" . }}', to: 'kube-system', code: 'RBAC013' },
  { file: 'sealed-secrets/templates/role.yaml', line: 26, from: '- get', to: '- gt', code: 'RBAC001' },
  { file: 'external-dns/templates/clusterrole.yaml', line: 23, from: '[""]', to: '["apps"]', code: 'RBAC002', reportedAt: 24 /* at the resource the group does not serve */ },
  { file: 'external-dns/templates/clusterrole.yaml', line: 25, from: '"watch"', to: '"wacht"', code: 'RBAC001' },
  // Rules and subjects the templates print from values: found at the values file's line.
  { file: 'external-dns/values.yaml', line: 65, from: '[]', to: '[{apiGroups: [""], resources: [secret], verbs: [get]}]', code: 'RBAC003' },
  { file: 'kube-state-metrics/values.yaml', line: 115, from: '[]', to: '[{apiGroups: [""], resources: [nodes], verbs: [lsit]}]', code: 'RBAC001' },
  { file: 'sealed-secrets/values.yaml', line: 464, from: 'kind: Group', to: 'kind: Gruop', code: 'RBAC012' },
  // A helper name with a typo: Helm refuses to render the chart.
  // (In the Deployment: a define Helm cannot find leaves the object's namespace unknown, and such an object is not read.)
  { file: 'local-path-provisioner/templates/deployment.yaml', line: 5, from: 'provisioner.namespace', to: 'provisioner.namespcae', code: 'RBAC030' },
  { file: 'external-dns/templates/serviceaccount.yaml', line: 8, from: 'external-dns.labels', to: 'external-dns.label', code: 'RBAC030' },
];

function plant(files: Map<string, string>, p: Plant): Map<string, string> {
  const path = join(ROOT, p.file);
  const lines = files.get(path)!.split('\n');
  assert.ok(lines[p.line - 1].includes(p.from), `${p.file}:${p.line} should hold ${p.from}: ${lines[p.line - 1]}`);
  lines[p.line - 1] = lines[p.line - 1].replace(p.from, p.to);
  return new Map(files).set(path, lines.join('\n'));
}

const at = (findings: Finding[], file: string, line: number, code: string) =>
  findings.filter((f) => f.file === join(ROOT, file) && f.range.start.line === line - 1 && f.code === code);

describe('chart corpus: 8 real charts read from their templates', function () {
  this.timeout(60_000);
  const clean = readCharts();
  const { model, findings } = analyseFiles(clean);

  it('reports no error-level finding on the charts as published, and only the warnings defended here', () => {
    assert.deepStrictEqual(findings.filter((f) => f.severity === 'error'), []);
    // sealed-secrets binds its service-proxier Role to system:authenticated by default; its values.yaml
    // says so itself ("the default binding gives `system:authenticated` access, which is very broad").
    // The subject is written in values.yaml (`rbac.serviceProxier.subjects`, a literal block the
    // template prints with `tpl`): it is reported there, naming the template line that prints it.
    const warnings = findings.filter((f) => f.severity === 'warning');
    // The ingress-nginx copy leaves out templates/_params.tpl (SOURCES.md: RBAC templates, the workload and
    // the helpers copied): its Deployment includes "ingress-nginx.params", which no file here defines, and
    // Helm refuses to render the copy. A warning, not an error: no define is a near miss of that name.
    assert.deepStrictEqual(warnings.map((f) => `${f.file.slice(ROOT.length + 1)}:${f.range.start.line + 1} ${f.code}`),
      ['ingress-nginx/templates/controller-deployment.yaml:94 RBAC030', 'sealed-secrets/values.yaml:465 RBAC109']);
    assert.deepStrictEqual(warnings[1].related?.map((r) => `${r.location.file.slice(ROOT.length + 1)}:${r.location.range.start.line + 1}`), ['sealed-secrets/templates/role-binding.yaml:51']);
  });

  it('kyverno declares dependencies that are not here: its includes of defines no file read has are listed, not judged', () => {
    const kyverno = chartReports(model).find((r) => r.name === 'kyverno')!;
    assert.ok(kyverno.definesNotJudged.some((n) => n.file.endsWith('admission-controller/role.yaml') && n.what === 'include "kyverno.config.configMapName"'), JSON.stringify(kyverno.definesNotJudged));
    assert.ok(kyverno.definesNotJudged.every((n) => /its dependencies grafana, crds, kyverno-api, openreports, reports-server are not in the workspace/.test(n.reason)));
    assert.deepStrictEqual(findings.filter((f) => f.code === 'RBAC030' && f.file.includes('/kyverno/')), []);
  });

  it('analyses at least 90% of the RBAC objects each chart renders with its default values', () => {
    const reports = chartReports(model);
    assert.strictEqual(reports.length, 8);
    for (const report of reports) {
      const total = report.analysed + report.skipped.length;
      assert.ok(total > 0, `${report.name} renders RBAC objects`);
      assert.ok(report.analysed / total >= 0.9, `${report.name}: ${report.analysed} of ${total} analysed`);
    }
  });

  it(`finds each of the ${PLANTS.length} planted mistakes at its line, one chart copy at a time`, () => {
    assert.ok(PLANTS.length >= 20);
    const missed: string[] = [];
    for (const p of PLANTS) {
      assert.deepStrictEqual(at(findings, p.file, p.reportedAt ?? p.line, p.code), [], `${p.file}:${p.line} is clean before planting`);
      const chart = join(ROOT, p.file.split('/')[0]);
      const planted = analyseFiles(plant(new Map([...clean].filter(([path]) => path.startsWith(chart))), p)).findings;
      if (at(planted, p.file, p.reportedAt ?? p.line, p.code).length !== 1) missed.push(`${p.file}:${p.line} ${p.code}: got ${planted.filter((f) => f.file.endsWith(p.file)).map((f) => `${f.range.start.line + 1} ${f.code}`).join(', ')}`);
    }
    assert.deepStrictEqual(missed, []);
  });

  it('finds all planted mistakes at once as well', () => {
    let files = clean;
    for (const p of PLANTS) files = plant(files, p);
    const planted = analyseFiles(files).findings;
    const missed = PLANTS.filter((p) => at(planted, p.file, p.reportedAt ?? p.line, p.code).length !== 1).map((p) => `${p.file}:${p.line} ${p.code}`);
    assert.deepStrictEqual(missed, []);
  });
});
