import * as assert from 'assert';
import { checkContext } from '../../../server/src/core/analysis';
import { runChecks } from '../../../server/src/core/checks/run-checks';
import { createWorkspaceModel } from '../../../server/src/core/workspace';

const RBAC = 'rbac.authorization.k8s.io';
const ROLE = `apiVersion: ${RBAC}/v1\nkind: Role\nmetadata: {name: r, namespace: ns}\nrules: [{apiGroups: [""], resources: [pods], verbs: [get]}]\n`;
const BINDING = `apiVersion: ${RBAC}/v1\nkind: RoleBinding\nmetadata: {name: r, namespace: ns}\nroleRef: {apiGroup: ${RBAC}, kind: Role, name: r}\nsubjects: [{kind: User, name: alice}]\n`;

function findings(files: Record<string, string>, followed: string[] = []): string[] {
  const model = createWorkspaceModel();
  for (const [path, text] of Object.entries(files)) model.setFile(path, text);
  for (const path of followed) model.followedFiles.add(path);
  return runChecks(checkContext(model, { builtinRoles: true }), { checks: {} })
    .filter((f) => ['RBAC009', 'RBAC033', 'RBAC036', 'RBAC035'].includes(f.code)).map((f) => `${f.code} ${f.file}`).sort();
}

describe('kustomize builds as units (RBAC036, RBAC035)', () => {
  it('a file of a kustomization folder that no build includes is not part of any build, and satisfies no roleRef', () => {
    assert.deepStrictEqual(findings({ '/w/k/kustomization.yaml': 'resources: [binding.yaml]\n', '/w/k/role.yaml': ROLE, '/w/k/binding.yaml': BINDING }),
      ['RBAC009 /w/k/binding.yaml', 'RBAC036 /w/k/role.yaml']);
    assert.deepStrictEqual(findings({ '/w/k/kustomization.yaml': 'resources: [binding.yaml, role.yaml]\n', '/w/k/role.yaml': ROLE, '/w/k/binding.yaml': BINDING }), []);
    // A workload patch a scaffold keeps commented out (kubebuilder's config/default) is left out silently.
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: m, namespace: s}\nspec:\n  template:\n    spec:\n      serviceAccountName: nobody\n';
    assert.deepStrictEqual(findings({ '/w/k/kustomization.yaml': 'resources: [binding.yaml, role.yaml]\n#patches:\n#- path: manager_patch.yaml\n', '/w/k/role.yaml': ROLE, '/w/k/binding.yaml': BINDING, '/w/k/manager_patch.yaml': patch }), []);
    // A plain manifest outside any kustomization folder counts as it is.
    assert.deepStrictEqual(findings({ '/w/k/kustomization.yaml': 'resources: [binding.yaml]\n', '/w/plain/role.yaml': ROLE, '/w/k/binding.yaml': BINDING }), []);
  });

  it('a file read only for a kustomization counts only as built', () => {
    const files = { '/w/k/kustomization.yaml': 'resources: [binding.yaml]\n', '/w/plain/role.yaml': ROLE, '/w/k/binding.yaml': BINDING };
    assert.deepStrictEqual(findings(files, ['/w/plain/role.yaml']), ['RBAC009 /w/k/binding.yaml', 'RBAC036 /w/plain/role.yaml']);
  });

  it('the load restrictor refuses a file resource outside the root, not a base folder outside it', () => {
    assert.deepStrictEqual(findings({ '/w/o/kustomization.yaml': 'resources: [../plain/role.yaml]\n', '/w/plain/role.yaml': ROLE }, ['/w/plain/role.yaml']),
      ['RBAC035 /w/o/kustomization.yaml', 'RBAC036 /w/plain/role.yaml']);
    assert.deepStrictEqual(findings({ '/w/o/kustomization.yaml': 'resources: [../b]\n', '/w/b/kustomization.yaml': 'resources: [role.yaml, sub/binding.yaml]\n', '/w/b/role.yaml': ROLE, '/w/b/sub/binding.yaml': BINDING }), []);
    // Patches and configurations are files too.
    assert.deepStrictEqual(findings({ '/w/o/kustomization.yaml': 'resources: [../b]\npatches:\n- path: ../b/p.yaml\n', '/w/b/kustomization.yaml': 'resources: [role.yaml]\n', '/w/b/role.yaml': ROLE, '/w/b/p.yaml': ROLE }),
      ['RBAC035 /w/o/kustomization.yaml', 'RBAC036 /w/b/role.yaml']);
  });

  it('a cycle refuses every build through it', () => {
    assert.deepStrictEqual(findings({ '/w/a/kustomization.yaml': 'resources: [../b, role.yaml]\n', '/w/b/kustomization.yaml': 'resources: [../a]\n', '/w/a/role.yaml': ROLE }),
      ['RBAC035 /w/a/kustomization.yaml', 'RBAC035 /w/b/kustomization.yaml', 'RBAC036 /w/a/role.yaml']);
  });

  it('a RoleBinding to extension-apiserver-authentication-reader that namespace: moves out of kube-system is reported', () => {
    const binding = `apiVersion: ${RBAC}/v1\nkind: RoleBinding\nmetadata: {name: auth-reader, namespace: kube-system}\nroleRef: {apiGroup: ${RBAC}, kind: Role, name: extension-apiserver-authentication-reader}\nsubjects: [{kind: ServiceAccount, name: app, namespace: prod}]\n`;
    const model = createWorkspaceModel();
    model.setFile('/w/o/kustomization.yaml', 'namespace: prod\ncomponents: [../c]\n');
    model.setFile('/w/c/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [binding.yaml]\n');
    model.setFile('/w/c/binding.yaml', binding);
    const found = runChecks(checkContext(model, { builtinRoles: true }), { checks: {} }).filter((f) => f.code === 'RBAC011');
    assert.deepStrictEqual(found.map((f) => f.file), ['/w/c/binding.yaml']);
    assert.match(found[0].message, /\(prod, where the kustomize build's `namespace:` moves it from kube-system\)/);
    // Without the namespace: transformer the binding stays in kube-system, where the default Role is.
    model.setFile('/w/o/kustomization.yaml', 'components: [../c]\n');
    assert.deepStrictEqual(runChecks(checkContext(model, { builtinRoles: true }), { checks: {} }).filter((f) => f.code === 'RBAC011'), []);
  });
});
