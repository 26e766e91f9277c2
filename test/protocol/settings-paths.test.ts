import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startStdio, type TestClient } from '../helpers/lsp-client';
import { REPO } from '../helpers/run-cli';

// Rendered only with a values file that switches it on; its name comes from that file, so a diagnostic would show it.
const ROLE = `{{- if .Values.extra.enabled }}
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ .Values.extra.name }}
  namespace: shop
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get"]
{{- end }}
`;
const SECRET_VALUES = 'extra:\n  enabled: true\n  name: topsecretvalue\n';

function workspace(): { dir: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'rbac-doctor-settings-paths-'));
  const dir = join(base, 'workspace');
  const chart = join(dir, 'chart');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 0.1.0\n');
  writeFileSync(join(chart, 'values.yaml'), 'extra:\n  enabled: false\n');
  writeFileSync(join(chart, 'templates', 'role.yaml'), ROLE);
  mkdirSync(join(base, 'outside'));
  const outside = join(base, 'outside', 'secret.yaml');
  writeFileSync(outside, SECRET_VALUES);
  symlinkSync(outside, join(dir, 'link-to-secret.yaml'));
  execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
  return { dir, outside };
}

describe('settings that name files read only what manifests may read (stdio)', function () {
  this.timeout(60_000);
  let client: TestClient;
  let dir: string;
  let outside: string;
  const allDiagnosticText = () => JSON.stringify([...client.diagnostics.values()]);
  const valuesFiles = (files: string[]) => {
    client.configuration = { ...client.configuration, rbacDoctor: { helm: { valuesFiles: files } } };
    return client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  };

  before(async () => {
    ({ dir, outside } = workspace());
    client = startStdio(join(REPO, 'dist/server.js'));
    await client.initialize(dir);
    await client.waitFor(() => client.codeLensRefreshes >= 1, () => 'the workspace read');
  });
  after(() => client.dispose());

  it('a path outside the workspace (absolute, ../, a link leading out), a FIFO and /dev/zero: each refused with a reason, none read, the server answers', async () => {
    const named = [outside, '../outside/secret.yaml', 'link-to-secret.yaml', 'pipe.yaml', '/dev/zero'];
    await valuesFiles(named);
    const refused = () => client.logs.filter((l) => l.startsWith('rbacDoctor.helm.valuesFiles: not read'));
    await client.waitFor(() => refused().length >= named.length, () => `${named.length} refusals, got ${JSON.stringify(refused())}`);
    const reasons = refused().slice(-named.length);
    for (const [i, reason] of [/outside the workspace/, /outside the workspace/, /outside the workspace/, /a named pipe \(FIFO\)/, /outside the workspace/].entries()) {
      assert.match(reasons[i], reason, reasons[i]);
    }
    // The server is still answering (a FIFO would have stalled it for good).
    const answer = (await client.connection.sendRequest('rbacDoctor/canI', { user: 'alice', verb: 'get', resource: 'pods', namespace: 'shop' })) as { allowed: boolean };
    assert.strictEqual(answer.allowed, false);
    assert.doesNotMatch(allDiagnosticText(), /topsecretvalue/);
  });

  it('the same values inside the workspace are read, and then do reach a diagnostic (the gate is what kept them out)', async () => {
    writeFileSync(join(dir, 'inside-values.yaml'), SECRET_VALUES);
    await valuesFiles(['inside-values.yaml']);
    await client.waitFor(() => /topsecretvalue/.test(allDiagnosticText()), () => `a diagnostic naming the Role; got ${allDiagnosticText()}`);
  });
});
