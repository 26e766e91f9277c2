import * as assert from 'assert';
import { isMap } from 'yaml';
import { analyse } from '../../../server/src/core/analysis';
import { treeHeld } from '../../../server/src/core/model/syntax-trees';
import type { WorkloadObject } from '../../../server/src/core/model/types';
import { createWorkspaceModel } from '../../../server/src/core/workspace';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';

const RBAC = 'rbac.authorization.k8s.io';
const roleText = `apiVersion: ${RBAC}/v1\nkind: Role\nmetadata:\n  name: reader\n  namespace: team\nrules:\n  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["get", "lsit"]\n`;
const listText = [
  'apiVersion: v1',
  'kind: List',
  'items:',
  '  - apiVersion: apps/v1',
  '    kind: Deployment',
  '    metadata: { name: one, namespace: team }',
  '    spec:',
  '      template:',
  '        spec:',
  '          serviceAccountName: ghost',
  '          containers: [{ name: app, image: app:1 }]',
  '  - apiVersion: v1',
  '    kind: ServiceAccount',
  '    metadata: { name: reader, namespace: team }',
  '',
].join('\n');

const ranges = (model: ReturnType<typeof createWorkspaceModel>) =>
  model.allFiles().flatMap((file) => file.documents.flatMap((doc) => doc.objects.map((object) => JSON.stringify([
    object.kind, object.node.range, (object as WorkloadObject).podSpecNode?.range ?? null,
  ]))));

describe('parsed trees of files not open are released and parsed again on use', () => {
  it('reads the same nodes, positions and findings after a release', () => {
    const model = createWorkspaceModel();
    model.setFile('/w/role.yaml', `${roleText}---\n${listText}`);
    model.setFile('/w/open.yaml', roleText.replace('reader', 'writer'));
    const before = ranges(model);
    const findings = JSON.stringify(analyse(model, DEFAULT_SETTINGS).findings);
    const held = model.getFile('/w/role.yaml')!.documents.map((doc) => doc.yaml);
    model.releaseSyntaxTrees((path) => path === '/w/open.yaml');
    for (const doc of model.getFile('/w/role.yaml')!.documents) assert.strictEqual(treeHeld(doc), false);
    for (const doc of model.getFile('/w/open.yaml')!.documents) assert.strictEqual(treeHeld(doc), true, 'an open file keeps its trees');
    assert.deepStrictEqual(ranges(model), before);
    const again = model.getFile('/w/role.yaml')!.documents;
    assert.ok(again.every((doc, i) => doc.yaml !== held[i] && isMap(doc.yaml!.contents)), 'parsed again, not kept');
    // A fresh model of the same texts finds the same.
    const fresh = createWorkspaceModel();
    fresh.setFile('/w/role.yaml', `${roleText}---\n${listText}`);
    fresh.setFile('/w/open.yaml', roleText.replace('reader', 'writer'));
    assert.strictEqual(JSON.stringify(analyse(fresh, DEFAULT_SETTINGS).findings), findings);
  });

  it('keeps what was parsed again until the next release, then releases it', () => {
    const model = createWorkspaceModel();
    model.setFile('/w/role.yaml', roleText);
    model.releaseSyntaxTrees(() => false);
    const [doc] = model.getFile('/w/role.yaml')!.documents;
    const tree = doc.yaml;
    assert.strictEqual(doc.yaml, tree, 'parsed once, then held');
    assert.strictEqual(treeHeld(doc), true);
    model.releaseSyntaxTrees(() => false);
    assert.strictEqual(treeHeld(doc), false);
  });

  it('leaves the trees of objects a kustomize build rewrites', () => {
    const model = createWorkspaceModel();
    model.setFile('/k/kustomization.yaml', 'namespace: built\nresources:\n- role.yaml\n');
    model.setFile('/k/role.yaml', roleText);
    void model.index;
    model.releaseSyntaxTrees(() => false);
    for (const doc of model.getFile('/k/role.yaml')!.documents) assert.strictEqual(treeHeld(doc), true);
  });

  it('an edit after a release re-reads only the edited document, and positions follow the new text', () => {
    const model = createWorkspaceModel();
    model.setFile('/w/role.yaml', `${roleText}---\n${roleText.replace('reader', 'other')}`);
    model.releaseSyntaxTrees(() => false);
    model.setFile('/w/role.yaml', `# a comment\n${roleText}---\n${roleText.replace('reader', 'other')}`);
    const fresh = createWorkspaceModel();
    fresh.setFile('/w/role.yaml', `# a comment\n${roleText}---\n${roleText.replace('reader', 'other')}`);
    assert.deepStrictEqual(ranges(model), ranges(fresh));
    assert.strictEqual(JSON.stringify(analyse(model, DEFAULT_SETTINGS).findings), JSON.stringify(analyse(fresh, DEFAULT_SETTINGS).findings));
  });
});
