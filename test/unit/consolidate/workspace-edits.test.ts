import * as assert from 'assert';
import { checkContext } from '../../../server/src/core/analysis';
import { consolidate } from '../../../server/src/core/consolidate/consolidate';
import { applyEdits } from '../../../server/src/core/edits/apply-edits';
import { readLogText } from '../../../server/src/core/logs/log-reader';
import { modelOf, type Files } from '../../helpers/check-harness';
import { apiserver } from './helpers';

const role = (kind: string, name: string, namespace: string | undefined, rules: string[]) => [
  'apiVersion: rbac.authorization.k8s.io/v1', `kind: ${kind}`, 'metadata:', `  name: ${name}`, ...(namespace ? [`  namespace: ${namespace}`] : []), 'rules:', ...rules,
].join('\n');
const binding = (kind: string, name: string, namespace: string | undefined, roleKind: string, roleName: string, sa: string) => [
  'apiVersion: rbac.authorization.k8s.io/v1', `kind: ${kind}`, 'metadata:', `  name: ${name}`, ...(namespace ? [`  namespace: ${namespace}`] : []),
  'roleRef:', '  apiGroup: rbac.authorization.k8s.io', `  kind: ${roleKind}`, `  name: ${roleName}`,
  'subjects:', '  - kind: ServiceAccount', `    name: ${sa}`, '    namespace: ops',
].join('\n');

function changeOf(files: Files, lines: string[]) {
  const denials = readLogText(lines.join('\n')).denials;
  const { changes } = consolidate(checkContext(modelOf(files), { builtinRoles: false }), denials);
  assert.strictEqual(changes.length, 1);
  return changes[0];
}

function after(files: Files, edits: { file: string; range: never; newText: string }[]): Files {
  const out = { ...files };
  for (const file of new Set(edits.map((e) => e.file))) out[file] = applyEdits(out[file], edits.filter((e) => e.file === file));
  return out;
}

const SA = 'system:serviceaccount:ops:sync';

describe('consolidated change with a workspace', () => {
  it('repairs a near-miss entry once and adds the other missing rules to the same role', () => {
    const files: Files = {
      '/w/rbac.yaml': [
        role('Role', 'sync', 'ops', ['- apiGroups: [""]', '  resources: ["pods/logs"]  # meant pods/log', '  verbs: ["get"]']),
        '---', binding('RoleBinding', 'sync', 'ops', 'Role', 'sync', 'sync'), '',
      ].join('\n'),
    };
    const change = changeOf(files, [
      apiserver(SA, 'get', 'pods/log', '', 'ops'), apiserver(SA, 'list', 'pods', '', 'ops'), apiserver(SA, 'list', 'configmaps', '', 'ops'),
    ]);
    assert.deepStrictEqual(change.roles, [], 'nothing new: the bound Role takes everything');
    assert.deepStrictEqual(change.edits.map((e) => `${e.kind} ${e.name}`), ['Role sync']);
    const text = after(files, change.edits.flatMap((e) => e.edits) as never)['/w/rbac.yaml'];
    assert.match(text, /resources: \["pods\/log"\] {2}# meant pods\/log/);
    assert.ok(!text.includes('pods/logs'));
    assert.match(text, /resources: \["configmaps", "pods"\]\n {2}verbs: \["list"\]/);
  });

  it('never edits a ClusterRole bound in two namespaces for a need of one: list in team-b and watch in team-a would follow (new Roles instead)', () => {
    const files: Files = {
      '/w/rbac.yaml': [
        role('ClusterRole', 'syncer', undefined, ['- apiGroups: [""]', '  resources: ["secrets"]', '  verbs: ["get"]']),
        '---', binding('RoleBinding', 'sync', 'team-a', 'ClusterRole', 'syncer', 'sync'),
        '---', binding('RoleBinding', 'sync', 'team-b', 'ClusterRole', 'syncer', 'sync'), '',
      ].join('\n'),
    };
    const change = changeOf(files, [apiserver(SA, 'list', 'secrets', '', 'team-a'), apiserver(SA, 'watch', 'secrets', '', 'team-b')]);
    assert.deepStrictEqual(change.edits, []);
    assert.deepStrictEqual(change.roles.map((r) => `${r.kind} ${r.namespace}/${r.name}`), ['Role team-a/ops-sync-access', 'Role team-b/ops-sync-access']);
  });

  it('never widens a namespace need through a ClusterRoleBinding: a new Role instead', () => {
    const files: Files = {
      '/w/rbac.yaml': [
        role('ClusterRole', 'syncer', undefined, ['- apiGroups: [""]', '  resources: ["nodes"]', '  verbs: ["get"]']),
        '---', binding('ClusterRoleBinding', 'sync', undefined, 'ClusterRole', 'syncer', 'sync'), '',
      ].join('\n'),
    };
    const change = changeOf(files, [apiserver(SA, 'list', 'secrets', '', 'team-a'), apiserver(SA, 'list', 'nodes', '', 'cluster')]);
    assert.deepStrictEqual(change.edits.map((e) => e.name), ['syncer'], 'the cluster-wide need goes to the ClusterRole bound cluster-wide');
    assert.deepStrictEqual(change.roles.map((r) => `${r.kind} ${r.namespace}/${r.name}`), ['Role team-a/ops-sync-access']);
  });
});

describe('editing a bound role grants nothing beyond the denial', () => {
  it('adds a verb only to a rule over exactly the denied resources; else a new rule', () => {
    const files: Files = {
      '/w/rbac.yaml': [
        role('Role', 'sync', 'ops', ['- apiGroups: [""]', '  resources: ["pods", "secrets"]', '  verbs: ["get"]']),
        '---', binding('RoleBinding', 'sync', 'ops', 'Role', 'sync', 'sync'), '',
      ].join('\n'),
    };
    const change = changeOf(files, [apiserver(SA, 'list', 'pods', '', 'ops'), apiserver(SA, 'watch', 'pods', '', 'ops')]);
    const text = after(files, change.edits.flatMap((e) => e.edits) as never)['/w/rbac.yaml'];
    assert.match(text, /resources: \["pods", "secrets"\]\n {2}verbs: \["get"\]\n/, 'secrets gain nothing');
    assert.match(text, /- apiGroups: \[""\]\n {2}resources: \["pods"\]\n {2}verbs: \["list", "watch"\]/);
  });
});
