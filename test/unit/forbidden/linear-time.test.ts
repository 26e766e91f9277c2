import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseCompactRules, parseOldRules } from '../../../server/src/core/forbidden/escalation-messages';
import { parseForbiddenMessage } from '../../../server/src/core/forbidden/parse-forbidden-message';
import { describeGrowth, growthRatio, repeated, LINEAR_GROWTH_LIMIT } from '../../helpers/growth';

/**
 * No paste can stall the parser: every pattern of it meets adversarial text (runs of one character,
 * of each pattern's own opening words, of quotes, brackets and backslashes), and doubling the text at
 * most about doubles the time. Ratios in one run, never absolute times.
 */
const LIMIT = LINEAR_GROWTH_LIMIT;

/** Units repeated to fill the paste: each is where some pattern starts, or what one of them scans. */
const UNITS = [
  'a', ' ', '"', '\\', '\\"', '[', '{', '(', '-', '`', '\n', 'a "', 'a/b\n', '# comment\n', '[x](mailto:', '&quot;\\u0022',
  'User "a" cannot ', 'User "a" cannot get resource "', 'User "a" cannot get pods Unknown user ',
  'User "a" cannot get resource "pods": RBAC: [', 'pods "p" is forbidden: ', 'kubectl auth can-i get pods ',
  'attempt to grant extra privileges: [{[get] ', 'user "a" (groups=["x"]) is attempting to grant RBAC permissions not currently held: {',
  'Forbidden (user=', 'error dialing backend: ', 'cannot set blockOwnerDeletion if an ownerReference refers to a resource you can\'t set finalizers on: User "',
  'Failure executing: GET at: ', "403, message='Forbidden', url=URL('", 'admission webhook "', 'error when creating ',
  // Damaged pastes and request-only shapes: unclosed users and namespaces, bare paths, hints, kubelet URLs, URL names.
  'User "a cannot ', 'User cannot get resource "', 'in the namespace "a\n', 'cannot get path /a', 'Forbidden: "/', '"Forbidden" URI="/',
  'the server does not allow access to the requested resource (get ', 'GET "https://a:10250/stats', 'https://a:10250/metrics ',
  'Failed to scrape node" err="request failed, status: "403 Forbidden', 'https://h/api/v1/namespaces/d/pods/x ',
  // The API server's own logs, old escalation dumps, OpenShift's quoted paths, Java's URL 403, can-i placeholders.
  'RBAC DENY: user "a" groups [', 'RBAC DENY: user "a" groups ["g" "h"] cannot "get" resource "', 'user=&{a b  ', 'user=&{',
  'User "a" cannot "get" on "/', 'Server returned HTTP response code: 403 for URL: https://h/api/v1/', 'kubectl auth can-i get pods --as <a ',
  'Forbidden: "/apis/rbac.authorization.k8s.io/v1/clusterroles", Reason: attempt to grant extra privileges: [',
];

const samples = (JSON.parse(readFileSync(join(__dirname, '../../../../test/fixtures/forbidden-samples/samples.json'), 'utf8')) as { entries: { text: string }[] }).entries;

/** A log of klog lines with the real pastes of the corpus among them, cut to `size` characters. */
function logPaste(size: number): string {
  const noise = 'I1129 12:00:00.000000       1 controller.go:123] Reconciling default/web-0 generation=4 took 12ms\n';
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const part = i % 3 === 0 ? `${samples[(i / 3) % samples.length].text}\n` : noise;
    parts.push(part);
    length += part.length;
  }
  return parts.join('').slice(0, size);
}

function expectLinear(what: string, make: (size: number) => string, work: (text: string) => unknown = parseForbiddenMessage, max = 1_000_000): void {
  const growth = growthRatio(make, work, { limit: LIMIT, max });
  assert.ok(growth.ratio <= LIMIT, `${what}: ${describeGrowth(growth)}`);
}

describe('403 parser time grows linearly with the paste', function () {
  this.timeout(180_000);

  for (const unit of UNITS) {
    it(`repeated ${JSON.stringify(unit)}`, () => expectLinear(JSON.stringify(unit), (size) => repeated(unit, size)));
  }

  it('alternating runs of two characters', () => {
    for (const pair of ['ab', 'a[', '"\\']) {
      expectLinear(`alternating ${JSON.stringify(pair)}`, (size) => repeated(`${pair[0].repeat(50)}${pair[1].repeat(50)}`, size));
    }
  });

  it('a log paste of up to 2 MB with real denials in it', () => {
    expectLinear('log paste', logPaste, parseForbiddenMessage, 1_000_000);
  });

  it('rule dumps read by the escalation parsers', () => {
    expectLinear('compact rules', (size) => repeated('{APIGroups:[', size), parseCompactRules);
    expectLinear('compact rules', (size) => repeated('{Verbs:["get" ', size), parseCompactRules);
    expectLinear('old rules', (size) => repeated('{[get] ', size), parseOldRules);
    expectLinear('old rules', (size) => repeated('{[', size), parseOldRules);
  });

  it('still finds the denial at the end of a long paste', () => {
    const denial = 'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "shop"';
    const found = parseForbiddenMessage(`${repeated('[x](mailto:', 500_000)}\n${denial}`);
    assert.deepStrictEqual(found.map((d) => [d.subject?.name, d.verb, d.resource, d.namespace]), [['alice', 'list', 'pods', 'shop']]);
  });
});
