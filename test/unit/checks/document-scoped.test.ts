import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyse, checkContext } from '../../../server/src/core/analysis';
import { ALL_CHECKS } from '../../../server/src/core/checks/all-checks';
import type { Check } from '../../../server/src/core/checks/check';
import { DOCUMENT_SCOPED, restrictTo, runDocumentScoped } from '../../../server/src/core/checks/document-scoped';
import type { Finding } from '../../../server/src/core/checks/types';
import { WorkspaceModel } from '../../../server/src/core/model/workspace-model';
import { createWorkspaceModel } from '../../../server/src/core/workspace';
import { findYamlFiles } from '../../../server/src/node/find-yaml-files';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';
import { REPO } from '../../helpers/run-cli';
import { modelOf } from '../../helpers/check-harness';

const key = (f: Finding) => `${f.code} ${f.file}:${f.range.start.line}:${f.range.start.character} ${f.message}`;

function corpusModel(): WorkspaceModel {
  const model = createWorkspaceModel();
  for (const dir of ['test/fixtures/corpus', 'examples/shop']) {
    for (const path of findYamlFiles([join(REPO, dir)])) model.setFile(path, readFileSync(path, 'utf8'));
  }
  return model;
}

const SHOP = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: reader, namespace: shop }
rules:
  - apiGroups: [""]
    resources: ["pods", "secrets"]
    verbs: ["get", "lsit"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: reader, namespace: shop }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader }
subjects: [{ kind: Group, name: system:authenticated }]
`;
const OTHER = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: wide }
rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]
`;

describe('document-scoped checks', () => {
  it('find on each document alone exactly what they find on the whole workspace (real manifests)', function () {
    this.timeout(60000);
    const model = corpusModel();
    const context = checkContext(model, DEFAULT_SETTINGS);
    const docs = model.allFiles().flatMap((file) => file.documents.filter((doc) => doc.objects.length > 0));
    const scoped = ALL_CHECKS.filter((check) => DOCUMENT_SCOPED.has(check.code));
    assert.strictEqual(scoped.length, DOCUMENT_SCOPED.size, 'every listed code is a check');
    for (const check of scoped) {
      const whole = check.run(context).map(key).sort();
      const alone = docs.flatMap((doc) => check.run({ ...context, index: restrictTo(context.index, new Set([doc])) })).map(key).sort();
      assert.deepStrictEqual(alone, whole, check.code);
    }
  });

  it('after an edit, run on the edited document only, and find what a fresh run finds', () => {
    const seen: string[] = [];
    const spy: Check = { ...ALL_CHECKS.find((c) => c.code === 'RBAC001')!, run: (context) => {
      seen.push(...context.index.roles.map((r) => r.name));
      return ALL_CHECKS.find((c) => c.code === 'RBAC001')!.run(context);
    } };
    const model = modelOf({ '/ws/shop.yaml': SHOP, '/ws/other.yaml': OTHER });
    runDocumentScoped([spy], checkContext(model, DEFAULT_SETTINGS));
    assert.deepStrictEqual(seen.sort(), ['reader', 'wide']);
    seen.length = 0;
    model.setFile('/ws/other.yaml', OTHER.replace('wide', 'wider'));
    const findings = runDocumentScoped([spy], checkContext(model, DEFAULT_SETTINGS));
    assert.deepStrictEqual(seen, ['wider'], 'the unchanged file is not checked again');
    assert.deepStrictEqual(findings.map((f) => `${f.file}:${f.range.start.line}`), ['/ws/shop.yaml:6']);
  });

  it('re-check a document that moved (lines inserted above it) and keep every finding in place', () => {
    const model = modelOf({ '/ws/shop.yaml': SHOP, '/ws/other.yaml': OTHER });
    const settings = DEFAULT_SETTINGS;
    analyse(model, settings);
    for (const text of [`# a comment\n# another\n${SHOP}`, SHOP.replace('reader, namespace', 'reader2, namespace'), `---\n${OTHER}---\n${SHOP}`, SHOP]) {
      model.setFile('/ws/shop.yaml', text);
      const incremental = analyse(model, settings).findings.map(key);
      const fresh = analyse(modelOf({ '/ws/shop.yaml': text, '/ws/other.yaml': OTHER }), settings).findings.map(key);
      assert.deepStrictEqual(incremental, fresh);
    }
  });

  it('re-check every document when the catalog changes (a CRD added)', () => {
    const role = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: widgets }
rules: [{ apiGroups: ["example.com"], resources: ["widgts"], verbs: ["get"] }]
`;
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.example.com }
spec:
  group: example.com
  scope: Namespaced
  names: { plural: widgets, singular: widget, kind: Widget }
  versions: [{ name: v1, served: true, storage: true }]
`;
    const model = modelOf({ '/ws/role.yaml': role });
    const before = analyse(model, DEFAULT_SETTINGS).findings.map(key);
    model.setFile('/ws/crd.yaml', crd);
    const after = analyse(model, DEFAULT_SETTINGS).findings.map(key);
    const fresh = analyse(modelOf({ '/ws/role.yaml': role, '/ws/crd.yaml': crd }), DEFAULT_SETTINGS).findings.map(key);
    assert.deepStrictEqual(after, fresh);
    assert.notDeepStrictEqual(after, before, 'the CRD makes widgts judgeable');
  });
});
