import * as assert from 'assert';
import { renderNodes, type EvalEnv } from '../../../server/src/core/helm/template/evaluate';
import { parseTemplate } from '../../../server/src/core/helm/template/parse-template';
import { COLLECTION_FUNCTIONS } from '../../../server/src/core/helm/template/functions/collection-functions';
import { UNKNOWN, type Value } from '../../../server/src/core/helm/template/template-values';
import { growthRatio, LINEAR_GROWTH_LIMIT } from '../../helpers/growth';

const ROOT: Value = {
  Values: {
    labels: { team: 'a', empty: '' },
    nested: { a: { b: 'deep' } },
    list: ['x', 'y', 'x', ''],
    numbers: [1, 1],
    rules: [{ verbs: ['get'] }],
    loop: '{{ tpl .Values.loop . }}',
  },
  Release: { Name: 'shop', Namespace: 'prod' },
  Chart: { Name: 'app' },
  Capabilities: { KubeVersion: { Version: 'v1.32.0' }, APIVersions: UNKNOWN },
  Files: UNKNOWN,
};

function render(source: string): Value {
  const template = parseTemplate(source);
  const env: EvalEnv = { defines: new Map(), steps: 100_000, depth: 20 };
  return renderNodes(env, template.nodes, template.text, ROOT);
}

describe('sprig dictionary and list functions', () => {
  const known: [string, string][] = [
    // merge: what the first map has stays; mergeOverwrite: later maps win, maps merge key by key.
    ['{{ merge (dict "a" "1") (dict "a" "2" "b" "3") | toJson }}', '{"a":"1","b":"3"}'],
    ['{{ mergeOverwrite (dict "a" "1" "m" (dict "x" "1")) (dict "a" "2" "m" (dict "y" "2")) | toJson }}', '{"a":"2","m":{"x":"1","y":"2"}}'],
    ['{{ mergeOverwrite (dict "on" true) (dict "on" false) | toJson }}', '{"on":false}'],
    ['{{ $m := merge .Values.labels (dict "app" "web" "team" "b") }}{{ keys $m | join "," }} {{ $m.team }}', 'app,empty,team a'],
    ['{{ $_ := merge .Values.labels (dict "x" "y") }}{{ .Values.labels | toJson }}', '{"empty":"","team":"a"}'],
    // Go's encoding/json: keys sorted, <, > and & escaped (not by toRawJson), pretty form indented by two.
    ['{{ dict "b" "<x&y>" "a" (list 1 2) | toJson }}', '{"a":[1,2],"b":"\\u003cx\\u0026y\\u003e"}'],
    ['{{ dict "b" "<x>" | toRawJson }}', '{"b":"<x>"}'],
    ['{{ dict "a" (dict "c" 1 "b" 2) | toPrettyJson }}', '{\n  "a": {\n    "b": 2,\n    "c": 1\n  }\n}'],
    ['{{ $d := dict "a" "1" }}{{ $_ := merge $d (dict "b" "2") }}{{ $d | toJson }}', '{"a":"1","b":"2"}'],
    ['{{ merge ("" | fromYaml) (dict "k" "v") | toJson }}', '{"k":"v"}'],
    ['{{ pick .Values.labels "team" "none" | toJson }}', '{"team":"a"}'],
    ['{{ omit .Values.labels "team" | toJson }}', '{"empty":""}'],
    ['{{ $d := dict }}{{ $_ := set $d "k" "v" }}{{ $d.k }}', 'v'],
    ['{{ $d := dict "k" "v" }}{{ $_ := unset $d "k" }}{{ len $d }}', '0'],
    ['{{ dig "a" "b" "none" .Values.nested }}|{{ dig "a" "c" "none" .Values.nested }}', 'deep|none'],
    ['{{ "a: 1\\nb: [x]" | fromYaml | toJson }}', '{"a":1,"b":["x"]}'],
    ['{{ "" | fromYaml | toJson }}', '{}'],
    ['{{ "{\\"a\\":\\"b\\"}" | fromJson | toJson }}', '{"a":"b"}'],
    ['{{ uniq .Values.list | toJson }}', '["x","y",""]'],
    ['{{ compact .Values.list | toJson }}', '["x","y","x"]'],
    ['{{ without .Values.list "x" | toJson }}', '["y",""]'],
    ['{{ append .Values.list "z" | last }}|{{ prepend .Values.list "z" | first }}', 'z|z'],
    ['{{ concat (list "a") .Values.list | len }}', '5'],
    ['{{ rest .Values.list | first }}|{{ initial .Values.list | len }}|{{ reverse .Values.list | first }}', 'y|3|'],
    ['{{ sortAlpha (list "b" "a" "C") | toJson }}', '["C","a","b"]'],
    ['{{ "web" | b64enc }}|{{ "d2Vi" | b64dec }}', 'd2Vi|web'],
    ['{{ mustMerge (dict "a" "1") (dict "b" "2") | toJson }}', '{"a":"1","b":"2"}'],
    ['{{ dict "a" "1" "b" | toJson }}', '{"a":"1","b":""}'],
    ['{{ deepCopy .Values.rules | toJson }}', '[{"verbs":["get"]}]'],
  ];
  for (const [source, expected] of known) {
    it(`${source} → ${JSON.stringify(expected)}`, () => assert.strictEqual(render(source), expected));
  }

  const unknown: [string, string][] = [
    ['{{ merge .Values.labels (dict "empty" "x") | toJson }}', 'an empty value met by merge: kept or replaced depending on the mergo version'],
    ['{{ mergeOverwrite (dict "a" "1") (dict "a" (dict "x" "y")) | toJson }}', 'a map put over a value that is no map'],
    ['{{ $_ := set .Values.labels "k" "v" }}{{ $_ }}', 'a values map is never changed in place'],
    ['{{ "- a\\n- b" | fromYaml | toJson }}', 'fromYaml of a list is an error map in Helm'],
    ['{{ uniq .Values.numbers | toJson }}', 'numbers: int or float64 decide equality in Go, and values no longer say which'],
    ['{{ dig "a" "b" "c" "none" .Values.nested }}', 'a step through a value that is no map'],
    ['{{ "not base64!" | b64dec }}', 'invalid base64'],
    ['{{ append .Values.missing "z" | toJson }}', 'append to nil is an error'],
    ['{{ dict "k" (lookup "v1" "Secret" "" "x") | toJson }}', 'a map holding an unknown value (JSON.stringify would drop it)'],
    ['{{ tpl .Values.loop . }}', 'a value that tpls itself ends at the include depth instead of hanging'],
  ];
  for (const [source, why] of unknown) {
    it(`${source} is unknown: ${why}`, () => assert.strictEqual(render(source), UNKNOWN));
  }
});

describe('uniq and without on long lists', () => {
  const strings = (size: number): Value[] => Array.from({ length: size }, (_, i) => `item-${i % (size >> 1)}`);

  it('lists of strings, booleans and nil: the exact answer, in time linear in the list', () => {
    assert.deepStrictEqual(COLLECTION_FUNCTIONS.uniq([['a', true, null, 'a', null, 'b', true]]), ['a', true, null, 'b']);
    assert.deepStrictEqual(COLLECTION_FUNCTIONS.without([['a', true, null, 'b'], 'a', null]), [true, 'b']);
    const uniq = growthRatio(strings, (list) => COLLECTION_FUNCTIONS.uniq([list]), { start: 2_000, max: 200_000 });
    assert.ok(uniq.ratio < LINEAR_GROWTH_LIMIT, `uniq: ×${uniq.ratio.toFixed(2)} for twice the items`);
    const without = growthRatio(strings, (list) => COLLECTION_FUNCTIONS.without([list, ...list.slice(0, list.length >> 2)]), { start: 2_000, max: 200_000 });
    assert.ok(without.ratio < LINEAR_GROWTH_LIMIT, `without: ×${without.ratio.toFixed(2)} for twice the items`);
  });

  it('long lists of maps, compared pair by pair, are unknown rather than slow', () => {
    const maps = Array.from({ length: 1_500 }, (_, i) => ({ name: `m${i}` }));
    assert.strictEqual(COLLECTION_FUNCTIONS.uniq([maps]), UNKNOWN);
    assert.deepStrictEqual(COLLECTION_FUNCTIONS.uniq([maps.slice(0, 3).concat(maps.slice(0, 1))]), maps.slice(0, 3));
  });
});
