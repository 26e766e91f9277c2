import * as assert from 'assert';
import { DEFAULT_SETTINGS, normaliseSettings, withSyntaxErrorsResolved } from '../../../server/src/protocol/settings';

describe('rbacDoctor.syntaxErrors', () => {
  it('reads auto, on and off; anything else is auto', () => {
    assert.strictEqual(DEFAULT_SETTINGS.syntaxErrors, 'auto');
    for (const value of ['auto', 'on', 'off'] as const) assert.strictEqual(normaliseSettings({ syntaxErrors: value }).syntaxErrors, value);
    assert.strictEqual(normaliseSettings({ syntaxErrors: true }).syntaxErrors, 'auto');
  });
  it('turns RBAC026 off for off, and for auto while another extension reports syntax errors', () => {
    const resolved = (syntaxErrors: 'auto' | 'on' | 'off', elsewhere: boolean) =>
      withSyntaxErrorsResolved({ ...DEFAULT_SETTINGS, syntaxErrors }, elsewhere).checks.RBAC026;
    assert.deepStrictEqual([resolved('auto', false), resolved('auto', true), resolved('on', true), resolved('off', false)], [undefined, 'off', undefined, 'off']);
  });
  it('keeps the same settings object when nothing is switched off, and an explicit checks.RBAC026 wins', () => {
    assert.strictEqual(withSyntaxErrorsResolved(DEFAULT_SETTINGS, false), DEFAULT_SETTINGS);
    const explicit = { ...DEFAULT_SETTINGS, checks: { RBAC026: 'warning' as const } };
    assert.strictEqual(withSyntaxErrorsResolved(explicit, true).checks.RBAC026, 'warning');
  });
});
