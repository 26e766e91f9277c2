import * as assert from 'assert';
import { parseForbiddenMessage } from '../../../server/src/core/forbidden/parse-forbidden-message';
import { validateDenial } from '../../../server/src/core/fix-forbidden/validate-denial';
import { summariseDenial } from '../../../server/src/core/fix-forbidden/summarise-denial';
import { expectOne, jsonEscape, user } from './helpers';

const message = (who: string, namespace = 'shop', verb = 'list') =>
  `pods is forbidden: User "${who}" cannot ${verb} resource "pods" in API group "" in the namespace "${namespace}"`;

/** The one-line reason a denial is refused, or undefined when it would be granted. */
function refusal(text: string): string | undefined {
  const [denial] = parseForbiddenMessage(text);
  const checked = validateDenial(denial);
  return 'refusal' in checked ? checked.refusal.reason : undefined;
}

describe('403 parser: names taken exactly or refused', () => {
  it('decodes Go\'s %q escapes, at any depth of JSON escaping around them', () => {
    expectOne(message('a\\u2028b'), { subject: user('a\u2028b') });
    expectOne(message('a\\tb'), { subject: user('a\tb') });
    expectOne(message('\\ufeffalice'), { subject: user('\ufeffalice') });
    expectOne(message('a\\U0001F600'), { subject: user('a\u{1F600}') });
    expectOne(`{"message":"${jsonEscape(message('a\\u2029b'))}"}`, { subject: user('a\u2029b') });
    expectOne(`{"log":"${jsonEscape(`{"message":"${jsonEscape(message('a\\rb'))}"}`)}"}`, { subject: user('a\rb') });
  });

  it('keeps raw separators, tabs, BOMs and no-break spaces inside a name instead of folding them to a space', () => {
    for (const odd of ['\u2028', '\u2029', '\t', '\r', '\ufeff', '\u00a0', '\u2003']) {
      expectOne(message(`a${odd}b`), { subject: user(`a${odd}b`) });
    }
    expectOne(message('\ufeffalice'), { subject: user('\ufeffalice') });
    expectOne(message('alice '), { subject: user('alice ') });
  });

  it('keeps backticks next to the quotes, and refuses such names and namespaces', () => {
    expectOne(message('`alice`'), { subject: user('`alice`') });
    assert.match(refusal(message('`alice`'))!, /backtick/);
    expectOne(message('alice', 'kube-system`'), { namespace: 'kube-system`' });
    assert.match(refusal(message('alice', 'kube-system`'))!, /is not a namespace name/);
    // Markdown code marks around the whole message still go.
    expectOne(`see \`${message('alice')}\` here`, { subject: user('alice'), namespace: 'shop' });
  });

  it('refuses every user name that is not exactly a name, saying why', () => {
    const cases: [string, RegExp][] = [
      ['a\\u2028b', /control or line-break/], ['a\\u2029b', /control or line-break/], ['a\\rb', /control or line-break/],
      ['a\\tb', /control or line-break/], ['\\ufeffalice', /format character/], ['a\u200bb', /format character/],
      ['a\u00a0b', /blank other than a space/], [' alice', /begins or ends with a blank/], ['alice ', /begins or ends with a blank/],
      ['`alice`', /backtick/], ['*', /wildcard/], ['system:*', /wildcard/], ['a\\\\z', /backslash/], ['a\\\\b', /control/],
    ];
    for (const [who, reason] of cases) assert.match(refusal(message(who)) ?? 'granted', reason, who);
    assert.strictEqual(refusal(message('John Smith')), undefined);
    assert.strictEqual(refusal(message('oidc:alice@example.com')), undefined);
  });

  it('refuses verbs with spaces or a BOM instead of trimming them', () => {
    for (const verb of [' list', 'list ', '\ufefflist', 'li\u00a0st', '\\ufefflist']) {
      const text = message('alice', 'shop', verb);
      assert.match(refusal(text) ?? 'granted', /is not a verb/, JSON.stringify(verb));
    }
  });

  it('refuses other wildcard subjects', () => {
    assert.match(refusal('pods is forbidden: User "system:serviceaccount:shop:*" cannot list resource "pods" in API group "" in the namespace "shop"')!, /not a ServiceAccount name/);
  });

  it('reads a scope cut inside its quotes as no scope, and a group cut inside its quotes as no group', () => {
    const cut = expectOne('pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "sh', { namespace: null, scope: 'unknown' });
    assert.match(cut.explanation!, /cut inside its namespace/);
    const checked = validateDenial(cut);
    assert.ok('refusal' in checked && checked.refusal.needsNamespace);
    const group = expectOne('User "alice" cannot list resource "widgets" in API group "exam', { apiGroup: null, kind: 'rbac-partial' });
    assert.match(group.explanation!, /cut inside its API group/);
    assert.ok('refusal' in validateDenial(group));
  });

  it('cuts long fields in the one-line summary', () => {
    const huge = 'a'.repeat(1_500_000);
    const summary = summariseDenial(parseForbiddenMessage(message('alice', huge))[0]);
    assert.ok(summary.length < 400, `${summary.length} characters`);
    assert.match(summary, /a\.\.\.$/);
  });
});
