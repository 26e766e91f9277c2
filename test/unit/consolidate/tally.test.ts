import * as assert from 'assert';
import { describeTally, fixTitle, tallyDenials } from '../../../server/src/core/consolidate/tally';
import { nextSteps } from '../../../server/src/core/consolidate/client-patterns';
import { parseForbiddenMessage } from '../../../server/src/core/forbidden/parse-forbidden-message';
import type { Denial } from '../../../server/src/core/forbidden/types';
import { apiserver } from './helpers';

const rbac = { rbac: true } as Denial;
const admission = { rbac: false } as Denial;

describe('counting the denials of a text', () => {
  it('every denial falls in exactly one part, and the words say each part that is not empty', () => {
    const tally = tallyDenials([rbac, rbac, rbac, rbac, rbac, admission], {
      granted: 3, subjects: 2, skipped: [{ denial: 3, reason: 'Already granted', alreadyAllowed: true }, { denial: 4, reason: 'escalation' }],
    });
    assert.deepStrictEqual(tally, { denials: 6, toFix: 3, alreadyAllowed: 1, leftOut: 1, notRbac: 1, subjects: 2 });
    assert.strictEqual(tally.toFix + tally.alreadyAllowed + tally.leftOut + tally.notRbac, tally.denials);
    assert.strictEqual(describeTally(tally), "6 denials, 1 already allowed by your manifests, 1 not granted here (said apart), 1 not RBAC's");
    assert.strictEqual(fixTitle(tally), 'Fix 3 of 6 denials (2 subjects)');
  });

  it('"Fix all" only when every denial is fixed', () => {
    const tally = tallyDenials([rbac, rbac], { granted: 2, subjects: 1, skipped: [] });
    assert.strictEqual(describeTally(tally), '2 denials');
    assert.strictEqual(fixTitle(tally), 'Fix all 2 denials (1 subject)');
  });
});

describe('companions already allowed are not offered', () => {
  it('an informer\'s watch the subject already holds is dropped; the rest stays', () => {
    const denials = parseForbiddenMessage(apiserver('system:serviceaccount:ctrl:manager', 'list', 'configmaps', '', 'ctrl'))
      .concat(parseForbiddenMessage(apiserver('system:serviceaccount:ctrl:manager', 'list', 'pods', '', 'ctrl')));
    const steps = nextSteps(denials, (request) => request.resource === 'configmaps' && request.verb === 'watch' && request.namespace === 'ctrl');
    assert.deepStrictEqual(steps.map((s) => s.rules), [[{ apiGroups: [''], resources: ['pods'], verbs: ['watch'] }]]);
  });
});
