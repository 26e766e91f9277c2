import * as assert from 'assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { chartReports } from '../../../server/src/core/helm/chart/chart-report';
import { loadWorkspace } from '../../../server/src/node/load-workspace';

describe('`key: {{- … | nindent N }}` followed by literal lines of the same mapping (bitnami\'s labels)', () => {
  it('reads the object even when the printed block is not known', () => {
    const chart = join(mkdtempSync(join(tmpdir(), 'rbac-doctor-nindent-')), 'app');
    mkdirSync(join(chart, 'templates'), { recursive: true });
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: app\nversion: 1.0.0\n');
    writeFileSync(join(chart, 'values.yaml'), 'labels: {}\n');
    writeFileSync(join(chart, 'templates/role.yaml'), [
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: Role',
      'metadata:',
      '  name: app-reader',
      // A lookup in a cluster is never known here: the printed labels are unknown.
      '  labels: {{- lookup "v1" "ConfigMap" "x" "y" | toYaml | nindent 4 }}',
      '    app.kubernetes.io/component: reader',
      'rules:',
      '  - apiGroups: [""]',
      '    resources: ["pods"]',
      '    verbs: ["get"]',
      '',
    ].join('\n'));
    const model = loadWorkspace([chart]);
    assert.deepStrictEqual(model.index.roles.map((r) => r.name), ['app-reader']);
    assert.strictEqual(model.index.roles[0].labels['app.kubernetes.io/component'], 'reader');
    assert.deepStrictEqual(chartReports(model)[0].skipped, []);
  });
});

describe('a pod spec printed by a helper (`spec: {{- include "app.pod" . | nindent 6 }}`)', () => {
  it('gives the workload the serviceAccountName Helm renders there', () => {
    const chart = join(mkdtempSync(join(tmpdir(), 'rbac-doctor-podspec-')), 'app');
    mkdirSync(join(chart, 'templates'), { recursive: true });
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: app\nversion: 1.0.0\n');
    writeFileSync(join(chart, 'values.yaml'), 'serviceAccount:\n  name: runner\n');
    writeFileSync(join(chart, 'templates/_pod.tpl'), '{{- define "app.pod" -}}\nserviceAccountName: {{ .Values.serviceAccount.name }}\ncontainers:\n  - name: app\n    image: app:1\n{{- end -}}\n');
    writeFileSync(join(chart, 'templates/deployment.yaml'), [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: app',
      'spec:',
      '  template:',
      '    spec:',
      '      {{- include "app.pod" . | nindent 6 }}',
      '',
    ].join('\n'));
    const model = loadWorkspace([chart]);
    assert.deepStrictEqual(model.index.workloads.map((w) => [w.name, w.serviceAccountName]), [['app', 'runner']]);
  });
});
