import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { checkContext } from '../../../server/src/core/analysis';
import { consolidate } from '../../../server/src/core/consolidate/consolidate';
import { parseForbiddenMessage } from '../../../server/src/core/forbidden/parse-forbidden-message';
import { readLogText } from '../../../server/src/core/logs/log-reader';
import { suggestFixes } from '../../../server/src/core/fix-forbidden/suggest-fixes';
import { modelOf, type Files } from '../../helpers/check-harness';
import { apiserver } from '../consolidate/helpers';

const fixture = (name: string): Files => ({ [`/w/${name}/rbac.yaml`]: readFileSync(join(__dirname, '../../../../test/fixtures/shared-roles', name, 'rbac.yaml'), 'utf8') });
const API = 'system:serviceaccount:shop:api';

function fixesFor(files: Files, message: string) {
  return suggestFixes(checkContext(modelOf(files), { builtinRoles: true }), parseForbiddenMessage(message)[0]);
}

/** The first suggestion is new objects for the subject alone; an edit of the shared role comes later and names who else gains. */
function assertSharedRoleNotFirst(files: Files, message: string, others: string[]) {
  const fixes = fixesFor(files, message);
  assert.strictEqual(fixes[0].kind, 'new', fixes.map((f) => f.title).join('\n'));
  assert.match(fixes[0].title, /^New /);
  assert.ok(fixes[0].recommended);
  const widening = fixes.filter((f) => f.kind === 'edit');
  for (const edit of widening) {
    assert.ok(!/exactly/i.test(edit.title), edit.title);
    assert.deepStrictEqual(edit.widens?.filter((w) => !w.startsWith('api in ')), others);
    for (const other of others) assert.ok(edit.title.includes(other), `"${edit.title}" names ${other}`);
    assert.ok(!edit.recommended);
  }
  return { fixes, widening };
}

describe('Fix Forbidden never edits first a role someone else holds', () => {
  it('a Role bound to two ServiceAccounts: a new Role for api; the edit is listed last and names shop/batch', () => {
    const { fixes, widening } = assertSharedRoleNotFirst(fixture('shared-role'), apiserver(API, 'list', 'secrets', '', 'shop'), ['ServiceAccount shop/batch']);
    assert.strictEqual(widening.length, 1);
    assert.strictEqual(fixes[fixes.length - 1], widening[0]);
    assert.match(widening[0].title, /^Alternative: add list on secrets to Role app-reader \(bound to api by RoleBinding app-reader\): widens access, also gained by ServiceAccount shop\/batch$/);
  });

  it('a ClusterRole bound to system:authenticated: "every authenticated user"', () => {
    const { widening } = assertSharedRoleNotFirst(fixture('authenticated-group'), apiserver(API, 'watch', 'customresourcedefinitions', 'apiextensions.k8s.io', 'cluster'), ['every authenticated user']);
    assert.strictEqual(widening.length, 1);
  });

  it('a ClusterRole bound to system:serviceaccounts:shop: "every ServiceAccount in shop"', () => {
    assertSharedRoleNotFirst(fixture('serviceaccounts-group'), apiserver(API, 'list', 'configmaps', '', 'shop'), ['every ServiceAccount in shop']);
  });

  it('a ClusterRole bound by RoleBindings in two namespaces: the other namespace\'s ServiceAccount is named', () => {
    assertSharedRoleNotFirst(fixture('several-namespaces'), apiserver(API, 'list', 'configmaps', '', 'shop'), ['ServiceAccount dev/web']);
  });

  it('a ClusterRole aggregated into another: whoever holds the aggregating role is named', () => {
    const { widening } = assertSharedRoleNotFirst(fixture('aggregated'), apiserver(API, 'list', 'nodes', '', 'cluster'), ['User alice']);
    assert.match(widening[0].detail ?? '', /aggregated into \(monitoring\)/);
  });

  it('a copy of a default role is never edited, alone or in a whole log', () => {
    const files = fixture('default-roles');
    const message = apiserver(API, 'create', 'selfsubjectreviews', 'authentication.k8s.io', 'cluster');
    assert.deepStrictEqual(fixesFor(files, message).filter((f) => f.kind === 'edit'), []);
    const log = [message, apiserver(API, 'list', 'nodes', '', 'cluster'), apiserver(API, 'get', 'namespaces', '', 'cluster')].join('\n');
    const { changes } = consolidate(checkContext(modelOf(files), { builtinRoles: true }), readLogText(log).denials);
    assert.strictEqual(changes.length, 1);
    assert.deepStrictEqual(changes[0].edits, []);
    assert.deepStrictEqual(changes[0].roles.map((r) => `${r.kind} ${r.name}`), ['ClusterRole shop-api-cluster-access']);
  });

  it('a whole log never edits a shared role: new objects instead', () => {
    for (const name of ['shared-role', 'serviceaccounts-group', 'several-namespaces']) {
      const log = [apiserver(API, 'list', 'secrets', '', 'shop'), apiserver(API, 'watch', 'secrets', '', 'shop')].join('\n');
      const { changes } = consolidate(checkContext(modelOf(fixture(name)), { builtinRoles: true }), readLogText(log).denials);
      assert.deepStrictEqual(changes[0].edits, [], name);
      assert.deepStrictEqual(changes[0].roles.map((r) => `${r.kind} ${r.namespace}/${r.name}`), ['Role shop/api-access'], name);
    }
  });

  it('a role bound to the subject alone is still edited first', () => {
    const files = fixture('shared-role');
    const only = { '/w/rbac.yaml': files['/w/shared-role/rbac.yaml'].replace(/- kind: ServiceAccount\n {2}name: batch\n {2}namespace: shop\n/, '') };
    const fixes = fixesFor(only, apiserver(API, 'list', 'secrets', '', 'shop'));
    assert.strictEqual(fixes[0].kind, 'edit');
    assert.ok(fixes[0].recommended && !fixes[0].widens);
    assert.match(fixes[0].title, /^Add list on secrets to Role app-reader, already bound to api by RoleBinding app-reader \(no one else holds it\)$/);
  });

  it('the subject\'s own wider reach is said: a ClusterRole it holds cluster-wide is not edited first for one namespace', () => {
    const files = { '/w/rbac.yaml': readFileSync(join(__dirname, '../../../../test/fixtures/shared-roles/aggregated/rbac.yaml'), 'utf8').split('\n---\n').slice(0, 2).join('\n---\n') };
    const fixes = fixesFor(files, apiserver(API, 'list', 'secrets', '', 'shop'));
    assert.strictEqual(fixes[0].kind, 'new');
    const edit = fixes.find((f) => f.kind === 'edit')!;
    assert.match(edit.title, /api also gains it in every namespace \(ClusterRoleBinding api-extra\)$/);
  });

  it('new objects never take the name of a role or binding that exists', () => {
    const files = fixture('shared-role');
    files['/w/taken.yaml'] = [
      'apiVersion: rbac.authorization.k8s.io/v1', 'kind: Role', 'metadata:', '  name: api-secrets-list', '  namespace: shop', 'rules: []', '---',
      'apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', 'metadata:', '  name: api-secrets-list-2', '  namespace: shop',
      'roleRef:', '  apiGroup: rbac.authorization.k8s.io', '  kind: Role', '  name: api-secrets-list', 'subjects:', '- kind: User', '  name: bob', '',
    ].join('\n');
    const fixes = fixesFor(files, apiserver(API, 'list', 'secrets', '', 'shop'));
    assert.match(fixes[0].yaml ?? '', /name: "api-secrets-list-3"\n/);
    assert.ok(!/name: "api-secrets-list"\n/.test(fixes[0].yaml ?? ''));
  });

  it('two subjects of one log whose names read alike get objects of different names', () => {
    const log = [apiserver('system:serviceaccount:shop:a.b', 'list', 'secrets', '', 'shop'), apiserver('system:serviceaccount:shop:a-b', 'list', 'pods', '', 'shop'),
      apiserver('system:serviceaccount:shop:a.b', 'watch', 'secrets', '', 'shop'), apiserver('system:serviceaccount:shop:a-b', 'watch', 'pods', '', 'shop')].join('\n');
    const { changes } = consolidate(checkContext(modelOf({}), { builtinRoles: true }), readLogText(log).denials);
    assert.deepStrictEqual(changes.map((c) => c.roles.map((r) => `${r.namespace}/${r.name}`)), [['shop/a-b-access'], ['shop/a-b-access-2']]);
    assert.deepStrictEqual(changes.map((c) => c.bindings.map((b) => b.roleRef.name)), [['a-b-access'], ['a-b-access-2']]);
  });
});
