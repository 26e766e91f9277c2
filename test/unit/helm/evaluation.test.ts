import * as assert from 'assert';
import { renderNodes, type EvalEnv } from '../../../server/src/core/helm/template/evaluate';
import { parseTemplate } from '../../../server/src/core/helm/template/parse-template';
import { UNKNOWN, type Value } from '../../../server/src/core/helm/template/template-values';

const ROOT: Value = {
  Values: { name: 'web', empty: '', list: ['a', 'b'], on: true, off: false, nested: { key: 'v' }, count: 3 },
  Release: { Name: 'shop', Namespace: 'prod' },
  Chart: { Name: 'app', Version: '1.0.0' },
  Capabilities: { KubeVersion: { Version: 'v1.32.0' }, APIVersions: UNKNOWN },
  Files: UNKNOWN,
};

function render(source: string, helpers = ''): Value {
  const template = parseTemplate(helpers + source);
  const defines = new Map(template.defines.map((define) => [define.name, { define, text: template.text, file: 't' }]));
  const env: EvalEnv = { defines, steps: 100_000, depth: 20 };
  return renderNodes(env, template.nodes, template.text, ROOT);
}

describe('template evaluation without Helm', () => {
  const cases: [string, string][] = [
    ['{{ .Values.name }}', 'web'],
    ['{{ default "x" .Values.empty }}', 'x'],
    ['{{ .Values.empty | default "y" }}', 'y'],
    ['{{ printf "%s-%s" .Release.Name .Chart.Name }}', 'shop-app'],
    ['{{ "abcdef" | trunc 3 }}', 'abc'],
    ['{{ "name-" | trimSuffix "-" }}', 'name'],
    ['{{ .Values.name | quote }}', '"web"'],
    ['{{ "WEB" | lower }}', 'web'],
    ['{{ "a.b" | replace "." "-" }}', 'a-b'],
    ['{{ required "needed" .Values.name }}', 'web'],
    ['{{ tpl "plain" . }}', 'plain'],
    ['{{ tpl "{{ .Values.name }}-{{ .Release.Namespace }}" . }}', 'web-prod'],
    ['{{ tpl "{{ include \\"x\\" . }}" . }}', 'web!'],
    ['{{ tpl "{{ .name }}" .Values }}', 'web'],
    ['{{ .Values.on | ternary "Role" "ClusterRole" }}', 'Role'],
    ['{{ if .Values.on }}yes{{ else }}no{{ end }}', 'yes'],
    ['{{ if .Values.off }}yes{{ else if .Values.on }}elif{{ end }}', 'elif'],
    ['{{ if and .Values.on (eq .Values.name "web") }}both{{ end }}', 'both'],
    ['{{ if or .Values.off .Values.missing }}x{{ else }}neither{{ end }}', 'neither'],
    ['{{ if not .Values.off }}not{{ end }}', 'not'],
    ['{{ with .Values.nested }}{{ .key }}{{ end }}', 'v'],
    ['{{ range .Values.list }}{{ . }},{{ end }}', 'a,b,'],
    ['{{ range $i, $v := .Values.list }}{{ $i }}={{ $v }} {{ end }}', '0=a 1=b '],
    ['{{ range (join "," .Values.list) | split "," }}[{{ . }}]{{ end }}', '[a][b]'],
    ['{{ range $k, $v := split "," "x,y" }}{{ $k }}={{ $v }} {{ end }}', '_0=x _1=y '],
    ['{{ join "," .Values.name }}|{{ join "," .Values.missing }}', 'web|'],
    ['{{ $n := .Values.name }}{{ $n }}-{{ $.Release.Name }}', 'web-shop'],
    ['a  {{- "b" -}}  c', 'abc'],
    ['{{ include "x" . }}', 'web!'],
    ['{{ template "x" . }}', 'web!'],
    ['{{ .Values.count }}', '3'],
    ['{{ if semverCompare ">=1.21-0" .Capabilities.KubeVersion.Version }}new{{ end }}', 'new'],
    ['{{/* a comment */}}kept', 'kept'],
    ['{{ (.Values.missing).deeper }}|{{ $m := .Values.missing }}{{ $m.deeper }}', '|'],
  ];
  for (const [source, expected] of cases) {
    it(`${source} → ${JSON.stringify(expected)}`, () => {
      assert.strictEqual(render(source, '{{- define "x" -}}{{ .Values.name }}!{{- end -}}'), expected);
    });
  }

  it('what needs the cluster or an unknown function stays unknown, also through conditions and helpers', () => {
    for (const source of [
      '{{ lookup "v1" "Secret" "ns" "name" }}',
      '{{ .Files.Get "x" }}',
      // A CRD's group depends on the cluster (a version Kubernetes serves is known: api-versions.test.ts).
      '{{ if .Capabilities.APIVersions.Has "monitoring.coreos.com/v1" }}a{{ else }}b{{ end }}',
      '{{ include "missing" . }}',
      '{{ required "needed" .Values.missing }}',
      '{{ tpl "{{ .Files.Get \\"x\\" }}" . }}',
      '{{ tpl "{{ define \\"own\\" }}x{{ end }}{{ .Values.name }}" . }}',
      '{{ tpl "{{ if }}" . }}',
      '{{ and .Values.on (lookup "v1" "x" "" "") }}',
      // Helm stops: "nil pointer evaluating interface {}.deeper" (a missing key, then a field of it).
      '{{ .Values.missing.deeper }}',
      '{{ if .Values.missing.enabled }}a{{ else }}b{{ end }}',
    ]) assert.strictEqual(render(source), UNKNOWN, source);
  });

  it('short-circuits: a false `and` and a true `or` are known even next to an unknown', () => {
    assert.strictEqual(render('{{ if and .Values.off (lookup "v1" "x" "" "") }}a{{ else }}b{{ end }}'), 'b');
    assert.strictEqual(render('{{ if or .Values.on (lookup "v1" "x" "" "") }}a{{ else }}b{{ end }}'), 'a');
  });

  it('a recursive include ends within its budget instead of hanging', () => {
    const started = Date.now();
    const result = (() => {
      try {
        return render('{{ include "loop" . }}', '{{- define "loop" -}}{{ include "loop" . }}{{ include "loop" . }}{{- end -}}');
      } catch (error) {
        return (error as Error).name;
      }
    })();
    assert.ok(result === UNKNOWN || result === 'Error', String(result));
    assert.ok(Date.now() - started < 5000);
  });

  it('malformed templates are reported, never thrown', () => {
    for (const source of ['{{ if .Values.on }}unclosed', '{{ end }}', '{{ "unterminated }}', '{{ .Values.name', '{{ ( }}']) {
      const template = parseTemplate(source);
      assert.ok(template.errors.length > 0, source);
    }
  });
});
