import * as assert from 'assert';
import { chartReports } from '../../../server/src/core/helm/chart/chart-report';
import { chartFiles, chartModel } from './chart-harness';

// `labels: {{- include "app.labels" . | nindent 4 }}` and then literal lines of the same mapping.
const AGGREGATED = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: {{ include "app.fullname" . }}-view
  labels: {{- include "app.labels" . | nindent 4 }}
    rbac.authorization.k8s.io/aggregate-to-view: "true"
rules:
  - apiGroups: ["metrics.k8s.io"]
    resources: ["pods"]
    verbs: ["get", "list"]
`;

describe('an action after a key that prints on lines of its own, with literal lines below it', () => {
  it('reads the block: the role is analysed with the printed and the literal labels', () => {
    const model = chartModel(chartFiles({ 'role.yaml': AGGREGATED }));
    const [role] = model.index.roles;
    assert.strictEqual(role?.name, 'release-app-view');
    assert.strictEqual(role.labels['rbac.authorization.k8s.io/aggregate-to-view'], 'true');
    const [report] = chartReports(model);
    assert.strictEqual(report.analysed, 1);
    assert.deepStrictEqual(report.skipped, []);
  });

  it('rules printed after `rules:` with literal rules below join the list and are judged', () => {
    const template = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ include "app.fullname" . }}
rules: {{- toYaml .Values.rbac.extraRules | nindent 2 }}
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get"]
`;
    const values = 'serviceAccount:\n  create: true\nrbac:\n  extraRules:\n    - apiGroups: [""]\n      resources: ["secrets"]\n      verbs: ["list"]\n';
    const model = chartModel(chartFiles({ 'role.yaml': template }, values));
    const [role] = model.index.roles;
    assert.deepStrictEqual(role.rules.map((r) => r.resources), [['secrets'], ['pods']]);
  });

  it('an action that prints inline (no new line first) stays a scalar: a block below it still does not read', () => {
    const template = AGGREGATED.replace('{{- include "app.labels" . | nindent 4 }}', '{{ include "app.name" . }}');
    const [report] = chartReports(chartModel(chartFiles({ 'role.yaml': template })));
    assert.strictEqual(report.analysed, 0);
    assert.match(report.skipped[0]?.reason ?? '', /does not read as YAML/);
  });

  it('an action that prints on new lines but has nothing deeper below it stays as it was read (a printed mapping)', () => {
    const template = AGGREGATED.replace('    rbac.authorization.k8s.io/aggregate-to-view: "true"\n', '');
    const [role] = chartModel(chartFiles({ 'role.yaml': template })).index.roles;
    assert.strictEqual(role?.labels['app.kubernetes.io/instance'], 'release');
  });
});
