import * as assert from 'assert';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { REPO } from '../helpers/run-cli';
import { startStdio, type TestClient } from '../helpers/lsp-client';

type Answer = {
  denials: { summary: string }[];
  suggestions: { kind: string; yaml?: string }[];
  refusals?: { reason: string; needsNamespace?: boolean }[];
};

const pods = (who: string, tail = ' in the namespace "shop"', verb = 'list') =>
  `pods is forbidden: User "${who}" cannot ${verb} resource "pods" in API group ""${tail}`;

/** Cut scopes and rewritten names through the language server's Fix Forbidden Error (bundled, over stdio). */
describe('Fix Forbidden Error over LSP takes names exactly or refuses them', function () {
  this.timeout(60_000);
  let client: TestClient;

  before(async () => {
    client = startStdio(join(REPO, 'dist/server.js'));
    await client.initialize(mkdtempSync(join(tmpdir(), 'rbac-doctor-names-')));
  });
  after(() => client.dispose());

  const forbidden = (text: string, namespace?: string) =>
    client.connection.sendRequest('rbacDoctor/forbidden', { text, ...(namespace ? { options: { namespace } } : {}) }) as Promise<Answer>;

  it('refuses a scope cut inside its quotes and asks for the namespace; with one, a Role there', async () => {
    const text = pods('alice', ' in the namespace "sh');
    const refused = await forbidden(text);
    assert.deepStrictEqual(refused.suggestions, []);
    assert.strictEqual(refused.refusals?.[0].needsNamespace, true);
    const placed = await forbidden(text, 'shop');
    assert.ok(placed.suggestions.some((s) => /namespace: "shop"/.test(s.yaml ?? '')));
  });

  const cases: [string, string, RegExp][] = [
    ['a backticked user', pods('`alice`'), /backtick/],
    ['a backtick after the namespace', pods('alice', ' in the namespace "kube-system`"'), /is not a namespace name/],
    ['U+2028 escaped by %q', pods('a\\u2028b'), /control or line-break/],
    ['U+2029 raw', pods('a\u2029b'), /control or line-break/],
    ['a carriage return', pods('a\\rb'), /control or line-break/],
    ['a tab', pods('a\tb'), /control or line-break/],
    ['a BOM', pods('\ufeffalice'), /format character/],
    ['the wildcard user', pods('*'), /wildcard/],
    ['a verb with spaces', pods('alice', ' in the namespace "shop"', ' list'), /is not a verb/],
    ['a verb with a BOM', pods('alice', ' in the namespace "shop"', '\ufefflist'), /is not a verb/],
  ];
  for (const [what, text, reason] of cases) {
    it(`refuses ${what}, with the reason and no suggestion`, async () => {
      const answer = await forbidden(text);
      assert.deepStrictEqual(answer.suggestions, []);
      assert.match(answer.refusals?.[0].reason ?? '', reason);
    });
  }
});
