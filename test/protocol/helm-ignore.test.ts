import * as assert from 'assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import { startInMemory, type TestClient } from '../helpers/lsp-client';

const DRAFT = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ include "shop.fullname" . }}-draft
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get", "lsit"]
`;

const event = (path: string, type: 1 | 2 | 3) => ({ uri: pathToFileURL(path).toString(), type });
const hasTypo = (d: { code?: unknown }[]) => d.some((x) => x.code === 'RBAC001');

/** A chart in `dir/chart` with a Role draft that has a typo verb, and the given `.helmignore` (none when undefined). */
function writeChart(dir: string, helmignore: string | undefined): { chart: string; draft: string; ignore: string } {
  const chart = join(dir, 'chart');
  mkdirSync(join(chart, 'templates', 'drafts'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 0.1.0\n');
  writeFileSync(join(chart, 'templates', '_helpers.tpl'), '{{- define "shop.fullname" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end -}}\n');
  const draft = join(chart, 'templates', 'drafts', 'role.yaml');
  writeFileSync(draft, DRAFT);
  const ignore = join(chart, '.helmignore');
  if (helmignore !== undefined) writeFileSync(ignore, helmignore);
  return { chart, draft, ignore };
}

describe('a chart\'s .helmignore over LSP', () => {
  let dir: string;
  let client: TestClient;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-helmignore-'));
    client = startInMemory();
  });
  afterEach(() => client.dispose());

  it('reads .helmignore from disk with the chart: the ignored template has only RBAC031 (not checked) and the log says why', async () => {
    const { draft } = writeChart(dir, 'drafts/\n');
    // A sibling chart without .helmignore keeps its findings: the wait below is for a fully read workspace.
    const other = writeChart(join(dir, 'other'), undefined);
    await client.initialize(dir);
    await client.waitForDiagnostics(other.draft, hasTypo);
    assert.deepStrictEqual((client.diagnostics.get(pathToFileURL(draft).toString()) ?? []).map((d) => [d.code, d.range.start.line]), [['RBAC031', 0]]);
    assert.ok(client.logs.some((l) => /^chart shop \(chart\): 0 of 0 RBAC objects analysed, 0 skipped; 1 file ignored by \.helmignore/.test(l)), client.logs.join('\n'));
    assert.ok(client.logs.includes('  ignored by .helmignore (Helm does not load it): chart/templates/drafts/role.yaml'), client.logs.join('\n'));
    const watchers = client.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles')
      .flatMap((r) => (r.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern));
    assert.ok(watchers.includes('**/.helmignore'), JSON.stringify(watchers));
  });

  it('an unsaved edit of .helmignore in the editor reads the chart\'s templates again', async () => {
    const { draft, ignore } = writeChart(dir, '# nothing ignored yet\n');
    await client.initialize(dir);
    await client.waitForDiagnostics(draft, hasTypo);
    await client.open(ignore, '# nothing ignored yet\n', 'ignore');
    await client.change(ignore, 2, '# nothing ignored yet\ndrafts/\n');
    await client.waitForDiagnostics(draft, (d) => !hasTypo(d));
    await client.change(ignore, 3, '# nothing ignored\n');
    await client.waitForDiagnostics(draft, hasTypo);
  });

  it('a .helmignore created, changed or deleted on disk (file events) reads the chart\'s templates again', async () => {
    const { draft, ignore } = writeChart(dir, undefined);
    await client.initialize(dir);
    await client.waitForDiagnostics(draft, hasTypo);
    writeFileSync(ignore, 'drafts/\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [event(ignore, 1)] });
    await client.waitForDiagnostics(draft, (d) => !hasTypo(d));
    writeFileSync(ignore, '*.md\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [event(ignore, 2)] });
    await client.waitForDiagnostics(draft, hasTypo);
    writeFileSync(ignore, 'role.yaml\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [event(ignore, 2)] });
    await client.waitForDiagnostics(draft, (d) => !hasTypo(d));
    rmSync(ignore);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [event(ignore, 3)] });
    await client.waitForDiagnostics(draft, hasTypo);
  });
});
