import * as assert from 'assert';
import { renderNodes, type EvalEnv } from '../../../server/src/core/helm/template/evaluate';
import { parseTemplate } from '../../../server/src/core/helm/template/parse-template';
import { UNKNOWN, type Value } from '../../../server/src/core/helm/template/template-values';

const ROOT: Value = {
  Values: { name: 'web', port: 8080, list: ['a', 'b'], on: true, off: false, nested: { key: 'v' } },
  Release: { Name: 'shop' },
  Chart: { Name: 'app' },
};

function render(source: string): Value {
  const template = parseTemplate(`{{- define "x" -}}{{ .n }}!{{- end -}}${source}`);
  assert.deepStrictEqual(template.errors, []);
  const defines = new Map(template.defines.map((define) => [define.name, { define, text: template.text, file: 't' }]));
  const env: EvalEnv = { defines, steps: 100_000, depth: 20, rendered: new Map() };
  return renderNodes(env, template.nodes, template.text, ROOT);
}

describe('template variables, operands and literals', () => {
  const cases: [string, Value][] = [
    // A variable lives in the body that declares it; `=` assigns where it was declared.
    ['{{ if .Values.on }}{{ $x := "in" }}{{ end }}{{ $x }}', UNKNOWN],
    ['{{ if $n := .Values.name }}{{ $n }}{{ end }}{{ $n }}', UNKNOWN],
    ['{{ $x := "a" }}{{ if .Values.on }}{{ $x = "b" }}{{ end }}{{ $x }}', 'b'],
    ['{{ $x := "a" }}{{ if .Values.on }}{{ $x := "b" }}{{ $x }}{{ end }}{{ $x }}', 'ba'],
    ['{{ $x := "a" }}{{ range .Values.list }}{{ $x = . }}{{ end }}{{ $x }}', 'b'],
    ['{{ range $v := .Values.list }}{{ $v }}{{ $.Release.Name }}{{ end }}', 'ashopbshop'],
    ['{{ range $i, $e := .Values.list }}{{ $i }}{{ $e }}{{ break }}{{ end }}', '0a'],
    ['{{ with $v := .Values.nested }}{{ $v.key }}{{ .key }}{{ end }}', 'vv'],
    ['{{ $.Values.name }}{{ $.Chart.Name }}', 'webapp'],
    // The piped value is the last argument, also of `and` and `or`.
    ['{{ .Values.off | and .Values.on }}', 'false'],
    ['{{ .Values.name | or .Values.off }}', 'web'],
    ['{{ and }}|{{ or }}', 'true|false'],
    ['{{ nosuch .Values.name }}', UNKNOWN],
    // A define included with different dots prints each one's output.
    ['{{ include "x" (dict "n" 1) }}{{ include "x" (dict "n" 2) }}{{ include "x" (dict "n" 1) }}', '1!2!1!'],
    // A map the template made may change in place between two includes of it: the define is rendered again.
    ['{{ $d := dict "n" 1 }}{{ include "x" $d }}{{ $_ := set $d "n" 2 }}{{ include "x" $d }}{{ $_ := unset $d "n" }}{{ include "x" $d }}', '1!2!!'],
    ['{{ $d := dict "n" 1 }}{{ include "x" $d }}{{ $_ := merge $d (dict "m" 3) }}{{ $_ := set $d "n" 4 }}{{ include "x" $d }}', '1!4!'],
    // Literals and operands as Go's lexer reads them.
    ["{{ 0x1F }} {{ 1_000 }} {{ 'a' }} {{ -3 }} {{ +4 }} {{ 1.5e3 }}", '31 1000 97 -3 4 1500'],
    ['{{ (.Values.nested).key }}|{{ (dict "a" (dict "b" "c")).a.b }}', 'v|c'],
    ['{{- /* c */ -}} x {{/* y */}}', 'x '],
    ['{{ "a}}b" }}|{{ `r}}` }}|{{ "q\\"x" }}', 'a}}b|r}}|q"x'],
  ];
  for (const [source, expected] of cases) {
    it(`${source} → ${expected === UNKNOWN ? 'unknown' : JSON.stringify(expected)}`, () => {
      assert.strictEqual(render(source), expected);
    });
  }
});

describe('names JavaScript objects have are no template functions and no values keys', () => {
  const cases: [string, Value][] = [
    ['{{ .Values.port | toString }}|{{ toString 5 }}', '8080|5'],
    ['{{ .Values.name | valueOf }}', UNKNOWN],
    ['{{ .Values.name | constructor }}', UNKNOWN],
    ['{{ hasOwnProperty }}', UNKNOWN],
    ['{{ .Values.constructor }}|{{ .Values.nested.toString }}|{{ $.Values.__proto__ }}', '||'],
    ['{{ hasKey .Values "toString" }}|{{ hasKey .Values "name" }}', 'false|true'],
    ['{{ get .Values "constructor" }}|{{ index .Values "valueOf" }}|{{ index .Values "name" }}', '||web'],
    ['{{ if .Values.hasOwnProperty }}yes{{ else }}no{{ end }}', 'no'],
  ];
  for (const [source, expected] of cases) {
    it(`${source} → ${expected === UNKNOWN ? 'unknown' : JSON.stringify(expected)}`, () => {
      assert.strictEqual(render(source), expected);
    });
  }
});
