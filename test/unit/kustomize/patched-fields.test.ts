import * as assert from 'assert';
import { checkContext } from '../../../server/src/core/analysis';
import { runChecks } from '../../../server/src/core/checks/run-checks';
import type { Finding } from '../../../server/src/core/checks/types';
import { applyEdits } from '../../../server/src/core/edits/apply-edits';
import { createWorkspaceModel } from '../../../server/src/core/workspace';

/**
 * A patch that sets a workload's serviceAccountName or a binding's roleRef to something missing is
 * reported at the patch's line (RBAC015, RBAC009), in each of kustomize's three patch forms, and the
 * quick-fix edits the patch. kubectl kustomize of each overlay emits serviceAccountName "ap" and roleRef "ap".
 */
const RBAC = 'rbac.authorization.k8s.io';
const BASE = {
  '/w/base/kustomization.yaml': 'resources:\n- rbac.yaml\n- deploy.yaml\n',
  '/w/base/rbac.yaml': [
    'apiVersion: v1', 'kind: ServiceAccount', 'metadata:', '  name: app', '  namespace: shop', '---',
    `apiVersion: ${RBAC}/v1`, 'kind: Role', 'metadata:', '  name: app', '  namespace: shop', 'rules:', '- apiGroups: [""]', '  resources: [pods]', '  verbs: [get]', '---',
    `apiVersion: ${RBAC}/v1`, 'kind: RoleBinding', 'metadata:', '  name: app', '  namespace: shop', 'roleRef:', `  apiGroup: ${RBAC}`, '  kind: Role', '  name: app',
    'subjects:', '- kind: ServiceAccount', '  name: app', '  namespace: shop', '',
  ].join('\n'),
  '/w/base/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n  namespace: shop\nspec:\n  template:\n    spec:\n      serviceAccountName: app\n      containers: [{name: app, image: app}]\n',
};
const SMP = [
  'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: app', '  namespace: shop', 'spec:', '  template:', '    spec:', '      serviceAccountName: ap', '---',
  `apiVersion: ${RBAC}/v1`, 'kind: RoleBinding', 'metadata:', '  name: app', '  namespace: shop', 'roleRef:', `  apiGroup: ${RBAC}`, '  kind: Role', '  name: ap', '',
].join('\n');
const INLINE = [
  'resources:', '- ../base', 'patches:',
  '- target: {kind: Deployment, name: app}', '  patch: |-', '    - op: replace', '      path: /spec/template/spec/serviceAccountName', '      value: ap',
  '- target: {kind: RoleBinding, name: app}', '  patch: |-', '    - op: replace', '      path: /roleRef/name', '      value: ap', '',
].join('\n');

const FORMS: Record<string, Record<string, string>> = {
  'strategic merge file': { '/w/o/kustomization.yaml': 'resources:\n- ../base\npatches:\n- path: patch.yaml\n', '/w/o/patch.yaml': SMP },
  'JSON 6902 files': {
    '/w/o/kustomization.yaml': 'resources:\n- ../base\npatches:\n- path: deploy-patch.yaml\n  target: {kind: Deployment, name: app}\n- path: binding-patch.yaml\n  target: {kind: RoleBinding, name: app}\n',
    '/w/o/deploy-patch.yaml': '- op: replace\n  path: /spec/template/spec/serviceAccountName\n  value: ap\n',
    '/w/o/binding-patch.yaml': '- op: add\n  path: /roleRef\n  value:\n    apiGroup: rbac.authorization.k8s.io\n    kind: Role\n    name: ap\n',
  },
  'JSON 6902 inline': { '/w/o/kustomization.yaml': INLINE },
};

function check(files: Record<string, string>): Finding[] {
  const model = createWorkspaceModel();
  for (const [path, text] of Object.entries(files)) model.setFile(path, text);
  return runChecks(checkContext(model, { builtinRoles: true }), { checks: {} }).filter((f) => f.code === 'RBAC015' || f.code === 'RBAC009');
}

describe('kustomize patches of serviceAccountName and roleRef judged at their own lines', () => {
  it('the base alone is clean', () => {
    assert.deepStrictEqual(check(BASE), []);
  });

  for (const [form, overlay] of Object.entries(FORMS)) {
    it(`${form}: a missing ServiceAccount and Role set by the patch are reported in the patch, and the fix edits it`, () => {
      const files: Record<string, string> = { ...BASE, ...overlay };
      const findings = check(files);
      assert.deepStrictEqual(findings.map((f) => f.code).sort(), ['RBAC009', 'RBAC015'], JSON.stringify(findings));
      for (const finding of findings) {
        assert.ok(finding.file.startsWith('/w/o/'), `${finding.code} at ${finding.file}`);
        const line = files[finding.file].split('\n')[finding.range.start.line];
        assert.match(line, /\bap\b/, `${finding.code}: ${line}`);
        assert.ok(finding.fixes.length > 0 && finding.fixes.every((fix) => fix.edits.every((e) => e.file === finding.file)), JSON.stringify(finding.fixes));
      }
      let fixed = { ...files };
      for (const finding of findings) fixed = { ...fixed, [finding.file]: applyEdits(fixed[finding.file], finding.fixes[0].edits) };
      assert.deepStrictEqual(check(fixed), []);
    });
  }
});

const SUBJECT_FORMS: Record<string, Record<string, string>> = {
  'strategic merge file (the atomic subjects list)': {
    '/w/o/kustomization.yaml': 'resources:\n- ../base\npatches:\n- path: patch.yaml\n',
    '/w/o/patch.yaml': `apiVersion: ${RBAC}/v1\nkind: RoleBinding\nmetadata:\n  name: app\n  namespace: shop\nsubjects:\n- kind: ServiceAccount\n  name: app\n  namespace: other\n`,
  },
  'JSON 6902 file (a subject appended)': {
    '/w/o/kustomization.yaml': 'resources:\n- ../base\npatches:\n- path: patch.yaml\n  target: {kind: RoleBinding, name: app}\n',
    '/w/o/patch.yaml': '- op: add\n  path: /subjects/-\n  value:\n    kind: ServiceAccount\n    name: app\n    namespace: other\n',
  },
  'JSON 6902 inline (the list replaced)': {
    '/w/o/kustomization.yaml': 'resources:\n- ../base\npatches:\n- target: {kind: RoleBinding, name: app}\n  patch: |-\n    - op: replace\n      path: /subjects\n      value:\n      - kind: ServiceAccount\n        name: app\n        namespace: other\n',
  },
};

function subjectFindings(files: Record<string, string>): Finding[] {
  const model = createWorkspaceModel();
  for (const [path, text] of Object.entries(files)) model.setFile(path, text);
  return runChecks(checkContext(model, { builtinRoles: true }), { checks: {} }).filter((f) => f.code === 'RBAC013');
}

describe('kustomize patches of subjects judged at their own lines', () => {
  for (const [form, overlay] of Object.entries(SUBJECT_FORMS)) {
    it(`${form}: a subject in a namespace without that ServiceAccount is reported in the patch, and the fix edits it`, () => {
      const files: Record<string, string> = { ...BASE, ...overlay };
      const findings = subjectFindings(files);
      assert.deepStrictEqual(findings.map((f) => f.file), [Object.keys(overlay).at(-1)], JSON.stringify(findings));
      const [finding] = findings;
      assert.match(files[finding.file].split('\n')[finding.range.start.line], /namespace: other/);
      assert.match(finding.message, /ServiceAccount other\/app is not defined here; app is defined in shop/);
      const fixed = { ...files, [finding.file]: applyEdits(files[finding.file], finding.fixes[0].edits) };
      assert.deepStrictEqual(subjectFindings(fixed), []);
    });
  }
});
