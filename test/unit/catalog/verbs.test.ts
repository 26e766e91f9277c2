import * as assert from 'node:assert';
import {
  HTTP_METHOD_TO_VERB, HTTP_METHOD_VERBS, HTTP_VERB_MEANINGS, isHttpMethodVerb, isKnownVerb, KNOWN_VERBS, SPECIAL_VERBS,
  STANDARD_VERBS, VERB_MEANINGS, verbForHttpMethod,
} from '../../../server/src/core/catalog/verbs';

describe('catalog: verbs', () => {
  it('knows the standard verbs, the special verbs and *, each with a one-line meaning', () => {
    const expected = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection',
      'bind', 'escalate', 'impersonate', 'approve', 'sign', 'use', 'proxy', 'attest', '*'];
    assert.deepStrictEqual([...KNOWN_VERBS].sort(), [...expected].sort());
    assert.deepStrictEqual([...KNOWN_VERBS].sort(), [...STANDARD_VERBS, ...SPECIAL_VERBS, '*'].sort());
    for (const verb of KNOWN_VERBS) {
      assert.ok(VERB_MEANINGS[verb].length > 10, verb);
      assert.ok(!VERB_MEANINGS[verb].includes('\n'), `${verb}: one line`);
    }
  });

  const known: [string, boolean][] = [
    ['get', true], ['deletecollection', true], ['escalate', true], ['*', true],
    ['GET', false], ['Get', false], ['post', false], ['put', false], ['read', false], ['', false], ['toString', false], ['constructor', false],
  ];
  for (const [verb, answer] of known) {
    it(`isKnownVerb(${JSON.stringify(verb)}) is ${answer} (verbs are compared exactly)`, () => assert.strictEqual(isKnownVerb(verb), answer));
  }

  it('lists the HTTP-method verbs of non-resource URLs, each with a meaning', () => {
    assert.deepStrictEqual([...HTTP_METHOD_VERBS], ['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
    for (const verb of HTTP_METHOD_VERBS) assert.ok(HTTP_VERB_MEANINGS[verb].startsWith('HTTP '), verb);
    assert.ok(isHttpMethodVerb('post'));
    assert.ok(!isHttpMethodVerb('create'));
  });

  const methods: [string, { named: boolean; watch?: boolean } | undefined, string | undefined][] = [
    ['GET', undefined, 'get'],
    ['get', { named: true }, 'get'],
    ['HEAD', { named: true }, 'get'],
    ['GET', { named: false }, 'list'],
    ['GET', { named: false, watch: true }, 'watch'],
    ['POST', undefined, 'create'],
    ['PUT', undefined, 'update'],
    ['PATCH', undefined, 'patch'],
    ['DELETE', { named: true }, 'delete'],
    ['DELETE', { named: false }, 'deletecollection'],
    ['OPTIONS', undefined, undefined],
  ];
  for (const [method, request, verb] of methods) {
    it(`HTTP ${method}${request ? ` ${JSON.stringify(request)}` : ''} is checked as ${verb ?? 'nothing'}`, () => {
      assert.strictEqual(verbForHttpMethod(method, request), verb);
    });
  }

  it('maps every HTTP method it knows to a standard verb', () => {
    for (const [method, verb] of Object.entries(HTTP_METHOD_TO_VERB)) {
      assert.ok((HTTP_METHOD_VERBS as readonly string[]).includes(method), method);
      assert.ok((STANDARD_VERBS as readonly string[]).includes(verb), verb);
    }
  });
});
