import * as assert from 'assert';
import { CHECKS } from '../../../server/src/core/checks/check-catalog';

/** Each word starts with a capital followed by lower-case letters or digits: `UnknownVerb`, `RbacWriteAccess`. */
const PASCAL_CASE = /^(?:[A-Z][a-z0-9]+)+$/;

describe('check catalog', () => {
  it('gives every check a PascalCase identifier (SARIF rule name), unique across checks', () => {
    const missing = CHECKS.filter((c) => !PASCAL_CASE.test(c.name)).map((c) => `${c.code} (${JSON.stringify(c.name)})`);
    assert.deepStrictEqual(
      missing,
      [],
      `checks without a valid identifier: ${missing.join(', ')}. Give their info(...) line in server/src/core/checks/check-catalog.ts a PascalCase identifier as the last argument, e.g. 'UnknownVerb'.`,
    );
    const seen = new Map<string, string>();
    for (const check of CHECKS) {
      const other = seen.get(check.name.toLowerCase());
      assert.ok(!other, `${check.code} and ${other} share the identifier ${check.name}`);
      seen.set(check.name.toLowerCase(), check.code);
    }
  });

  it('codes are unique and well-formed', () => {
    assert.strictEqual(new Set(CHECKS.map((c) => c.code)).size, CHECKS.length);
    for (const check of CHECKS) assert.match(check.code, /^RBAC\d{3}$/);
  });
});
