import * as assert from 'assert';
import { chartReports } from '../../../server/src/core/helm/chart/chart-report';
import { chartFiles, chartModel } from './chart-harness';

const RULES = `rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get"]
`;

const skippedOf = (templates: Record<string, string>) => chartReports(chartModel(chartFiles(templates))).flatMap((r) => r.skipped.map((s) => `${s.what}: ${s.reason}`));

describe('objects whose namespace or apiVersion cannot be known', () => {
  it('a Role whose namespace is unknown is left out and said so, not placed in the release namespace', () => {
    const role = `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\n  namespace: {{ lookup "v1" "Namespace" "" "x" }}\n${RULES}`;
    const model = chartModel(chartFiles({ 'role.yaml': role }));
    assert.deepStrictEqual(model.index.roles, []);
    assert.deepStrictEqual(skippedOf({ 'role.yaml': role }), ['Role: its namespace is computed with `lookup`, which is not evaluated offline']);
  });

  it('a ClusterRole whose (ignored) namespace is unknown is still read', () => {
    const role = `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\n  namespace: {{ lookup "v1" "Namespace" "" "x" }}\n${RULES}`;
    assert.deepStrictEqual(chartModel(chartFiles({ 'role.yaml': role })).index.roles.map((r) => r.name), ['reader']);
  });

  it('a Role whose namespace is known from values is placed there', () => {
    const role = `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\n  namespace: {{ .Values.watchNamespace | default "ops" }}\n${RULES}`;
    assert.deepStrictEqual(chartModel(chartFiles({ 'role.yaml': role })).index.roles.map((r) => r.namespace?.value), ['ops']);
  });

  it('an apiVersion a helper asks the cluster for (`.Capabilities.APIVersions.Has`) leaves the object out, named for what is unknown', () => {
    // A removed version: whether the cluster still serves it is not known offline.
    const helper = '{{- define "app.rbacVersion" -}}{{- if .Capabilities.APIVersions.Has "rbac.authorization.k8s.io/v1beta1" -}}rbac.authorization.k8s.io/v1beta1{{- else -}}rbac.authorization.k8s.io/v1{{- end -}}{{- end -}}\n';
    const role = `${helper}apiVersion: {{ include "app.rbacVersion" . }}\nkind: Role\nmetadata:\n  name: reader\n${RULES}`;
    assert.deepStrictEqual(skippedOf({ 'role.yaml': role }), ['Role: its apiVersion is not known, so neither is the API its kind belongs to']);
  });

  describe('a helper that prints a whole `namespace: x` line, alone on its line', () => {
    const helper = '{{- define "app.namespace" -}}\n{{ printf "namespace: %s" (default .Release.Namespace .Values.forceNamespace) }}\n{{- end -}}\n';
    const templates = {
      '_ns.tpl': helper,
      'rbac.yaml': `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: reader\n{{ include "app.namespace" . | indent 2 }}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects:\n  - kind: ServiceAccount\n    name: app\n{{ include "app.namespace" . | indent 4 }}\n`,
    };
    const files = (values: string) => chartFiles(templates, values);

    it('is read where it stands: the binding and its subject sit in the namespace it prints', () => {
      const [binding] = chartModel(files('forceNamespace: monitoring\n')).index.bindings;
      assert.strictEqual(binding?.namespace?.value, 'monitoring');
      assert.deepStrictEqual(binding.subjects.map((s) => s.namespace), ['monitoring']);
    });

    it('printing more than its own span holds, it leaves the object out rather than place it in the release namespace', () => {
      const model = chartModel(files(`forceNamespace: ${'n'.repeat(60)}\n`));
      assert.deepStrictEqual(model.index.bindings, []);
      assert.deepStrictEqual(chartReports(model).flatMap((r) => r.skipped.map((x) => x.what)), ['RoleBinding']);
    });
  });

  it('`.Chart.Annotations.x` of a Chart.yaml without annotations is nil, as Helm\'s struct field (not a missing-key error)', () => {
    const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-{{ .Chart.Annotations.team | default "none" }}\n';
    assert.deepStrictEqual(chartModel(chartFiles({ 'sa.yaml': sa })).index.serviceAccounts.map((x) => x.name), ['sa-none']);
  });
});
