import * as assert from 'assert';
import { checkContext } from '../../../server/src/core/analysis';
import { runChecks } from '../../../server/src/core/checks/run-checks';
import type { Finding } from '../../../server/src/core/checks/types';
import { applyEdits } from '../../../server/src/core/edits/apply-edits';
import type { WorkspaceModel } from '../../../server/src/core/model/workspace-model';
import { createWorkspaceModel } from '../../../server/src/core/workspace';

/**
 * What a patch adds to a role is judged at the patch's own lines, in each of kustomize's three forms,
 * and the quick-fix edits the patch text. kubectl kustomize of each overlay emits the base rule plus
 * (strategic merge: instead of it) `apiGroups: ["core"]`.
 */
const BASE = {
  '/w/base/kustomization.yaml': 'resources:\n- role.yaml\n',
  '/w/base/role.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: app\n  namespace: shop\nrules:\n- apiGroups: [""]\n  resources: [pods]\n  verbs: [get]\n',
};
const SMP = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: app\n  namespace: shop\nrules:\n- apiGroups: ["core"]\n  resources: [pods]\n  verbs: [get, list]\n';
const JSON_FILE = '- op: add\n  path: /rules/-\n  value:\n    apiGroups: ["core"]\n    resources: [pods]\n    verbs: [list]\n';
const INLINE = 'resources:\n- ../base\npatches:\n- target: {kind: Role, name: app}\n  patch: |-\n    - op: add\n      path: /rules/-\n      value: {apiGroups: ["core"], resources: [pods], verbs: [list]}\n';

const FORMS: Record<string, Record<string, string>> = {
  'strategic merge file': { '/w/o/kustomization.yaml': 'resources:\n- ../base\npatches:\n- path: patch.yaml\n', '/w/o/patch.yaml': SMP },
  'JSON 6902 file': { '/w/o/kustomization.yaml': 'resources:\n- ../base\npatches:\n- path: patch.yaml\n  target: {kind: Role, name: app}\n', '/w/o/patch.yaml': JSON_FILE },
  'JSON 6902 inline': { '/w/o/kustomization.yaml': INLINE },
};

function check(files: Record<string, string>): { model: WorkspaceModel; findings: Finding[] } {
  const model = createWorkspaceModel();
  for (const [path, text] of Object.entries(files)) model.setFile(path, text);
  return { model, findings: runChecks(checkContext(model, { builtinRoles: true }), { checks: {} }).filter((f) => f.code === 'RBAC004') };
}

describe('kustomize patches judged at their own lines', () => {
  for (const [form, overlay] of Object.entries(FORMS)) {
    it(`${form}: the rule the patch adds is judged in the patch, and its fix edits the patch`, () => {
      const files: Record<string, string> = { ...BASE, ...overlay };
      const { findings } = check(files);
      const patchFile = '/w/o/patch.yaml' in overlay ? '/w/o/patch.yaml' : '/w/o/kustomization.yaml';
      assert.deepStrictEqual(findings.map((f) => f.file), [patchFile]);
      const line = files[patchFile].split('\n')[findings[0].range.start.line];
      assert.match(line, /"core"/);
      const fix = findings[0].fixes[0];
      assert.ok(fix && fix.edits.every((e) => e.file === patchFile), JSON.stringify(findings[0].fixes));
      const fixed = { ...files, [patchFile]: applyEdits(files[patchFile], fix.edits) };
      assert.deepStrictEqual(check(fixed).findings, []);
    });
  }

  it('an inline JSON 6902 patch on a ClusterRole leaves the role\'s own findings in place', () => {
    const files = {
      '/w/k/kustomization.yaml': 'resources:\n- role.yaml\npatches:\n- target: {kind: ClusterRole}\n  patch: |-\n    - op: add\n      path: /metadata/labels\n      value: {team: a}\n',
      '/w/k/role.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: app\nrules:\n- apiGroups: ["core"]\n  resources: [pods]\n  verbs: [get]\n',
    };
    assert.deepStrictEqual(check(files).findings.map((f) => `${f.file}:${f.range.start.line}`), ['/w/k/role.yaml:5']);
    const replaced = { ...files, '/w/k/kustomization.yaml': files['/w/k/kustomization.yaml'].replace('path: /metadata/labels\n      value: {team: a}', 'path: /rules/0/verbs/-\n      value: list') };
    // The rule is now what the build makes of it (get and list); written nowhere whole, it is not positioned, and not judged as written.
    assert.deepStrictEqual(check(replaced).findings.map((f) => f.file), []);
  });
});
