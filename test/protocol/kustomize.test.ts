import * as assert from 'assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import type { Hover } from 'vscode-languageserver-protocol';
import { startInMemory } from '../helpers/lsp-client';
import { positionOf } from '../helpers/text-position';
import { operatorTree } from '../helpers/kustomize-trees';
import { writeTree } from '../helpers/write-tree';

const SA = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: controller-manager\n  namespace: system\n';

describe('kustomize builds over LSP', () => {
  it('reports what a build cannot read at its entry and in the log, and hovers what the build makes of a name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-kustomize-'));
    mkdirSync(join(dir, 'base'));
    mkdirSync(join(dir, 'default'));
    writeFileSync(join(dir, 'base', 'kustomization.yaml'), 'resources:\n- sa.yaml\n');
    writeFileSync(join(dir, 'base', 'sa.yaml'), SA);
    const overlay = join(dir, 'default', 'kustomization.yaml');
    writeFileSync(overlay, 'namespace: op-system\nnamePrefix: op-\nresources:\n- ../base\n- https://github.com/example/app//config?ref=v1\n');
    const client = startInMemory();
    try {
      await client.initialize(dir);
      const diagnostics = await client.waitForDiagnostics(overlay, (d) => d.some((x) => x.code === 'RBAC033'));
      assert.deepStrictEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['RBAC033', 4]]);
      assert.ok(client.logs.some((line) => /^kustomize: default\/kustomization\.yaml: resources https:\/\/github\.com\/example/.test(line)), client.logs.join('\n'));
      const hover = (await client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: pathToFileURL(join(dir, 'base', 'sa.yaml')).toString() }, position: positionOf(SA, 'controller-manager'),
      })) as Hover;
      assert.match(JSON.stringify(hover.contents), /emits ServiceAccount `op-controller-manager` in namespace `op-system`/);
    } finally {
      await client.dispose();
    }
  });

  it('a workspace folder that is an overlay is built with its bases and components, read from outside the folder', async () => {
    const dir = writeTree('overlay-folder', operatorTree('- apiGroups: ["core"]\n  resources: [pods]\n  verbs: [get]\n'));
    const client = startInMemory();
    try {
      await client.initialize(join(dir, 'config/default'));
      const role = join(dir, 'config/components/rbac/role.yaml');
      const diagnostics = await client.waitForDiagnostics(role, (d) => d.some((x) => x.code === 'RBAC004'));
      assert.deepStrictEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['RBAC004', 5]]);
      const hover = (await client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: pathToFileURL(join(dir, 'config/components/rbac/service_account.yaml')).toString() }, position: { line: 3, character: 10 },
      })) as Hover;
      assert.match(JSON.stringify(hover.contents), /emits ServiceAccount `jobset-controller-manager` in namespace `jobset-system`/);
    } finally {
      await client.dispose();
    }
  });
});
