import * as assert from 'assert';
import { assertFixClears, runAll } from '../../helpers/check-harness';
import { positionOf } from '../../helpers/text-position';
import { rbac004 } from '../../../server/src/core/checks/rules/rbac004-version-in-api-groups';

const role = (rule: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: app, namespace: shop}
rules:
${rule}`;

const RULE_CODES = new Set(['RBAC001', 'RBAC002', 'RBAC003', 'RBAC004']);
const ruleProblems = (text: string) => runAll({ '/w/r.yaml': text }).filter((f) => RULE_CODES.has(f.code))
  .map((f) => [f.code, f.range.start] as const).sort((a, b) => a[1].line - b[1].line || a[1].character - b[1].character);

/** As ESLint reports a line: every problem of a rule at once, never one hidden behind another. */
describe('all problems of a rule at once: a bad group, a bad resource and a bad verb', () => {
  const cases: [string, string, [string, string][]][] = [
    ['core, a misspelt resource, a misspelt verb', '- apiGroups: ["core"]\n  resources: ["podz"]\n  verbs: ["lsit"]\n',
      [['RBAC004', '"core"'], ['RBAC003', '"podz"'], ['RBAC001', '"lsit"']]],
    ['a group with its version, a misspelt resource, a misspelt verb', '- apiGroups: ["apps/v1"]\n  resources: ["deploymnets"]\n  verbs: ["gett"]\n',
      [['RBAC004', '"apps/v1"'], ['RBAC003', '"deploymnets"'], ['RBAC001', '"gett"']]],
    ['core, a resource of another group, a misspelt verb', '- apiGroups: ["core"]\n  resources: ["deployments"]\n  verbs: ["wacth"]\n',
      [['RBAC004', '"core"'], ['RBAC002', '"deployments"'], ['RBAC001', '"wacth"']]],
    ['"" with a resource of another group, a misspelt subresource and a misspelt verb', '- apiGroups: [""]\n  resources: ["deployments", "pods/logs"]\n  verbs: ["get", "lsit"]\n',
      [['RBAC002', '"deployments"'], ['RBAC003', '"pods/logs"'], ['RBAC001', '"lsit"']]],
    ['both misspelt groups, a misspelt resource, a misspelt verb', '- apiGroups: ["core", "apps/v1"]\n  resources: ["pods", "deployments", "nodez"]\n  verbs: ["get", "lsit"]\n',
      [['RBAC004', '"core"'], ['RBAC004', '"apps/v1"'], ['RBAC003', '"nodez"'], ['RBAC001', '"lsit"']]],
  ];
  for (const [what, rule, expected] of cases) {
    it(`${what}: each reported at its own entry`, () => {
      const text = role(rule);
      assert.deepStrictEqual(ruleProblems(text), expected.map(([code, word]) => [code, positionOf(text, word)]));
    });
  }
  it('fixing the group leaves the resource and verb problems standing, as reported before', () => {
    const text = role(cases[1][1]);
    const after = assertFixClears(rbac004, { '/w/r.yaml': text })['/w/r.yaml'];
    assert.deepStrictEqual(ruleProblems(after).map(([code]) => code), ['RBAC003', 'RBAC001']);
  });
});
