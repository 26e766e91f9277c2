import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { checkContext } from '../../../server/src/core/analysis';
import { parseForbiddenMessage } from '../../../server/src/core/forbidden/parse-forbidden-message';
import type { Denial } from '../../../server/src/core/forbidden/types';
import { requestOf, suggestFixes } from '../../../server/src/core/fix-forbidden/suggest-fixes';
import { runChecks } from '../../../server/src/core/checks/run-checks';
import { canI } from '../../../server/src/core/rbac/authorize';
import { PolicyIndex } from '../../../server/src/core/rbac/policy-index';
import { identityOf } from '../../../server/src/core/rbac/subjects';
import type { AccessRequest } from '../../../server/src/core/rbac/types';
import { modelOf } from '../../helpers/check-harness';

const corpus = JSON.parse(readFileSync(join(__dirname, '../../../../test/fixtures/forbidden-samples/samples.json'), 'utf8')) as { entries: { id: string; text: string }[] };

function userOf(denial: Denial): string {
  const s = denial.subject!;
  return s.kind === 'ServiceAccount' ? `system:serviceaccount:${s.namespace}:${s.name}` : s.name!;
}

/** A request next to the denied one that the grant must not allow: another verb, or another namespace. */
function neighbours(request: AccessRequest): AccessRequest[] {
  const otherVerb = request.verb === 'deletecollection' ? 'escalate' : 'deletecollection';
  const out: AccessRequest[] = [{ ...request, verb: otherVerb }];
  if (request.kind === 'resource' && request.namespace) out.push({ ...request, namespace: `${request.namespace}-other` });
  if (request.kind === 'non-resource') out.push({ ...request, path: `${request.path}-other` });
  return out;
}

describe('Fix Forbidden Error round trip on every grantable real paste', () => {
  let grantable = 0;
  for (const entry of corpus.entries) {
    for (const [i, denial] of parseForbiddenMessage(entry.text).entries()) {
      const request = requestOf(denial);
      const fresh = suggestFixes(checkContext(modelOf({}), { builtinRoles: false }), denial).find((s) => s.kind === 'new' && s.title.startsWith('New '));
      if (!denial.rbac || !request || denial.kind === 'rbac-escalation' || !fresh) continue;
      grantable++;
      it(`${entry.id}#${i}: the new Role/binding allows exactly the denied request`, () => {
        const yaml = fresh.yaml!;
        assert.deepStrictEqual(parseAllDocuments(yaml).flatMap((d) => d.errors.map((e) => e.message)), []);
        const model = modelOf({ '/w/grant.yaml': yaml });
        const context = checkContext(model, { builtinRoles: false });
        const index = new PolicyIndex(context.policy);
        const user = identityOf(userOf(denial));
        assert.ok(canI(index, user, request).allowed, `${JSON.stringify(request)} should be allowed by:\n${yaml}`);
        for (const neighbour of neighbours(request)) {
          assert.ok(!canI(index, user, neighbour).allowed, `${JSON.stringify(neighbour)} must stay denied by:\n${yaml}`);
        }
        // A denial from an old cluster names a group that current clusters no longer serve: RBAC002 says so.
        const removedGroup = denial.apiGroup !== null && !!denial.resource && !!context.catalog.removedFrom(denial.apiGroup, denial.resource);
        const problems = runChecks(context, { checks: removedGroup ? { RBAC002: 'off' } : {} }).filter((f) => f.category === 'invalid' || f.category === 'ineffective');
        assert.deepStrictEqual(problems.map((f) => `${f.code} ${f.message}`), [], 'generated YAML passes our own checks');
      });
    }
  }
  it('covers most RBAC samples', () => {
    assert.ok(grantable >= 40, `only ${grantable} grantable denials`);
  });
});
