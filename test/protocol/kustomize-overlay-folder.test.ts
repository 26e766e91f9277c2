import * as assert from 'assert';
import { join } from 'path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { startStdio, type TestClient } from '../helpers/lsp-client';
import { REPO } from '../helpers/run-cli';
import { writeTree } from '../helpers/write-tree';

const RBAC = 'rbac.authorization.k8s.io';
const role = (kind: string, name: string) =>
  `apiVersion: ${RBAC}/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${kind === 'Role' ? '  namespace: shop\n' : ''}rules:\n- apiGroups: [""]\n  resources: [pods]\n  verbs: [get]\n`;

/** An overlay whose three patches (strategic merge file, JSON 6902 file, JSON 6902 inline) each add a rule in API group "core" to a base role. */
const TREE = {
  'base/kustomization.yaml': 'resources:\n- app.yaml\n- reader.yaml\n- writer.yaml\n',
  'base/app.yaml': role('Role', 'app'),
  'base/reader.yaml': role('ClusterRole', 'reader'),
  'base/writer.yaml': role('ClusterRole', 'writer'),
  'overlays/prod/kustomization.yaml': [
    'resources:', '- ../../base', 'patches:', '- path: app-patch.yaml', '- path: reader-patch.yaml', '  target: {kind: ClusterRole, name: reader}',
    '- target: {kind: ClusterRole, name: writer}', '  patch: |-', '    - op: add', '      path: /rules/-', '      value: {apiGroups: ["core"], resources: [pods], verbs: [list]}', '',
  ].join('\n'),
  'overlays/prod/app-patch.yaml': `apiVersion: ${RBAC}/v1\nkind: Role\nmetadata:\n  name: app\n  namespace: shop\nrules:\n- apiGroups: ["core"]\n  resources: [pods]\n  verbs: [get, list]\n`,
  'overlays/prod/reader-patch.yaml': '- op: add\n  path: /rules/-\n  value:\n    apiGroups: ["core"]\n    resources: [pods]\n    verbs: [list]\n',
};

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle));
const coreFindings = (d: Diagnostic[]) => d.filter((x) => x.code === 'RBAC004').map((x) => x.range.start.line);

/**
 * The bundled server over stdio, with a workspace folder that is an overlay alone: its base is read from
 * outside the folder, and what each patch adds is reported at the patch's own line; a keystroke in a
 * patch that fixes it clears it.
 */
describe('an overlay folder opened alone, over LSP stdio', function () {
  this.timeout(90_000);
  let client: TestClient;
  afterEach(() => client?.dispose());

  it('reports what each patch form adds at the patch line, and a fix typed in the patch clears it', async () => {
    const dir = writeTree('overlay-patches', TREE);
    const overlay = join(dir, 'overlays/prod');
    client = startStdio(join(REPO, 'dist/server.js'));
    await client.initialize(overlay);
    const kustomization = join(overlay, 'kustomization.yaml');
    const appPatch = join(overlay, 'app-patch.yaml');
    const readerPatch = join(overlay, 'reader-patch.yaml');
    const expect = async (file: string, text: string) => {
      const diagnostics = await client.waitForDiagnostics(file, (d) => coreFindings(d).length > 0, 30_000);
      assert.deepStrictEqual(coreFindings(diagnostics), [lineOf(text, '"core"')], `${file}: ${JSON.stringify(diagnostics)}`);
    };
    await expect(appPatch, TREE['overlays/prod/app-patch.yaml']);
    await expect(readerPatch, TREE['overlays/prod/reader-patch.yaml']);
    await expect(kustomization, TREE['overlays/prod/kustomization.yaml']);

    const fixed = TREE['overlays/prod/app-patch.yaml'].replace('"core"', '""');
    await client.open(appPatch, TREE['overlays/prod/app-patch.yaml']);
    await client.change(appPatch, 2, fixed);
    const after = await client.waitForDiagnostics(appPatch, (d) => coreFindings(d).length === 0, 30_000);
    assert.deepStrictEqual(coreFindings(after), []);
    // The other patches are still judged.
    await expect(readerPatch, TREE['overlays/prod/reader-patch.yaml']);
  });
});
