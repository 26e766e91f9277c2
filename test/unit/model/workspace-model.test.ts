import * as assert from 'assert';
import { parseFile } from '../../../server/src/core/model/parse-file';
import { splitDocuments } from '../../../server/src/core/model/split-documents';
import { stripCrdSchemas } from '../../../server/src/core/model/skim-document';
import { createWorkspaceModel } from '../../../server/src/core/workspace';
import { objectRange } from '../../../server/src/core/model/locate';
import { lineOf } from '../../helpers/text-position';

const ROLE_AND_BINDING = `# leading comment
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
  namespace: shop
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list"]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: big
data:
  x: "--- not a marker"
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: reader
  namespace: shop
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- kind: ServiceAccount
  name: app
`;

describe('workspace model', () => {
  it('splits multi-document files on document markers only', () => {
    const spans = splitDocuments(ROLE_AND_BINDING);
    assert.strictEqual(spans.length, 3);
    assert.ok(ROLE_AND_BINDING.slice(spans[2].start).startsWith('---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding'));
  });

  it('reads roles and bindings with source positions and skips unrelated kinds unparsed', () => {
    const file = parseFile('/w/rbac.yaml', ROLE_AND_BINDING);
    const [role, configMap, binding] = file.documents;
    assert.strictEqual(role.objects[0].kind, 'Role');
    assert.deepStrictEqual((role.objects[0] as { rules: unknown }).rules, [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }]);
    assert.strictEqual(configMap.skipped, 'not-rbac-relevant');
    assert.strictEqual(configMap.yaml, undefined);
    assert.strictEqual(binding.objects[0].kind, 'RoleBinding');
    assert.strictEqual(objectRange(file, binding.objects[0]).start.line, lineOf(ROLE_AND_BINDING, 'kind: RoleBinding') - 1);
  });

  it('re-parses only the document that changed', () => {
    const first = parseFile('/w/rbac.yaml', ROLE_AND_BINDING);
    const edited = ROLE_AND_BINDING.replace('name: big', 'name: bigger');
    const second = parseFile('/w/rbac.yaml', edited, first);
    assert.strictEqual(second.documents[0], first.documents[0]);
    assert.strictEqual(second.documents[2], first.documents[2]);
    assert.strictEqual(second.documents[2].start, edited.indexOf('---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding'));
  });

  it('expands List kinds into their items', () => {
    const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleList
items:
- apiVersion: rbac.authorization.k8s.io/v1
  kind: Role
  metadata: {name: a, namespace: x}
  rules: []
- apiVersion: rbac.authorization.k8s.io/v1
  kind: Role
  metadata: {name: b, namespace: y}
`;
    const objects = parseFile('/w/list.yaml', text).documents[0].objects;
    assert.deepStrictEqual(objects.map((o) => [o.name, o.namespace?.value, o.listIndex]), [['a', 'x', 0], ['b', 'y', 1]]);
  });

  it('skips Helm templates that break YAML, analyses valid YAML containing {{ in strings, survives broken YAML', () => {
    const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ include "x.fullname" . }}
  {{- with .Values.labels }}
  labels: {{ toYaml . | nindent 4 }}
  {{- end }}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      serviceAccountName: web
      containers:
      - name: c
        image: "repo/web:{{ version }}"
---
kind: Role
metadata: [unclosed
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
`;
    const file = parseFile('/w/mixed.yaml', text);
    assert.deepStrictEqual(file.documents.map((d) => d.skipped), ['template', undefined, 'broken', undefined]);
    assert.strictEqual((file.documents[1].objects[0] as { serviceAccountName?: string }).serviceAccountName, 'web');
    assert.strictEqual(file.documents[3].objects[0].kind, 'ServiceAccount');
  });

  it('ignores non-Kubernetes YAML silently', () => {
    const workflow = parseFile('/w/.github/ci.yml', 'name: CI\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n');
    assert.deepStrictEqual(workflow.documents.map((d) => [d.skipped, d.objects.length]), [['not-kubernetes', 0]]);
  });

  it('reads CRDs without their schemas', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets, singular: widget, shortNames: [wg]}
  scope: Cluster
  versions:
  - name: v1
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: {type: object}
    subresources:
      status: {}
`;
    assert.ok(!stripCrdSchemas(crd)?.includes('properties'));
    const object = parseFile('/w/crd.yaml', crd).documents[0].objects[0];
    assert.deepStrictEqual(
      object.kind === 'CustomResourceDefinition' && [object.group, object.plural, object.scope, object.shortNames, object.subresources],
      ['example.com', 'widgets', 'Cluster', ['wg'], ['status']],
    );
  });
});

describe('namespaces', () => {
  it('gives objects the namespace of the kustomization that includes them, outer kustomization first', () => {
    const model = createWorkspaceModel();
    model.setFile('/w/base/kustomization.yaml', 'namespace: inner\nresources:\n- sa.yaml\n');
    model.setFile('/w/base/sa.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  namespace: written\n');
    model.setFile('/w/overlay/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: outer\nresources:\n- ../base\n');
    assert.deepStrictEqual(model.index.serviceAccounts[0].namespace, { value: 'outer', source: 'kustomize' });
  });

  it('leaves a file reached by builds with different namespaces to its own namespace', () => {
    const model = createWorkspaceModel();
    model.setFile('/w/base/kustomization.yaml', 'resources:\n- sa.yaml\n');
    model.setFile('/w/base/sa.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n');
    model.setFile('/w/a/kustomization.yaml', 'namespace: a\nresources:\n- ../base\n');
    model.setFile('/w/b/kustomization.yaml', 'namespace: b\nresources:\n- ../base\n');
    assert.strictEqual(model.index.serviceAccounts[0].namespace?.source, 'implicit');
  });

  it('assumes the namespace that explicit subjects name for implicit ServiceAccounts (kubectl apply -n)', () => {
    const model = createWorkspaceModel();
    model.setFile('/w/install.yaml', `apiVersion: v1
kind: ServiceAccount
metadata: {name: server}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: server}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: server}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: server}
subjects: [{kind: ServiceAccount, name: server, namespace: argocd}]
`);
    assert.deepStrictEqual(model.index.roles[0].namespace, { value: 'argocd', source: 'implicit' });
    assert.deepStrictEqual(model.index.serviceAccounts[0].namespace, { value: 'argocd', source: 'implicit' });
  });

  it('defaults to `default` when nothing says otherwise', () => {
    const model = createWorkspaceModel();
    model.setFile('/w/sa.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: x}\n');
    assert.deepStrictEqual(model.index.serviceAccounts[0].namespace, { value: 'default', source: 'implicit' });
  });
});
