import * as assert from 'assert';
import { parseAllDocuments } from 'yaml';
import { checkContext } from '../../../server/src/core/analysis';
import { runChecks } from '../../../server/src/core/checks/run-checks';
import { applyEdits } from '../../../server/src/core/edits/apply-edits';
import { parseForbiddenMessage } from '../../../server/src/core/forbidden/parse-forbidden-message';
import { repairNearMiss } from '../../../server/src/core/fix-forbidden/repair-near-miss';
import { suggestFixes } from '../../../server/src/core/fix-forbidden/suggest-fixes';
import { canI } from '../../../server/src/core/rbac/authorize';
import { PolicyIndex } from '../../../server/src/core/rbac/policy-index';
import { identityOf } from '../../../server/src/core/rbac/subjects';
import type { AccessRequest, PolicyRule } from '../../../server/src/core/rbac/types';
import { modelOf } from '../../helpers/check-harness';

const PATH = '/w/deployer.yaml';
const USER = 'system:serviceaccount:shop:deployer';
const binding = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: deployer, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}
subjects: [{kind: ServiceAccount, name: deployer}]
`;
const workspace = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deployer, namespace: shop}
rules:
  # the deployer's rules
${rules}${binding}`;

function repairOf(text: string, rule: PolicyRule) {
  const context = checkContext(modelOf({ [PATH]: text }), { builtinRoles: false });
  const role = context.index.roles[0];
  return repairNearMiss(context.fileOf(role), role, rule, context.catalog);
}

/** The text after the repair: it parses, keeps the comment, and the role then allows `request` with as many rules as before. */
function assertRepairAllows(text: string, rule: PolicyRule, request: AccessRequest): string {
  const repair = repairOf(text, rule);
  assert.ok(repair, 'a near-miss entry should be found');
  const after = applyEdits(text, repair.edits);
  assert.deepStrictEqual(parseAllDocuments(after).flatMap((d) => d.errors.map((e) => e.message)), []);
  assert.ok(after.includes('# the deployer\'s rules'));
  const context = checkContext(modelOf({ [PATH]: after }), { builtinRoles: false });
  assert.ok(canI(new PolicyIndex(context.policy), identityOf(USER), request).allowed, after);
  assert.strictEqual(context.index.roles[0].rules.length, checkContext(modelOf({ [PATH]: text }), { builtinRoles: false }).index.roles[0].rules.length);
  return after;
}

const get = (resource: string, subresource?: string, apiGroup = ''): AccessRequest =>
  ({ kind: 'resource', verb: 'get', apiGroup, resource, subresource, namespace: 'shop' });

describe('Fix Forbidden Error repairs a near-miss entry of the bound role', () => {
  it('a subresource typo: pods/logs becomes pods/log, and RBAC003 is gone', () => {
    const text = workspace('  - apiGroups: [""]\n    resources: ["pods/logs"]\n    verbs: ["get"]\n');
    const repair = repairOf(text, { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] })!;
    assert.deepStrictEqual(repair.changes, [{ field: 'resources', from: 'pods/logs', to: 'pods/log' }]);
    assert.strictEqual(repair.edits.length, 1);
    const after = assertRepairAllows(text, { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] }, get('pods', 'log'));
    const context = checkContext(modelOf({ [PATH]: after }), { builtinRoles: false });
    assert.deepStrictEqual(runChecks(context, { checks: {} }).filter((f) => f.code === 'RBAC003'), []);
  });

  it('a wrong group: deployments under "" move to apps when "" serves nothing else of the rule', () => {
    const text = workspace('  - apiGroups: [""]\n    resources: ["deployments"]\n    verbs: ["get", "patch"]\n');
    const rule = { apiGroups: ['apps'], resources: ['deployments'], verbs: ['patch'] };
    assert.deepStrictEqual(repairOf(text, rule)!.changes, [{ field: 'apiGroups', from: '', to: 'apps' }]);
    assertRepairAllows(text, rule, { ...get('deployments', undefined, 'apps'), verb: 'patch' });
    const core = workspace('  - apiGroups: ["core"]\n    resources: ["pods"]\n    verbs: ["get"]\n');
    assert.deepStrictEqual(repairOf(core, { apiGroups: [''], resources: ['pods'], verbs: ['get'] })!.changes, [{ field: 'apiGroups', from: 'core', to: '' }]);
  });

  it('a misspelt verb or a word for verbs: lsit becomes list, read becomes get', () => {
    const lsit = workspace('  - apiGroups: [""]\n    resources: ["pods"]\n    verbs:\n      - lsit\n');
    assertRepairAllows(lsit, { apiGroups: [''], resources: ['pods'], verbs: ['list'] }, { ...get('pods'), verb: 'list' });
    const read = workspace('  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["read"]\n');
    assert.deepStrictEqual(repairOf(read, { apiGroups: [''], resources: ['pods'], verbs: ['get'] })!.changes, [{ field: 'verbs', from: 'read', to: 'get' }]);
  });

  it('a Kind-cased resource with a missing verb: both in the same rule', () => {
    const text = workspace('  - apiGroups: [""]\n    resources: ["Pods"]\n    verbs: ["get"]\n');
    const rule = { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] };
    const repair = repairOf(text, rule)!;
    assert.deepStrictEqual([repair.changes, repair.addedVerbs], [[{ field: 'resources', from: 'Pods', to: 'pods' }], ['list']]);
    assertRepairAllows(text, rule, { ...get('pods'), verb: 'list' });
  });

  it('leaves alone what is no near miss: another resource, a real other verb, a group serving other resources, other names', () => {
    const rule = { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] };
    assert.strictEqual(repairOf(workspace('  - apiGroups: [""]\n    resources: ["configmaps"]\n    verbs: ["get"]\n'), rule), undefined);
    assert.strictEqual(repairOf(workspace('  - apiGroups: [""]\n    resources: ["pods", "deployments"]\n    verbs: ["get"]\n'), rule), undefined);
    assert.strictEqual(repairOf(workspace('  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["list"]\n'), { apiGroups: [''], resources: ['pods'], verbs: ['get'] }), undefined);
    assert.strictEqual(repairOf(workspace('  - apiGroups: [""]\n    resources: ["pods/logs"]\n    resourceNames: ["web-1"]\n    verbs: ["get"]\n'), { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] }), undefined);
  });

  it('is what suggestFixes offers first for the bound role, instead of adding a second rule', () => {
    const text = workspace('  - apiGroups: [""]\n    resources: ["pods/logs"]\n    verbs: ["get"]\n');
    const [denial] = parseForbiddenMessage(`pods "web-1" is forbidden: User "${USER}" cannot get resource "pods/log" in API group "" in the namespace "shop"`);
    const [first] = suggestFixes(checkContext(modelOf({ [PATH]: text }), { builtinRoles: false }), denial);
    assert.match(first.title, /^Change pods\/logs to pods\/log \(the entry never matched\) in Role deployer, already bound to deployer by RoleBinding deployer \(no one else holds it\)$/);
    const after = applyEdits(text, first.edits!);
    assert.strictEqual(after.split('pods/log').length - 1, 1, after);
  });
});
