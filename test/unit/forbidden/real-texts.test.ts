import * as assert from 'assert';
import { join } from 'path';
import { loadRealTexts, readRealText, scoreRealTexts } from '../../helpers/forbidden-real';

const DIR = join(__dirname, '../../../../test/fixtures/forbidden-real');
const entries = loadRealTexts(DIR);

describe('403 reader on real texts from public issue threads (forbidden-real)', () => {
  it('has every entry with its source link and an expectation for each of its RBAC denials', () => {
    for (const e of entries) {
      assert.match(e.source, /^https:\/\/github\.com\/[^/]+\/[^/]+\/(issues|pull)\/\d+$/, e.id);
      assert.strictEqual(e.rbac, e.expected.length > 0, e.id);
    }
    assert.strictEqual(new Set(entries.map((e) => e.id)).size, entries.length);
    // At least 150 texts besides the shared samples, look-alikes among them.
    assert.ok(entries.length >= 150, `${entries.length} texts`);
    assert.ok(entries.filter((e) => !e.rbac).length >= 30, 'look-alikes');
    for (const e of entries) assert.ok(e.text.trim() && (e.rbac || e.lookalike), e.id);
  });

  it('never reads a look-alike as an RBAC denial', () => {
    const wrong = entries.filter((e) => !e.rbac).map(readRealText).filter((r) => r.lookalikeAsRbac);
    assert.deepStrictEqual(wrong.map((r) => r.entry.id), []);
  });

  it('reads at least 95% of the texts exactly', () => {
    const score = scoreRealTexts(entries);
    const misses = score.misses.map((m) => `${m.entry.id}: ${JSON.stringify(m.actual)}`).join('\n');
    assert.ok(score.exact >= Math.ceil(0.95 * score.total), `${score.exact} of ${score.total} exact; misses:\n${misses}`);
  });
});
