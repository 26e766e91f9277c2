import * as assert from 'assert';
import { join } from 'path';
import { baseOverlayTree, operatorTree } from '../helpers/kustomize-trees';
import { rbacDoctor } from '../helpers/run-cli';
import { writeTree } from '../helpers/write-tree';

const RBAC = 'rbac.authorization.k8s.io';

describe('rbac-doctor on an overlay folder: its bases and components are read as kubectl kustomize reads them', () => {
  it('check config/default reads ../manager and ../components/rbac, and judges the component', () => {
    const dir = writeTree('operator', operatorTree('- apiGroups: ["core"]\n  resources: [pods]\n  verbs: [read]\n'));
    const result = rbacDoctor(['check', 'config/default', '--format', 'json'], { cwd: dir });
    const json = JSON.parse(result.stdout) as { findings: { code: string; file: string }[]; summary: { files: number } };
    assert.strictEqual(json.summary.files, 7, result.stdout);
    const codes = json.findings.filter((f) => f.file === join(dir, 'config/components/rbac/role.yaml')).map((f) => f.code).sort();
    // Both problems of the rule at once: the group `core` and the verb `read`.
    assert.deepStrictEqual(codes, ['RBAC001', 'RBAC004'], result.stdout);
    assert.ok(!json.findings.some((f) => f.code === 'RBAC033'), result.stdout);
    assert.strictEqual(result.code, 1);
  });

  it('who-can -f config/default finds the manager the build grants', () => {
    const dir = writeTree('operator', operatorTree());
    const result = rbacDoctor(['who-can', 'delete', 'pods', '-n', 'jobset-system', '-f', 'config/default'], { cwd: dir });
    assert.match(result.stdout, /ServiceAccount\s+jobset-system\/jobset-controller-manager\s+ClusterRoleBinding jobset-manager-rolebinding/);
    const granted = rbacDoctor(['can-i', 'delete', 'pods', '-n', 'jobset-system', '--as', 'system:serviceaccount:jobset-system:jobset-controller-manager', '-f', 'config/default'], { cwd: dir });
    assert.deepStrictEqual([granted.stdout.trim(), granted.code], ['yes', 0]);
  });

  it('overlays/prod read alone is built with ../../base', () => {
    const dir = writeTree('overlay', baseOverlayTree());
    const asProd = rbacDoctor(['can-i', 'watch', 'configmaps', '-n', 'prod', '--as', 'system:serviceaccount:prod:app', '-f', 'overlays/prod'], { cwd: dir });
    assert.deepStrictEqual([asProd.stdout.trim(), asProd.code], ['yes', 0]);
    // The base's own namespace is not what the overlay deploys.
    const asDefault = rbacDoctor(['can-i', 'watch', 'configmaps', '-n', 'default', '--as', 'system:serviceaccount:default:app', '-f', 'overlays/prod'], { cwd: dir });
    assert.deepStrictEqual([asDefault.stdout.trim(), asDefault.code], ['no', 1]);
  });

  it('a file outside the kustomization root: kubectl refuses the build, and nothing answers yes through it', () => {
    // kubectl kustomize overlay: "security; file '…/other/role.yaml' is not in or below '…/overlay'".
    const dir = writeTree('restrictor', {
      'overlay/kustomization.yaml': 'resources:\n- ../other/role.yaml\n',
      'other/role.yaml': `apiVersion: ${RBAC}/v1\nkind: Role\nmetadata: {name: r, namespace: default}\nrules: [{apiGroups: [""], resources: [pods], verbs: [get]}]\n---\napiVersion: ${RBAC}/v1\nkind: RoleBinding\nmetadata: {name: r, namespace: default}\nroleRef: {apiGroup: ${RBAC}, kind: Role, name: r}\nsubjects: [{kind: User, name: alice}]\n`,
    });
    const canI = rbacDoctor(['can-i', 'get', 'pods', '--as', 'alice', '-f', 'overlay'], { cwd: dir });
    assert.deepStrictEqual([canI.stdout.trim(), canI.code], ['no', 1]);
    assert.match(canI.stderr, /kubectl kustomize refuses to build overlay: security; file '.*\/other\/role\.yaml' is not in or below '.*\/overlay'/);
    const check = rbacDoctor(['check', 'overlay'], { cwd: dir });
    assert.match(check.stdout, /^overlay\/kustomization\.yaml:2:3 error RBAC035 kubectl kustomize refuses this build: security; file /m);
    assert.strictEqual(check.code, 1);
    // The same file read as a plain manifest of its own is applied with kubectl apply -f: counted.
    const plain = rbacDoctor(['can-i', 'get', 'pods', '--as', 'alice', '-f', 'other'], { cwd: dir });
    assert.strictEqual(plain.stdout.trim(), 'yes');
  });

  it('a cycle is reported as kubectl reports it, wherever the build starts', () => {
    const dir = writeTree('cycle', { 'a/kustomization.yaml': 'resources:\n- ../b\n', 'b/kustomization.yaml': 'resources:\n- ../a\n' });
    for (const start of ['a', '.']) {
      const check = rbacDoctor(['check', start], { cwd: dir });
      assert.match(check.stdout, /^a\/kustomization\.yaml:2:3 error RBAC035 kubectl kustomize refuses this build: cycle detected: candidate root '/m, start);
      assert.strictEqual(check.code, 1);
    }
  });

  it('a role.yaml its kustomization leaves out is not part of any build and satisfies no roleRef', () => {
    const dir = writeTree('left-out', {
      'config/rbac/kustomization.yaml': 'resources:\n- binding.yaml\n',
      'config/rbac/role.yaml': `apiVersion: ${RBAC}/v1\nkind: ClusterRole\nmetadata:\n  name: manager-role\nrules: []\n`,
      'config/rbac/binding.yaml': `apiVersion: ${RBAC}/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: manager\nroleRef:\n  apiGroup: ${RBAC}\n  kind: ClusterRole\n  name: manager-role\nsubjects:\n- kind: ServiceAccount\n  name: m\n  namespace: s\n`,
    });
    const result = rbacDoctor(['check', '.'], { cwd: dir });
    assert.match(result.stdout, /^config\/rbac\/role\.yaml:4:9 information RBAC036 ClusterRole manager-role is not part of any build: no kustomization includes this file/m);
    assert.match(result.stdout, /^config\/rbac\/binding\.yaml:\d+:\d+ warning RBAC009 /m);
  });
});
