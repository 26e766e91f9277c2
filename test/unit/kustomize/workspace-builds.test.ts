import * as assert from 'assert';
import { checkContext } from '../../../server/src/core/analysis';
import { hoverAt } from '../../../server/src/core/explain/hover';
import { compact, modelOf, runAll, type Files } from '../../helpers/check-harness';
import { positionOf } from '../../helpers/text-position';

const RBAC = 'rbac.authorization.k8s.io';

/** The layout `kubebuilder init` generates: a base in `system`, an overlay with namespace and prefix. */
const KUBEBUILDER: Files = {
  '/w/config/rbac/kustomization.yaml': 'resources:\n- service_account.yaml\n- role.yaml\n- role_binding.yaml\n',
  '/w/config/rbac/service_account.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: controller-manager\n  namespace: system\n',
  '/w/config/rbac/role.yaml': `apiVersion: ${RBAC}/v1\nkind: ClusterRole\nmetadata:\n  name: manager-role\nrules:\n- apiGroups: [""]\n  resources: [pods]\n  verbs: [get]\n`,
  '/w/config/rbac/role_binding.yaml': `apiVersion: ${RBAC}/v1
kind: ClusterRoleBinding
metadata:
  name: manager-rolebinding
roleRef: {apiGroup: ${RBAC}, kind: ClusterRole, name: manager-role}
subjects:
- kind: ServiceAccount
  name: controller-manager
  namespace: system
`,
  '/w/config/manager/kustomization.yaml': 'resources:\n- manager.yaml\n',
  '/w/config/manager/manager.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: controller-manager
  namespace: system
spec:
  template:
    spec:
      serviceAccountName: controller-manager
      containers: [{name: manager, image: controller:latest}]
`,
  '/w/config/default/kustomization.yaml': `namespace: op-system
namePrefix: op-
resources:
- ../rbac
- ../manager
patches:
- path: manager_patch.yaml
`,
  '/w/config/default/manager_patch.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: controller-manager
  namespace: system
spec:
  template:
    spec:
      containers: [{name: manager, args: [--leader-elect]}]
`,
};

describe('kustomize builds in the workspace model', () => {
  it('renames and moves objects as the build does, and their references with them', () => {
    const { index } = modelOf(KUBEBUILDER);
    const sa = index.serviceAccounts[0];
    assert.deepStrictEqual([sa.name, sa.namespace], ['op-controller-manager', { value: 'op-system', source: 'kustomize' }]);
    assert.deepStrictEqual(sa.kustomize?.written, { name: 'controller-manager', namespace: 'system' });
    const binding = index.bindings[0];
    assert.deepStrictEqual([binding.name, binding.roleRef.name], ['op-manager-rolebinding', 'op-manager-role']);
    assert.deepStrictEqual(binding.subjects, [{ kind: 'ServiceAccount', name: 'op-controller-manager', namespace: 'op-system' }]);
    assert.deepStrictEqual(index.workloads.map((w) => [w.name, w.namespace?.value, w.serviceAccountName]), [['op-controller-manager', 'op-system', 'op-controller-manager']]);
  });

  it('reads patches as patches: no object of their own, no duplicate, no wrong-namespace subject', () => {
    const { index } = modelOf(KUBEBUILDER);
    assert.strictEqual(index.workloads.length, 1);
    const findings = compact(runAll(KUBEBUILDER)).filter((f) => f.code === 'RBAC013' || f.code === 'RBAC021' || f.code === 'RBAC015');
    assert.deepStrictEqual(findings, []);
  });

  it('still reports a subject whose namespace the build does not rewrite', () => {
    const files = { ...KUBEBUILDER, '/w/config/rbac/role_binding.yaml': KUBEBUILDER['/w/config/rbac/role_binding.yaml'].replace('namespace: system', 'namespace: elsewhere') };
    assert.deepStrictEqual(compact(runAll(files)).filter((f) => f.code === 'RBAC013').map((f) => f.code), ['RBAC013']);
    assert.deepStrictEqual(modelOf(files).index.bindings[0].subjects[0], { kind: 'ServiceAccount', name: 'controller-manager', namespace: 'elsewhere' });
  });

  it('gives a subject named default the build namespace, and leaves other unknown subjects alone', () => {
    const files: Files = {
      '/w/kustomization.yaml': 'namespace: apps\nresources:\n- rb.yaml\n',
      '/w/rb.yaml': `apiVersion: ${RBAC}/v1
kind: RoleBinding
metadata: {name: rb}
roleRef: {apiGroup: ${RBAC}, kind: ClusterRole, name: view}
subjects:
- {kind: ServiceAccount, name: default}
- {kind: ServiceAccount, name: other}
- {kind: ServiceAccount, name: pinned, namespace: tools}
`,
    };
    assert.deepStrictEqual(modelOf(files).index.bindings[0].subjects, [
      { kind: 'ServiceAccount', name: 'default', namespace: 'apps' },
      { kind: 'ServiceAccount', name: 'other' },
      { kind: 'ServiceAccount', name: 'pinned', namespace: 'tools' },
    ]);
  });

  it('does not call objects of alternative overlays duplicates; within one build kubectl refuses them', () => {
    const sa = (ns: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app, namespace: ${ns}}\n`;
    const overlays: Files = {
      '/w/a/kustomization.yaml': 'resources:\n- sa.yaml\n',
      '/w/a/sa.yaml': sa('x'),
      '/w/b/kustomization.yaml': 'resources:\n- sa.yaml\n',
      '/w/b/sa.yaml': sa('x'),
    };
    assert.deepStrictEqual(compact(runAll(overlays)).filter((f) => f.code === 'RBAC021'), []);
    const together = { ...overlays, '/w/kustomization.yaml': 'resources:\n- a\n- b\n' };
    // kubectl kustomize refuses it: "may not add resource with an already registered id: ServiceAccount.v1.[noGrp]/app.x".
    const refused = runAll(together).filter((f) => f.code === 'RBAC035');
    assert.deepStrictEqual(refused.map((f) => [f.file, f.range.start.line]), [['/w/kustomization.yaml', 2]]);
    assert.match(refused[0].message, /may not add resource with an already registered id: ServiceAccount\.v1\.\[noGrp\]\/app\.x/);
  });

  it('keeps what is written when builds disagree, and forgets built values when the kustomization goes', () => {
    const files: Files = {
      '/w/base/kustomization.yaml': 'resources:\n- sa.yaml\n',
      '/w/base/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app}\n',
      '/w/a/kustomization.yaml': 'namePrefix: a-\nresources:\n- ../base\n',
      '/w/b/kustomization.yaml': 'namePrefix: b-\nresources:\n- ../base\n',
    };
    const model = modelOf(files);
    const sa = model.index.serviceAccounts[0];
    assert.strictEqual(sa.name, 'app');
    assert.deepStrictEqual(sa.kustomize?.variants?.map((v) => v.name), ['a-app', 'b-app']);
    model.removeFile('/w/b/kustomization.yaml');
    assert.strictEqual(model.index.serviceAccounts[0].name, 'a-app');
    model.removeFile('/w/a/kustomization.yaml');
    assert.strictEqual(model.index.serviceAccounts[0].name, 'app');
    assert.deepStrictEqual(model.index.serviceAccounts[0].kustomize?.builds, ['/w/base/kustomization.yaml']);
    model.removeFile('/w/base/kustomization.yaml');
    assert.strictEqual(model.index.serviceAccounts[0].kustomize, undefined);
  });

  it('says what it could not read: remote bases, missing files, a generated name a rule relies on', () => {
    const role = `apiVersion: ${RBAC}/v1\nkind: Role\nmetadata: {name: r}\nrules:\n- {apiGroups: [""], resources: [configmaps], resourceNames: [settings], verbs: [get]}\n`;
    const kustomization = 'resources:\n- https://github.com/example/app//config?ref=v1\n- missing.yaml\n- role.yaml\nconfigMapGenerator:\n- name: settings\n- name: unrelated\n';
    const { index } = modelOf({ '/w/kustomization.yaml': kustomization, '/w/role.yaml': role });
    assert.deepStrictEqual(index.kustomizeNotes.map((n) => [n.field, n.entry]), [
      ['resources', 'https://github.com/example/app//config?ref=v1'],
      ['resources', 'missing.yaml'],
      ['configMapGenerator', 'settings'],
    ]);
  });

  it('does not mention what cannot change RBAC: a generator no rule names, a replacement of a Service', () => {
    const kustomization = 'resources:\n- sa.yaml\nconfigMapGenerator:\n- name: settings\nreplacements:\n- source: {kind: ServiceAccount, name: app}\n  targets:\n  - select: {kind: Service}\n    fieldPaths: [metadata.annotations.sa]\n';
    const { index } = modelOf({ '/w/kustomization.yaml': kustomization, '/w/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app}\n' });
    assert.deepStrictEqual(index.kustomizeNotes, []);
  });

  it('says in a hover what the build makes of a name, a subject and a roleRef', () => {
    const model = modelOf(KUBEBUILDER);
    const context = checkContext(model, { builtinRoles: true });
    const hover = (path: string, needle: string, occurrence = 0) =>
      hoverAt(context, model.getFile(path)!, positionOf(KUBEBUILDER[path], needle, occurrence))?.markdown ?? '';
    assert.match(hover('/w/config/rbac/service_account.yaml', 'controller-manager'), /`config\/default` emits ServiceAccount `op-controller-manager` in namespace `op-system`/);
    const binding = '/w/config/rbac/role_binding.yaml';
    assert.match(hover(binding, 'controller-manager'), /makes this subject ServiceAccount `op-system\/op-controller-manager`/);
    assert.match(hover(binding, 'manager-role}'), /points it at ClusterRole `op-manager-role`/);
    assert.match(hover('/w/config/manager/manager.yaml', 'serviceAccountName'), /runs it as ServiceAccount `op-controller-manager`/);
  });

  it('judges the rules a build emits: rules a patch replaced are not checked, and the policy uses the patched ones', () => {
    const files: Files = {
      '/w/kustomization.yaml': 'namespace: shop\nresources:\n- role.yaml\npatches:\n- path: role-patch.yaml\n',
      '/w/role.yaml': `apiVersion: ${RBAC}/v1\nkind: Role\nmetadata: {name: edit}\nrules:\n- {apiGroups: [""], resources: [podz], verbs: [get]}\n`,
      '/w/role-patch.yaml': `apiVersion: ${RBAC}/v1\nkind: Role\nmetadata: {name: edit}\nrules:\n- {apiGroups: [""], resources: [configmaps], verbs: [get]}\n`,
    };
    const role = modelOf(files).index.roles[0];
    assert.deepStrictEqual([role.rules, role.kustomize?.rulesReplaced], [[{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }], true]);
    assert.deepStrictEqual(compact(runAll(files)).filter((f) => f.code === 'RBAC003'), []);
    const unpatched = { ...files, '/w/kustomization.yaml': 'namespace: shop\nresources:\n- role.yaml\n' };
    assert.deepStrictEqual(compact(runAll(unpatched)).filter((f) => f.code === 'RBAC003').length, 1);
  });

  it('does not line up subjects a patch reordered with the written ones', () => {
    const binding = (subjects: string) => `apiVersion: ${RBAC}/v1\nkind: RoleBinding\nmetadata: {name: rb}\nroleRef: {apiGroup: ${RBAC}, kind: ClusterRole, name: view}\nsubjects: ${subjects}\n`;
    const files: Files = {
      '/w/kustomization.yaml': 'namespace: shop\nresources:\n- rb.yaml\npatches:\n- path: patch.yaml\n',
      '/w/rb.yaml': binding('[{kind: ServiceAccount, name: default}, {kind: User, name: alice}]'),
      '/w/patch.yaml': binding('[{kind: User, name: alice}]'),
    };
    const built = modelOf(files).index.bindings[0];
    assert.deepStrictEqual([built.subjects, built.kustomize?.subjectsReplaced], [[{ kind: 'User', name: 'alice' }], true]);
    // The written default ServiceAccount is not emitted: no RBAC110 about it.
    assert.deepStrictEqual(compact(runAll(files)).filter((f) => f.code === 'RBAC110'), []);
    const unpatched = { ...files, '/w/kustomization.yaml': 'namespace: shop\nresources:\n- rb.yaml\n' };
    assert.strictEqual(compact(runAll(unpatched)).filter((f) => f.code === 'RBAC110').length, 1);
  });
});
