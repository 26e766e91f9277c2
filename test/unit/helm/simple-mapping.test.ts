import * as assert from 'assert';
import { parse } from 'yaml';
import { simpleMapping } from '../../../server/src/core/helm/template/functions/simple-mapping';
import { FUNCTIONS } from '../../../server/src/core/helm/template/functions/template-functions';
import { fromPlain } from '../../../server/src/core/helm/template/template-values';

/** What fromYaml's parser makes of the text (as JSON), or a marker when it throws or reads nothing. */
function parsed(text: string): string {
  try {
    const data: unknown = parse(text, { prettyErrors: false, logLevel: 'silent', maxAliasCount: 100 });
    return data === null || data === undefined ? 'empty' : JSON.stringify(fromPlain(data));
  } catch {
    return 'throws';
  }
}

/** Deterministic pseudo-random mapping texts: plain and odd keys, scalars of every kind, nested maps, lists, comments, CRLF. */
function texts(count: number): string[] {
  const scalars = ['a', '1', '-5', '"1"', "'x'", '100m', 'true', '~', '', 'a: b', 'a #c', '"a # b"', '[x]', '{}', '&a x', '*a', '|', 'x\ty', 'http://x:1', 'été', '0x1F', '.5', 'null', 'a,b', '- a'];
  const keys = ['app', 'a.b/c', 'x-y', '__proto__', '"q"', 'true', 'k', 'app'];
  let state = 5;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const lines: string[] = [];
    for (let i = 1 + next(4); i > 0; i--) {
      const key = keys[next(keys.length)];
      const shape = next(10);
      if (shape < 6) lines.push(`${key}: ${scalars[next(scalars.length)]}`);
      else if (shape < 8) {
        lines.push(`${key}:`);
        const indent = ['  ', '    ', ''][next(3)];
        for (let j = 1 + next(2); j > 0; j--) lines.push(`${indent}${keys[next(keys.length)]}: ${scalars[next(scalars.length)]}`);
      } else if (shape < 9) lines.push(`${key}:`, `  - ${scalars[next(scalars.length)]}`);
      else lines.push(['# c', '', '   ', '---', '  x: 1'][next(5)]);
    }
    out.push(lines.join(next(8) ? '\n' : '\r\n') + (next(2) ? '\n' : ''));
  }
  return out;
}

describe('fromYaml of plain key: value lines without the parser', () => {
  it('reads what the parser reads, or leaves the text to the parser', () => {
    let read = 0;
    for (const text of texts(4000)) {
      const value = simpleMapping(text);
      if (value === undefined) continue;
      read++;
      assert.strictEqual(JSON.stringify(value), parsed(text), JSON.stringify(text));
    }
    assert.ok(read > 1000, `only ${read} read without the parser`);
  });

  it('gives the same maps with and without the parser, nested maps and lists included', () => {
    const text = 'helm.sh/chart: kyverno-3.9.0\napp.kubernetes.io/managed-by: Helm\nselector:\n  matchLabels:\n    \n    app: web\nports:\n  - 80\n  - http\n';
    assert.ok(simpleMapping(text));
    assert.strictEqual(JSON.stringify(FUNCTIONS.fromYaml([text])), parsed(text));
    for (const empty of ['{}', '{}\n']) assert.strictEqual(JSON.stringify(simpleMapping(empty)), parsed(empty));
    for (const odd of ['a: 1\na: 2\n', '__proto__: x\n', 'a: &x 1\nb: *x\n', '- a\n', '{a: 1}', '', ' {}']) {
      assert.strictEqual(simpleMapping(odd), undefined, odd);
    }
  });
});
