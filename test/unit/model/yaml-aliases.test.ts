import * as assert from 'assert';
import { checkContext } from '../../../server/src/core/analysis';
import type { RoleObject } from '../../../server/src/core/model/types';
import { canI } from '../../../server/src/core/rbac/authorize';
import { PolicyIndex } from '../../../server/src/core/rbac/policy-index';
import { identityOf } from '../../../server/src/core/rbac/subjects';
import { ALIAS_BUDGET } from '../../../server/src/core/model/yaml-aliases';
import { modelOf, runAll } from '../../helpers/check-harness';

const ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
  namespace: shop
rules:
- apiGroups: &core [""]
  resources: [pods]
  verbs: &read [get, list, watch]
- apiGroups: *core
  resources: [configmaps]
  verbs: *read
`;
const BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: reader
  namespace: shop
roleRef: &ref
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: reader
subjects:
- &alice {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: reader-too
  namespace: shop
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: &team
- {kind: User, name: bob, apiGroup: rbac.authorization.k8s.io}
- {kind: User, name: carol, apiGroup: rbac.authorization.k8s.io}
`;

describe('YAML aliases in rules, subjects and roleRefs', () => {
  it('rules read the anchored verbs and groups: no false RBAC006', () => {
    const model = modelOf({ '/w/role.yaml': ROLE });
    const role = model.index.roles[0] as RoleObject;
    assert.deepStrictEqual(role.rules.map((r) => [r.apiGroups, r.verbs]), [[[''], ['get', 'list', 'watch']], [[''], ['get', 'list', 'watch']]]);
    assert.deepStrictEqual(runAll({ '/w/role.yaml': ROLE }).filter((f) => f.category === 'invalid').map((f) => f.code), []);
  });
  it('can-i answers through aliased rules, subjects and subject lists', () => {
    const context = checkContext(modelOf({ '/w/role.yaml': ROLE, '/w/binding.yaml': BINDING }), { builtinRoles: false });
    const index = new PolicyIndex(context.policy);
    const listConfigMaps = { kind: 'resource' as const, verb: 'list', apiGroup: '', resource: 'configmaps', namespace: 'shop' };
    for (const user of ['alice', 'bob', 'carol']) assert.ok(canI(index, identityOf(user), listConfigMaps).allowed, user);
    assert.ok(!canI(index, identityOf('mallory'), listConfigMaps).allowed);
    assert.ok(!canI(index, identityOf('alice'), { ...listConfigMaps, verb: 'delete' }).allowed);
  });
  it('an alias bomb stays bounded: reading past the budget reads as absent, and nothing hangs', () => {
    const levels = ['a: &a [get, get, get, get, get, get, get, get, get, get]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const rules = Array.from({ length: 200 }, () => '- {apiGroups: [""], resources: [pods], verbs: *i}').join('\n');
    const text = `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: bomb\n  annotations:\n    ${levels.join('\n    ')}\nrules:\n${rules}\n`;
    const role = modelOf({ '/w/bomb.yaml': text }).index.roles[0] as RoleObject;
    assert.strictEqual(role.rules.length, 200);
    // Each rule reads the verbs list (its items are lists, not verbs) only while the budget lasts.
    assert.ok(role.rules.every((r) => r.verbs.length === 0));
    assert.ok(ALIAS_BUDGET < 10 ** 9);
    assert.doesNotThrow(() => runAll({ '/w/bomb.yaml': text }));
  });
  it('a self-referencing alias is not followed', () => {
    const text = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: loop\nrules: &r\n- apiGroups: [""]\n  resources: [pods]\n  verbs: [get]\n  again: *r\n';
    assert.doesNotThrow(() => runAll({ '/w/loop.yaml': text }));
  });
});
