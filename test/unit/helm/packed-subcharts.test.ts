import * as assert from 'assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { createSync } from 'tar';
import { chartReports } from '../../../server/src/core/helm/chart/chart-report';
import { unpackChartArchive } from '../../../server/src/core/helm/chart/chart-archive';
import { loadWorkspace } from '../../../server/src/node/load-workspace';

function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** `tar czf <out> <folder>` as `helm package` makes it: one top folder named after the chart. */
function pack(cwd: string, folder: string, out: string): void {
  mkdirSync(dirname(out), { recursive: true });
  createSync({ file: out, gzip: true, cwd, portable: true }, [folder]);
}

const ROLE = (name: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: ${name}\nrules:\n  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["get"]\n`;

/** A parent chart whose dependency `lib` is packed, with a packed chart `inner` inside it (as `helm dependency build` leaves them). */
function packedChart(): string {
  const work = mkdtempSync(join(tmpdir(), 'rbac-doctor-packed-'));
  writeTree(join(work, 'src'), {
    'inner/Chart.yaml': 'apiVersion: v2\nname: inner\nversion: 0.1.0\n',
    'inner/templates/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ .Release.Name }}-inner\n',
    'lib/Chart.yaml': 'apiVersion: v2\nname: lib\nversion: 1.0.0\ndependencies:\n  - name: inner\n    version: 0.1.0\n',
    'lib/values.yaml': 'suffix: "--reader--"\n',
    'lib/templates/_names.tpl': '{{- define "lib.fullname" -}}{{ printf "%s-%s" .Release.Name (regexReplaceAll "-+$" .Values.suffix "") | trunc 63 }}{{- end -}}\n',
    'lib/templates/role.yaml': ROLE('{{ include "lib.fullname" . }}'),
  });
  pack(join(work, 'src'), 'inner', join(work, 'src/lib/charts/inner-0.1.0.tgz'));
  const chart = join(work, 'shop');
  writeTree(chart, {
    'Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.0.0\ndependencies:\n  - name: lib\n    version: 1.0.0\n',
    'values.yaml': 'lib:\n  suffix: "-writer"\n',
    'templates/role.yaml': ROLE('{{ .Release.Name }}-shop'),
  });
  pack(join(work, 'src'), 'lib', join(chart, 'charts/lib-1.0.0.tgz'));
  return chart;
}

describe('packed subcharts (charts/*.tgz) are read as Helm loads them', () => {
  it('reads a packed dependency and the packed chart inside it, with the parent\'s values and regular expressions', () => {
    const chart = packedChart();
    const model = loadWorkspace([chart]);
    const roles = model.index.roles.map((r) => `${r.kind}/${r.name}`).sort();
    assert.deepStrictEqual(roles, ['Role/release--writer', 'Role/release-shop']);
    assert.deepStrictEqual(model.index.serviceAccounts.map((s) => s.name), ['release-inner']);
    const packedRole = model.index.roles.find((r) => r.name === 'release--writer')!;
    assert.strictEqual(packedRole.doc.file, join(chart, 'charts/lib-1.0.0.tgz/templates/role.yaml'));
    const report = chartReports(model).find((r) => r.dir === chart)!;
    assert.ok(report, 'the parent chart is reported');
    assert.deepStrictEqual(report.packed, ['lib-1.0.0.tgz']);
  });

  it('refuses an archive past its limits with a reason, never a crash', () => {
    const chart = packedChart();
    const reading = unpackChartArchive(new Uint8Array([0x1f, 0x8b, 1, 2, 3]), join(chart, 'charts/broken-1.0.0.tgz'));
    assert.deepStrictEqual(reading.files, []);
    assert.match(reading.problems[0], /not a chart archive Helm can load/);
    const capped = unpackChartArchive(new Uint8Array(64), 'x.tgz', { maxArchiveBytes: 10, maxFileBytes: 1, maxEntries: 1, maxTotalBytes: 1, maxDepth: 0 });
    assert.match(capped.problems[0], /larger than/);
  });
});
