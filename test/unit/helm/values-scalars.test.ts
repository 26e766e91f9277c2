import * as assert from 'assert';
import { parseDocument } from 'yaml';
import { readValues } from '../../../server/src/core/helm/chart/lazy-values';
import { fromPlain, type Value } from '../../../server/src/core/helm/template/template-values';
import { scalarWithoutParser } from '../../../server/src/core/helm/chart/values-scalars';

const OPTIONS = { prettyErrors: false, uniqueKeys: false } as const;

/** The text as the YAML parser reads it whole; undefined when it does not parse (or holds an alias to no anchor). */
function parsed(text: string): Value | undefined {
  const doc = parseDocument(text, OPTIONS);
  try {
    return doc.errors.length ? undefined : fromPlain(doc.toJS());
  } catch {
    return undefined;
  }
}

/** Every entry forced (JSON reads them all). */
const forced = (value: Value | undefined) => JSON.stringify(value);

/** Deterministic pseudo-random strings over the characters that matter to YAML scalars. */
function strings(count: number, seed: number): string[] {
  const alphabet = ['a', 'Z', '0', '1', '9', '.', '-', '+', '_', '/', ':', ' ', '#', '"', "'", ',', '[', ']', '{', '}', '?', '!', '&', '*', '%', '@', '`', '|', '>', 'e', 'x', 'o', 'n', 'u', 'l', 'T', 'r', '~', '=', '\\', '\t', 'i', 'f', 'N'];
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let s = '';
    for (let i = 1 + next(6); i > 0; i--) s += alphabet[next(alphabet.length)];
    out.push(s);
  }
  return out;
}

const WRITTEN = [
  '100m', '400Mi', '1.21.1', '0.36.6', '40%', '/healthz', 'before-hook-creation,hook-succeeded', 'info  # @schema enum:["a", "b"]; default: "info"',
  'a: b', 'a:b', 'a:', '...', '---', '-v', '--flag', '-5', '+5', '+x', '.x', '.5', '1_000', '0x', '0o8', '1e', '1.', '1.2e3', 'a ]', 'a, b',
  'a #b', 'a#b', 'a "b"', "a'b", '-', '?x', ':x', '*x', '!x', '&x', 'a !b', '12:30', 'http://x.y:80/p', 'a\\b', '~x', '=x', '$x', 'été', '.inf', '.NaN',
];

describe('values scalars read without the parser', () => {
  it('a scalar read without the parser is what the parser reads, alone and as a key\'s value', () => {
    let read = 0;
    for (const text of [...WRITTEN, ...strings(3000, 7)].map((s) => s.trim())) {
      const value = scalarWithoutParser(text);
      if (value === undefined) continue;
      read++;
      assert.strictEqual(forced(value as Value), forced(parsed(text)), `alone: ${JSON.stringify(text)}`);
      assert.strictEqual(forced(value as Value), forced((parsed(`k: ${text}\n`) as { k: Value } | undefined)?.k), `as a value: ${JSON.stringify(text)}`);
    }
    assert.ok(read > 500, `only ${read} read without the parser`);
  });

  it('one-line entries and lists of one-line items read as the whole file reads', () => {
    for (const scalar of [...WRITTEN, ...strings(1500, 11)]) {
      for (const text of [`key: ${scalar}\nnext: 1\n`, `key:\n  - ${scalar}\n  - b # c\n\n  - 1\nnext: 1\n`, `key:\n- a\n# c\n- ${scalar}\nnext: 1\n`, `key: # c\r\n  - ${scalar}\r\n  - b\r\n`]) {
        const whole = parsed(text);
        if (whole !== undefined) assert.strictEqual(forced(readValues(text, 'v.yaml').value), forced(whole), JSON.stringify(text));
      }
    }
  });

  it('lists with anything but one-line items at one indentation read as the parser reads them', () => {
    const texts = [
      'key:\n  - a\n    more\n', 'key:\n  - a\n  -\n', 'key:\n  - - a\n', 'key:\n  - k: v\n  - b\n', 'key:\n  - a\n   - b\n',
      'key:\n  - [x, y]\n', 'key:\n  - &x a\n  - *x\n', 'key:\n  - |\n    text\n', 'key:\n  - a\n  # c\n  - ~\n', 'key:\n  - "a"\n  - \'b\'\n',
    ];
    for (const text of texts) assert.strictEqual(forced(readValues(text, 'v.yaml').value), forced(parsed(text)), JSON.stringify(text));
  });
});
