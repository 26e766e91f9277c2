import * as assert from 'assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import type { Hover } from 'vscode-languageserver-protocol';
import { startInMemory, type TestClient } from '../helpers/lsp-client';
import { lineOf, positionOf } from '../helpers/text-position';

const ROLE = `{{- if .Values.rbac.create }}
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ include "shop.fullname" . }}
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get", "lsit"]
{{- end }}
`;
const PLAIN = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules:\n  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["wacth"]\n';

/** A chart written into `dir/charts/shop` in one go, as an unzip or `cp -r` would. */
function writeChart(dir: string): string {
  const chart = join(dir, 'charts', 'shop');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 0.1.0\n');
  writeFileSync(join(chart, 'values.yaml'), 'rbac:\n  create: true\n');
  writeFileSync(join(chart, 'templates', '_helpers.tpl'), '{{- define "shop.fullname" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end -}}\n');
  writeFileSync(join(chart, 'templates', 'role.yaml'), ROLE);
  return chart;
}

const event = (path: string, type: 1 | 2 | 3) => ({ uri: pathToFileURL(path).toString(), type });

describe('folders created or deleted while the server runs', () => {
  let dir: string;
  let client: TestClient;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-folders-'));
    writeFileSync(join(dir, 'app.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  namespace: shop\n');
    client = startInMemory();
    await client.initialize(dir);
    await client.waitFor(() => client.logs.some((l) => /^indexed \d+ YAML files/.test(l)), () => 'the first reading of the workspace');
  });
  afterEach(() => client.dispose());

  it('asks the editor to report folders created and deleted, not only manifests', () => {
    const watchers = client.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles')
      .flatMap((r) => (r.registerOptions as { watchers: { globPattern: string; kind?: number }[] }).watchers);
    // WatchKind: Create = 1, Delete = 4.
    assert.deepStrictEqual(watchers.filter((w) => w.globPattern === '**/*'), [{ globPattern: '**/*', kind: 1 | 4 }]);
  });

  it('a chart folder reported as created, without its files, is read in full: the template gets its diagnostics', async () => {
    const chart = writeChart(dir);
    // What an inotify-based watcher reports when the files land before it watches the new folder.
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [event(join(dir, 'charts'), 1)] });
    const diagnostics = await client.waitForDiagnostics(join(chart, 'templates', 'role.yaml'), (d) => d.some((x) => x.code === 'RBAC001'));
    assert.deepStrictEqual(diagnostics.filter((d) => d.code === 'RBAC001').map((d) => d.range.start.line), [lineOf(ROLE, 'lsit')]);
  });

  it('a folder reported as deleted, without its files, takes its manifests and their diagnostics with it', async () => {
    const chart = writeChart(dir);
    mkdirSync(join(dir, 'plain'));
    writeFileSync(join(dir, 'plain', 'reader.yaml'), PLAIN);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [event(join(dir, 'charts'), 1), event(join(dir, 'plain'), 1)] });
    const role = join(chart, 'templates', 'role.yaml');
    const reader = join(dir, 'plain', 'reader.yaml');
    await client.waitForDiagnostics(role, (d) => d.length > 0);
    await client.waitForDiagnostics(reader, (d) => d.length > 0);
    rmSync(join(dir, 'charts'), { recursive: true });
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [event(join(dir, 'charts'), 3)] });
    await client.waitForDiagnostics(role, (d) => d.length === 0);
    assert.ok(client.diagnostics.get(pathToFileURL(reader).toString())!.length > 0, 'a folder next to the deleted one keeps its diagnostics');
  });

  it('a folder deleted and written again within one batch of events keeps what is back on disk', async () => {
    const chart = writeChart(dir);
    const role = join(chart, 'templates', 'role.yaml');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [event(join(dir, 'charts'), 1)] });
    await client.waitForDiagnostics(role, (d) => d.some((x) => x.code === 'RBAC001'));
    // `git checkout` of another branch: the folder goes and comes back within one batch of events.
    rmSync(join(dir, 'charts'), { recursive: true });
    writeChart(dir);
    const before = client.logs.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [event(join(dir, 'charts'), 3), ...['Chart.yaml', 'values.yaml', 'templates/_helpers.tpl', 'templates/role.yaml'].map((f) => event(join(chart, f), 1))],
    });
    const marker = join(dir, 'marker.yaml');
    writeFileSync(marker, PLAIN);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [event(marker, 1)] });
    await client.waitForDiagnostics(marker, (d) => d.length > 0);
    assert.ok(client.diagnostics.get(pathToFileURL(role).toString())!.some((x) => x.code === 'RBAC001'), 'the chart is still read');
    assert.deepStrictEqual(client.logs.slice(before).filter((l) => /skipped|cannot/.test(l)), []);
  });

  it('a chart template opened while the server knows nothing else of its chart: the chart\'s files are read from disk', async () => {
    // No file event at all: the watcher missed the new folder, or has not reported it yet.
    const chart = writeChart(dir);
    const role = join(chart, 'templates', 'role.yaml');
    await client.open(role, ROLE, 'helm');
    const diagnostics = await client.waitForDiagnostics(role, (d) => d.some((x) => x.code === 'RBAC001'));
    assert.deepStrictEqual(diagnostics.filter((d) => d.code === 'RBAC001').map((d) => d.range.start.line), [lineOf(ROLE, 'lsit')]);
  });

  it('an opened chart file keeps the editor\'s text while the rest of its chart is read from disk', async () => {
    const chart = writeChart(dir);
    const role = join(chart, 'templates', 'role.yaml');
    // Unsaved in the editor: the chart is renamed there, not on disk.
    await client.open(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: store\nversion: 0.1.0\n');
    await client.waitForDiagnostics(role, (d) => d.some((x) => x.code === 'RBAC001'));
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: pathToFileURL(role).toString() }, position: positionOf(ROLE, 'include'),
    })) as Hover;
    assert.match(JSON.stringify(hover.contents), /evaluates to `release-store`/);
  });

  it('a created file that is not a folder, and a folder linked from outside the workspace, add nothing', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'rbac-doctor-outside-'));
    writeFileSync(join(outside, 'reader.yaml'), PLAIN);
    symlinkSync(outside, join(dir, 'linked'));
    writeFileSync(join(dir, 'notes.txt'), 'not a manifest\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [event(join(dir, 'linked'), 1), event(join(dir, 'notes.txt'), 1)] });
    await client.waitFor(() => client.logs.some((l) => l.includes('outside the workspace')), () => 'the skipped link to be logged');
    assert.strictEqual(client.diagnostics.get(pathToFileURL(join(dir, 'linked', 'reader.yaml')).toString()), undefined);
  });
});
