import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseForbiddenMessage } from '../../../server/src/core/forbidden/parse-forbidden-message';

interface Entry {
  id: string;
  category: string;
  text: string;
  expected: Record<string, unknown> | Record<string, unknown>[];
  notes: string;
}

const corpus = JSON.parse(readFileSync(join(__dirname, '../../../../test/fixtures/forbidden-samples/samples.json'), 'utf8')) as { entries: Entry[] };

/** The contract's fields only: explanations are ours. */
function contract(denial: Record<string, unknown>): Record<string, unknown> {
  const { explanation: _explanation, ...rest } = denial;
  void _explanation;
  return rest;
}

describe('403 parser on real pastes (forbidden-samples)', () => {
  it('has the whole corpus', () => {
    assert.strictEqual(corpus.entries.length, 78);
  });
  for (const entry of corpus.entries) {
    it(`${entry.id} (${entry.category})`, () => {
      const expected = Array.isArray(entry.expected) ? entry.expected : [entry.expected];
      const actual = parseForbiddenMessage(entry.text).map((d) => contract(d as unknown as Record<string, unknown>));
      assert.deepStrictEqual(actual, expected, entry.notes);
    });
  }
});
