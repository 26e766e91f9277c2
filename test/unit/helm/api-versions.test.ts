import * as assert from 'assert';
import { chartReports } from '../../../server/src/core/helm/chart/chart-report';
import { renderNodes, type EvalEnv } from '../../../server/src/core/helm/template/evaluate';
import { parseTemplate } from '../../../server/src/core/helm/template/parse-template';
import { isUnknown, UNKNOWN, type Value } from '../../../server/src/core/helm/template/template-values';
import { lineOf } from '../../helpers/text-position';
import { CHART, chartFiles, chartModel, codesAt, findingsOf, HELPERS } from './chart-harness';

const ROOT: Value = { Values: { on: true }, Release: { Name: 'r', Namespace: 'n' }, Chart: { Name: 'app' }, Capabilities: { APIVersions: UNKNOWN }, Files: UNKNOWN };

function render(source: string): Value {
  const template = parseTemplate(source);
  const env: EvalEnv = { defines: new Map(), steps: 100_000, depth: 20 };
  return renderNodes(env, template.nodes, template.text, ROOT);
}

// The helper many charts copy: the RBAC API version from the cluster's capabilities.
const RBAC_API_VERSION = `{{- define "app.rbac.apiVersion" -}}
{{- if .Capabilities.APIVersions.Has "rbac.authorization.k8s.io/v1" -}}
rbac.authorization.k8s.io/v1
{{- else -}}
rbac.authorization.k8s.io/v1beta1
{{- end -}}
{{- end -}}
`;

const ROLE = `apiVersion: {{ include "app.rbac.apiVersion" . }}
kind: Role
metadata:
  name: {{ include "app.fullname" . }}
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get", "lsit"]
`;

describe('.Capabilities.APIVersions.Has: the versions the assumed Kubernetes serves', () => {
  it('is true for a served group/version and group/version/Kind, from `.` and from `$`', () => {
    assert.strictEqual(render('{{ .Capabilities.APIVersions.Has "rbac.authorization.k8s.io/v1" }}'), 'true');
    assert.strictEqual(render('{{ .Capabilities.APIVersions.Has "v1" }}'), 'true');
    assert.strictEqual(render('{{ if .Capabilities.APIVersions.Has "apps/v1/Deployment" }}yes{{ end }}'), 'yes');
    assert.strictEqual(render('{{ with .Values }}{{ if $.Capabilities.APIVersions.Has "policy/v1" }}yes{{ end }}{{ end }}'), 'yes');
  });

  it('is unknown for what depends on the cluster: a CRD group, a removed version, a kind of another version, odd arguments', () => {
    for (const call of ['"monitoring.coreos.com/v1"', '"policy/v1beta1/PodSecurityPolicy"', '"rbac.authorization.k8s.io/v1beta1"',
      '"apps/v1/CronJob"', '"rbac.authorization.k8s.io"', '""', '.Values.missing', '"v1" "v2"']) {
      assert.ok(isUnknown(render(`{{ .Capabilities.APIVersions.Has ${call} }}`)), call);
    }
    // Not the template's root: `.Capabilities` of a values map is a plain (missing) key, and a method call on it unknown.
    assert.ok(isUnknown(render('{{ with .Values }}{{ .Capabilities.APIVersions.Has "v1" }}{{ end }}')));
  });

  it('a Role whose apiVersion a capabilities helper prints is analysed, and its typo found at its line', () => {
    const files = chartFiles({ '_rbac.tpl': RBAC_API_VERSION, 'role.yaml': ROLE });
    files[`${CHART}/templates/_helpers.tpl`] = HELPERS;
    const findings = findingsOf(files).filter((f) => f.file === `${CHART}/templates/role.yaml`);
    assert.deepStrictEqual(codesAt(findings, `${CHART}/templates/role.yaml`).filter((f) => f.code === 'RBAC001'), [{ code: 'RBAC001', line: lineOf(ROLE, 'lsit') }]);
    const report = chartReports(chartModel(files))[0];
    assert.strictEqual(report.analysed, 1);
    assert.deepStrictEqual(report.skipped, []);
  });

  it('a helper that asks for a CRD group leaves the object out, as before', () => {
    const crdHelper = RBAC_API_VERSION.replace('"rbac.authorization.k8s.io/v1"', '"monitoring.coreos.com/v1"');
    const report = chartReports(chartModel(chartFiles({ '_rbac.tpl': crdHelper, 'role.yaml': ROLE })))[0];
    assert.strictEqual(report.analysed, 0);
    assert.strictEqual(report.skipped.length, 1);
  });
});
