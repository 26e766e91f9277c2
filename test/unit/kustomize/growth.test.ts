import * as assert from 'assert';
import { createWorkspaceModel } from '../../../server/src/core/workspace';
import { describeGrowth, growthRatio, LINEAR_GROWTH_LIMIT } from '../../helpers/growth';

const RBAC = 'rbac.authorization.k8s.io';

/** One base with `size` ServiceAccounts, each bound by name, under an overlay that moves and renames them all. */
function workspace(size: number): [string, string][] {
  const objects: string[] = [];
  for (let i = 0; i < size; i++) {
    objects.push(`apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa-${i}, namespace: system}\n`);
    objects.push(`apiVersion: ${RBAC}/v1\nkind: RoleBinding\nmetadata: {name: rb-${i}, namespace: system}\nroleRef: {apiGroup: ${RBAC}, kind: Role, name: role-${i}}\nsubjects: [{kind: ServiceAccount, name: sa-${i}, namespace: system}]\n`);
    objects.push(`apiVersion: ${RBAC}/v1\nkind: Role\nmetadata: {name: role-${i}, namespace: system}\nrules: [{apiGroups: [""], resources: [configmaps], resourceNames: [cm-${i}], verbs: [get]}]\n`);
  }
  return [
    ['/w/base/kustomization.yaml', 'resources:\n- all.yaml\n'],
    ['/w/base/all.yaml', objects.join('---\n')],
    ['/w/a/kustomization.yaml', 'namespace: a\nnamePrefix: a-\nresources:\n- ../base\n'],
    ['/w/b/kustomization.yaml', 'namespace: b\nnamePrefix: b-\nresources:\n- ../base\n'],
  ];
}

describe('kustomize builds grow linearly', () => {
  it('doubling the objects of a build about doubles the time of the model index (name references go through an index)', function () {
    this.timeout(60_000);
    const growth = growthRatio(workspace, (files) => {
      const model = createWorkspaceModel();
      for (const [path, text] of files) model.setFile(path, text);
      return model.index.bindings.length;
    }, { start: 50, max: 4_000, minMs: 20 });
    assert.ok(growth.ratio <= LINEAR_GROWTH_LIMIT, describeGrowth(growth).replace('chars', 'objects'));
  });
});
