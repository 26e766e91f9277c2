import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { ALL_CHECKS } from '../../../server/src/core/checks/all-checks';
import { CHECKS } from '../../../server/src/core/checks/check-catalog';
import { docsUrl } from '../../../server/src/core/checks/types';

const doc = readFileSync(join(__dirname, '../../../../docs/checks.md'), 'utf8');

describe('docs/checks.md', () => {
  it('has a section, anchor and table row for every check, and every check is registered', () => {
    assert.deepStrictEqual(ALL_CHECKS.map((c) => c.code), CHECKS.map((c) => c.code));
    for (const check of CHECKS) {
      assert.ok(doc.includes(`<a id="${check.docsAnchor}"></a>`), check.code);
      assert.ok(doc.includes(`## ${check.code} — ${check.title}`), check.code);
      assert.ok(docsUrl(check).endsWith(`docs/checks.md#${check.docsAnchor}`));
    }
  });
  it('has only valid YAML examples', () => {
    const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
    // RBAC026's wrong example is an unreadable document on purpose, fenced as text.
    const text = [...doc.matchAll(/```text\n([\s\S]*?)```/g)].map((m) => m[1]);
    assert.strictEqual(blocks.length + text.length, CHECKS.length * 2);
    for (const block of blocks) assert.deepStrictEqual(parseAllDocuments(block).flatMap((d) => d.errors.map((e) => e.message)), [], block);
    for (const block of text) assert.notDeepStrictEqual(parseAllDocuments(block).flatMap((d) => d.errors), [], block);
  });
});
