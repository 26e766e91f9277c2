import * as assert from 'assert';
import { parseAllDocuments } from 'yaml';
import { checkContext } from '../../../server/src/core/analysis';
import { runChecks } from '../../../server/src/core/checks/run-checks';
import { consolidate } from '../../../server/src/core/consolidate/consolidate';
import { renderChange } from '../../../server/src/core/consolidate/render-change';
import type { SubjectChange } from '../../../server/src/core/consolidate/types';
import { applyEdits } from '../../../server/src/core/edits/apply-edits';
import type { Denial } from '../../../server/src/core/forbidden/types';
import { requestOf, suggestFixes } from '../../../server/src/core/fix-forbidden/suggest-fixes';
import { readLogText } from '../../../server/src/core/logs/log-reader';
import { canI } from '../../../server/src/core/rbac/authorize';
import { PolicyIndex } from '../../../server/src/core/rbac/policy-index';
import { identityOf } from '../../../server/src/core/rbac/subjects';
import type { AccessRequest, UserInfo } from '../../../server/src/core/rbac/types';
import { modelOf, type Files } from '../../helpers/check-harness';
import { logFixture } from './helpers';

const NOBODY: UserInfo = { name: 'someone-else', groups: ['system:authenticated'] };

/** Requests next to a denied one: other verbs, another namespace, cluster-wide instead of namespaced. */
function neighbours(request: AccessRequest): AccessRequest[] {
  const out: AccessRequest[] = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'escalate', 'post']
    .filter((verb) => verb !== request.verb).map((verb) => ({ ...request, verb }));
  if (request.kind === 'resource') {
    if (request.namespace) out.push({ ...request, namespace: `${request.namespace}-other` }, { ...request, namespace: undefined });
    out.push({ ...request, resource: `${request.resource}x` });
  } else {
    out.push({ ...request, path: `${request.path}-other` });
  }
  return out;
}

/** What the exact single-denial grants of every denial allow together: the oracle of "nothing more". */
function exactUnion(denials: Denial[], base: Files): PolicyIndex {
  const files: Files = { ...base };
  denials.forEach((denial, i) => {
    const fresh = suggestFixes(checkContext(modelOf({}), { builtinRoles: false }), denial).find((s) => s.kind === 'new' && s.title.startsWith('New '));
    if (fresh?.yaml) files[`/oracle/${i}.yaml`] = fresh.yaml;
  });
  return new PolicyIndex(checkContext(modelOf(files), { builtinRoles: false }).policy);
}

/** The workspace after the change: new YAML added as files, edits applied to the files they change. */
function applied(base: Files, changes: SubjectChange[]): Files {
  const files: Files = { ...base };
  changes.forEach((change, i) => {
    const yaml = renderChange(change);
    if (yaml) files[`/w/generated-${i}.yaml`] = yaml;
    const edits = change.edits.flatMap((e) => e.edits);
    for (const file of new Set(edits.map((e) => e.file))) files[file] = applyEdits(files[file], edits.filter((e) => e.file === file));
  });
  return files;
}

function roundTrip(log: string, base: Files = {}): void {
  const denials = readLogText(log).denials;
  const { changes } = consolidate(checkContext(modelOf(base), { builtinRoles: false }), denials);
  const after = applied(base, changes);
  for (const [path, text] of Object.entries(after)) {
    assert.deepStrictEqual(parseAllDocuments(text).flatMap((d) => d.errors.map((e) => e.message)), [], `${path} parses`);
  }
  const context = checkContext(modelOf(after), { builtinRoles: false });
  const index = new PolicyIndex(context.policy);
  const oracle = exactUnion(denials, base);
  for (const change of changes) {
    const user = identityOf(change.asUser, change.groups);
    for (const i of change.denials) {
      const request = requestOf(denials[i])!;
      assert.ok(canI(index, user, request).allowed, `${change.asUser} ${JSON.stringify(request)} is let through`);
      assert.ok(!canI(index, NOBODY, request).allowed, `another subject stays denied ${JSON.stringify(request)}`);
      for (const other of changes.filter((c) => c !== change)) {
        const otherUser = identityOf(other.asUser, other.groups);
        assert.strictEqual(canI(index, otherUser, request).allowed, canI(oracle, otherUser, request).allowed, `${other.asUser} gains nothing of ${change.asUser}'s: ${JSON.stringify(request)}`);
      }
      for (const neighbour of neighbours(request)) {
        assert.strictEqual(canI(index, user, neighbour).allowed, canI(oracle, user, neighbour).allowed, `${change.asUser} ${JSON.stringify(neighbour)}: exactly as the exact grants`);
      }
    }
    const kinds = (kind: string) => change.roles.filter((r) => r.kind === kind);
    assert.ok(kinds('ClusterRole').length <= 1, 'at most one ClusterRole per subject');
    const namespaces = kinds('Role').map((r) => r.namespace);
    assert.strictEqual(new Set(namespaces).size, namespaces.length, 'at most one Role per subject and namespace');
  }
  const problems = runChecks(context, { checks: {} }).filter((f) => f.category === 'invalid' || f.category === 'ineffective');
  assert.deepStrictEqual(problems.map((f) => `${f.code} ${f.message}`), [], 'the result passes check');
}

describe('consolidated change: round trip over whole logs', () => {
  it('a controller start-up log', () => roundTrip(logFixture('start-up.log')));
  it('a log of two subjects over several namespaces and cluster-wide requests', () => roundTrip(logFixture('namespaces.log')));
  it('an audit log (subresources, non-resource paths, impersonation, groups)', () => roundTrip(logFixture('audit.jsonl')));
  it('all of them in one paste', () => roundTrip([logFixture('start-up.log'), logFixture('audit.jsonl'), logFixture('namespaces.log')].join('\n')));

  it('edits the role a subject already holds, once, with every rule it lacks', () => {
    const base: Files = {
      '/w/manager.yaml': [
        'apiVersion: rbac.authorization.k8s.io/v1', 'kind: Role', 'metadata:', '  name: manager', '  namespace: ctrl', 'rules:',
        '  - apiGroups: [""]', '    resources: ["pods"]', '    verbs: ["get"]  # reads its own pods',
        '---', 'apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', 'metadata:', '  name: manager', '  namespace: ctrl',
        'roleRef:', '  apiGroup: rbac.authorization.k8s.io', '  kind: Role', '  name: manager',
        'subjects:', '  - kind: ServiceAccount', '    name: manager', '    namespace: ctrl', '',
      ].join('\n'),
    };
    roundTrip(logFixture('start-up.log'), base);
    const denials = readLogText(logFixture('start-up.log')).denials;
    const [change] = consolidate(checkContext(modelOf(base), { builtinRoles: false }), denials).changes;
    assert.deepStrictEqual(change.edits.map((e) => `${e.kind} ${e.namespace}/${e.name}`), ['Role ctrl/manager']);
    assert.deepStrictEqual(change.roles.map((r) => r.kind), ['ClusterRole'], 'only the cluster-wide part is new');
    const after = applied(base, [change])['/w/manager.yaml'];
    assert.ok(after.includes('# reads its own pods'), 'the comment stays');
  });
});
