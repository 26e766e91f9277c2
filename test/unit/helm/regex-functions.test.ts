import * as assert from 'assert';
import { renderNodes, type EvalEnv } from '../../../server/src/core/helm/template/evaluate';
import { parseTemplate } from '../../../server/src/core/helm/template/parse-template';
import { UNKNOWN, type Value } from '../../../server/src/core/helm/template/template-values';

const ROOT: Value = { Values: { tag: 'v1.2.3@sha256:abc', name: 'My_App.v2', long: 'a'.repeat(300) }, Release: { Name: 'shop' } };

function render(source: string): Value {
  const template = parseTemplate(source);
  const env: EvalEnv = { defines: new Map(), steps: 100_000, depth: 20 };
  return renderNodes(env, template.nodes, template.text, ROOT);
}

describe('sprig regular-expression functions (the part of RE2 JavaScript runs alike)', () => {
  const known: [string, string][] = [
    ['{{ mustRegexReplaceAllLiteral "@sha.*" .Values.tag "" }}', 'v1.2.3'],
    ['{{ regexReplaceAll "[^a-z0-9-]" (lower .Values.name) "-" }}', 'my-app-v2'],
    ['{{ regexMatch "^v[0-9]+\\\\.[0-9]+" .Values.tag }}', 'true'],
    ['{{ regexMatch "^x" .Values.tag }}', 'false'],
    ['{{ regexFind "v[0-9]+\\\\.[0-9]+\\\\.[0-9]+" .Values.tag }}|{{ regexFind "z+" .Values.tag }}', 'v1.2.3|'],
    ['{{ regexFindAll "[0-9]" "a1b2c3" -1 | join "," }}|{{ regexFindAll "[0-9]" "a1b2c3" 2 | join "," }}', '1,2,3|1,2'],
    ['{{ regexSplit "[.@]" .Values.tag -1 | join "|" }}', 'v1|2|3|sha256:abc'],
    ['{{ regexSplit "(a)" "xay" -1 | join "|" }}', 'x|y'],
    ['{{ regexReplaceAll "\\\\s+" "a b\\tc" "_" }}', 'a_b_c'],
  ];
  for (const [source, expected] of known) {
    it(`${source} → ${JSON.stringify(expected)}`, () => assert.strictEqual(render(source), expected));
  }

  const unknown: [string, string][] = [
    ['{{ regexMatch "(a+)+$" "aaaa" }}', 'a quantified group holding a quantifier (catastrophic backtracking)'],
    ['{{ regexMatch "(a|aa)*" "aaaa" }}', 'a quantified alternation'],
    ['{{ regexMatch "(?i)abc" "ABC" }}', 'RE2 flags JavaScript writes otherwise'],
    ['{{ regexMatch "\\\\pL" "a" }}', 'Unicode classes'],
    ['{{ regexMatch "(a)\\\\1" "aa" }}', 'a back-reference in JavaScript, an error in RE2'],
    ['{{ regexReplaceAll "a*" "baaac" "-" }}', 'an empty match after a match: Go drops it, JavaScript does not'],
    ['{{ regexReplaceAll "(v)" .Values.tag "${1}x" }}', '`$` expansion differs'],
    ['{{ regexMatch "a" .Values.long }}', 'long input'],
    ['{{ regexMatch "é" "é" }}', 'non-ASCII text'],
  ];
  for (const [source, why] of unknown) {
    it(`${source} is unknown: ${why}`, () => assert.strictEqual(render(source), UNKNOWN));
  }
});
