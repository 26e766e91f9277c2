import * as assert from 'assert';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { ALL_CHECKS } from '../../../server/src/core/checks/all-checks';
import { CHECKS } from '../../../server/src/core/checks/check-catalog';
import { docsUrl } from '../../../server/src/core/checks/types';

const REPO = join(__dirname, '../../../..');
const doc = readFileSync(join(REPO, 'docs/checks.md'), 'utf8');

/** Every `RBAC` + three digits written in the sources under `dir`. */
function codesWritten(dir: string, into = new Set<string>()): Set<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) codesWritten(path, into);
    else if (path.endsWith('.ts')) for (const match of readFileSync(path, 'utf8').matchAll(/\bRBAC\d{3}\b/g)) into.add(match[0]);
  }
  return into;
}

describe('docs/checks.md', () => {
  it('has a section, anchor and table row for every check, and every check is registered', () => {
    assert.deepStrictEqual(ALL_CHECKS.map((c) => c.code), CHECKS.map((c) => c.code));
    for (const check of CHECKS) {
      assert.ok(doc.includes(`<a id="${check.docsAnchor}"></a>`), check.code);
      assert.ok(doc.includes(`## ${check.code} — ${check.title}`), check.code);
      assert.ok(docsUrl(check).endsWith(`docs/checks.md#${check.docsAnchor}`));
    }
  });
  it('documents every check code the sources use, and its generator (scripts/checks-doc.py) explains each', () => {
    const documented = new Set(CHECKS.map((c) => c.code));
    const undocumented = [...codesWritten(join(REPO, 'server/src')), ...codesWritten(join(REPO, 'client/src'))].filter((code) => !documented.has(code));
    assert.deepStrictEqual([...new Set(undocumented)].sort(), []);
    const generator = readFileSync(join(REPO, 'scripts/checks-doc.py'), 'utf8');
    const explained = new Set([...generator.matchAll(/^d\('(RBAC\d{3})'/gm)].map((m) => m[1]));
    assert.deepStrictEqual(CHECKS.map((c) => c.code).filter((code) => !explained.has(code)), []);
    // Sections in catalog order, one each: the generated file, not a hand-edited one.
    assert.deepStrictEqual([...doc.matchAll(/^## (RBAC\d{3}) — /gm)].map((m) => m[1]), [...CHECKS.map((c) => c.code)].sort());
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
