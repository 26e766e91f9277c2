import * as assert from 'assert';
import { checkContext } from '../../../server/src/core/analysis';
import { runChecks } from '../../../server/src/core/checks/run-checks';
import type { WorkspaceModel } from '../../../server/src/core/model/workspace-model';
import { createWorkspaceModel } from '../../../server/src/core/workspace';

/** Expectations from `kubectl kustomize` (kustomize v5.5) on the same files. */
const RESOURCES = [
  'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa, namespace: team-a}\n---',
  'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: rb, namespace: team-a}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: my-role-x}\nsubjects: [{kind: ServiceAccount, name: sa, namespace: placeholder}, {kind: User, name: u}]\n---',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: team-a}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: [{name: c, image: i}]}\n',
].join('\n');

function modelOf(kustomization: string, resources = RESOURCES): WorkspaceModel {
  const model = createWorkspaceModel();
  model.setFile('/w/r.yaml', resources);
  model.setFile('/w/kustomization.yaml', kustomization);
  return model;
}

describe('kustomize replacements and vars', () => {
  it('writes the source value into subjects, roleRef and serviceAccountName as kubectl does', () => {
    const model = modelOf([
      'resources: [r.yaml]', 'replacements:',
      '- source: {kind: ServiceAccount, name: sa, fieldPath: metadata.namespace}', '  targets:',
      '  - select: {kind: RoleBinding}', '    fieldPaths: ["subjects.[kind=ServiceAccount].namespace", subjects.1.name]',
      '  - select: {kind: Deployment}', '    fieldPaths: [spec.template.spec.serviceAccountName]', '    options: {create: true}',
      '- source: {kind: ServiceAccount, name: sa}', '  targets:', '  - select: {kind: RoleBinding}', '    reject: [{name: other}]',
      '    fieldPaths: [roleRef.name]', "    options: {delimiter: '-', index: 1}", '',
    ].join('\n'));
    const binding = model.index.bindings[0];
    assert.deepStrictEqual(binding.subjects.map((x) => [x.kind, x.name, x.namespace]), [['ServiceAccount', 'sa', 'team-a'], ['User', 'team-a', undefined]]);
    assert.strictEqual(binding.roleRef.name, 'my-sa-x');
    assert.strictEqual(model.index.workloads[0].serviceAccountName, 'team-a');
    assert.deepStrictEqual(model.index.kustomizeNotes, []);
    // The serviceAccountName a replacement writes is judged: ServiceAccount team-a does not exist.
    const findings = runChecks(checkContext(model, { builtinRoles: true }), { checks: {} });
    assert.ok(findings.some((f) => f.code === 'RBAC015' && /"team-a"/.test(f.message)), JSON.stringify(findings.map((f) => f.message)));
  });

  it('refuses the build where kubectl fails: a source that selects nothing, a target field that is missing', () => {
    const noSource = modelOf('resources: [r.yaml]\nreplacements:\n- source: {kind: ServiceAccount, name: nope}\n  targets:\n  - select: {kind: RoleBinding}\n    fieldPaths: [roleRef.name]\n');
    assert.deepStrictEqual(noSource.index.kustomizeNotes.map((n) => [n.message, n.refused]), [['nothing selected by ServiceAccount.[noVer].[noGrp]/nope.[noNs]', true]]);
    const noField = modelOf('resources: [r.yaml]\nreplacements:\n- source: {kind: ServiceAccount, name: sa}\n  targets:\n  - select: {kind: RoleBinding}\n    fieldPaths: ["subjects.[name=zz].namespace"]\n');
    assert.deepStrictEqual(noField.index.kustomizeNotes.map((n) => n.message), ['unable to find field "subjects.[name=zz].namespace" in replacement target']);
  });

  it('vars leave RBAC fields as written (kustomize substitutes them only in its varReference fields) and say nothing', () => {
    const model = modelOf('resources: [r.yaml]\nvars:\n- name: NS\n  objref: {kind: ServiceAccount, name: sa, apiVersion: v1}\n  fieldref: {fieldpath: metadata.namespace}\n',
      RESOURCES.replace('namespace: placeholder', 'namespace: $(NS)'));
    assert.strictEqual(model.index.bindings[0].subjects[0].namespace, '$(NS)');
    assert.deepStrictEqual(model.index.kustomizeNotes, []);
  });
});
