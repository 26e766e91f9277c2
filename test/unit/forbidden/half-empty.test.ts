import * as assert from 'assert';
import { parseForbiddenMessage } from '../../../server/src/core/forbidden/parse-forbidden-message';
import { summariseDenial } from '../../../server/src/core/fix-forbidden/summarise-denial';
import { expectOne } from './helpers';

/** A denial is shown only when it names what was denied: no `User alice cannot list ` with nothing after it. */
describe('403 parser: no half-empty denials', () => {
  for (const text of [
    'User "alice" cannot list resource ""',
    'User "alice" cannot list resource "',
    'pods is forbidden: User "alice" cannot list resource "" in API group "" in the namespace "shop"',
    'User "alice" cannot list resource "/"',
    'User "alice" cannot get path ""',
    'a is forbidden:',
    'a "b" is forbidden: no reason',
    'widgets "w" is forbidden: ',
  ]) {
    it(`finds nothing to grant in ${JSON.stringify(text)}`, () => {
      const rbac = parseForbiddenMessage(text).filter((d) => d.rbac);
      assert.deepStrictEqual(rbac.map(summariseDenial), []);
    });
  }

  it('reads a resource cut short as not known, even where the prefix names one (a subresource may follow)', () => {
    const denial = expectOne('pods is forbidden: User "alice" cannot list resource "po', { kind: 'rbac-partial', resource: null, subresource: null, verb: 'list' });
    assert.match(denial.explanation ?? '', /cut inside its resource/);
  });

  it('keeps an object-only denial of a known or group-qualified resource', () => {
    expectOne('pods "web-0" is forbidden: ', { kind: 'rbac-partial', resource: 'pods', resourceName: 'web-0' });
    expectOne('widgets.example.com "w" is forbidden: ', { kind: 'rbac-partial', resource: 'widgets', apiGroup: 'example.com' });
  });

  it('says so when a kubelet message names no resource', () => {
    const [denial] = parseForbiddenMessage('Forbidden (user=alice, verb=get, resource=, subresource=)');
    assert.strictEqual(summariseDenial(denial), 'User alice cannot get a resource it does not name');
  });

  it('drops an empty subresource', () => {
    expectOne('User "alice" cannot get resource "pods/" in API group "" in the namespace "shop"', { resource: 'pods', subresource: null });
  });
});
