import * as assert from 'assert';
import { join } from 'path';
import { rbacDoctor, REPO } from '../helpers/run-cli';
import { writeUndecidedChart } from '../helpers/undecided-chart';
import { writeUnreadChart } from '../helpers/unread-chart';
import { writePartialChart } from '../helpers/partial-chart';
import { writeAggregateChart } from '../helpers/aggregate-chart';

const chart = writeUndecidedChart();
const app = ['--as', 'system:serviceaccount:shop:app', '-n', 'shop', '-f', chart];

describe('unknown is not granted (CLI)', () => {
  it('can-i on a rule under an undecidable condition: "no", exit 5, and the rule named at its file:line', () => {
    const result = rbacDoctor(['can-i', 'list', 'secrets', ...app]);
    assert.strictEqual(result.stdout.trim(), 'no');
    assert.strictEqual(result.code, 5, result.stderr);
    assert.match(result.stderr, /unknown: might be granted by RoleBinding shop\/app → Role shop\/app: rule 2 of Role app renders only under `\{\{- if \.Capabilities\.APIVersions\.Has "widgets\.example\.com\/v1\/Widget" \}\}` \(line 10\), which could not be decided \(.*rbac\.yaml:11\)/);
  });

  it('what is known is judged exactly: the rule outside the branch is yes (0), an ungranted verb is no (1)', () => {
    assert.strictEqual(rbacDoctor(['can-i', 'list', 'pods', ...app]).code, 0);
    const denied = rbacDoctor(['can-i', 'delete', 'pods', ...app]);
    assert.deepStrictEqual([denied.code, denied.stdout.trim(), denied.stderr], [1, 'no', '']);
  });

  it('a subject under an undecidable condition gets nothing for sure: exit 5 naming its binding', () => {
    const result = rbacDoctor(['can-i', 'list', 'pods', '--as', 'system:serviceaccount:shop:batch', '-n', 'shop', '-f', chart]);
    assert.strictEqual(result.code, 5, result.stdout + result.stderr);
    assert.match(result.stderr, /the subject of RoleBinding app renders only under `\{\{- if lookup "v1" "Namespace" "" "batch" \}\}` \(line 25\)/);
  });

  it('who-can lists such subjects apart, as "might"', () => {
    const result = rbacDoctor(['who-can', 'list', 'pods', '-n', 'shop', '-f', chart, '--no-builtin-roles']);
    assert.strictEqual(result.code, 0, result.stderr);
    const [sure, might] = result.stdout.split('Might (');
    assert.match(sure, /ServiceAccount\s+shop\/app\s+RoleBinding shop\/app/);
    assert.doesNotMatch(sure, /batch/);
    assert.match(might, /ServiceAccount\s+shop\/batch\s+RoleBinding shop\/app/);
    const secrets = rbacDoctor(['who-can', 'list', 'secrets', '-n', 'shop', '-f', chart, '--no-builtin-roles']);
    assert.match(secrets.stdout, /^No subject certainly can, per these manifests\.\n\nMight/);
    assert.match(secrets.stdout, /ServiceAccount\s+shop\/app/);
  });

  it('can-i --list puts rules that may not render under "Not known", apart from the table', () => {
    const result = rbacDoctor(['can-i', '--list', ...app, '--no-builtin-roles']);
    const [held, unknown] = result.stdout.split('Not known');
    assert.match(held, /^pods\s+\[\]\s+\[\]\s+\[list\]$/m);
    assert.doesNotMatch(held, /secrets/);
    assert.match(unknown, /^secrets\s+\[\]\s+\[\]\s+\[list\]$/m);
  });

  it('forbidden never calls the request already granted on an undecided rule: it grants it, and says why the rule was not counted', () => {
    const denial = 'Error from server (Forbidden): secrets is forbidden: User "system:serviceaccount:shop:app" cannot list resource "secrets" in API group "" in the namespace "shop"';
    const result = rbacDoctor(['forbidden', denial, '-f', chart]);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stdout + result.stderr, /already (granted|allowed)|nothing to fix/i);
    assert.match(result.stdout, /resources: \["secrets"\]\n {2}verbs: \["list"\]/);
    assert.match(result.stdout, /# Not counted as granted: rule 2 of Role app renders only under .*rbac\.yaml:11\)/);
  });

  it('a rule that could not be read (a `lookup`) might grant what its known parts allow: such a request is unknown (5), not denied', () => {
    const unread = writeUnreadChart();
    const app = ['--as', 'system:serviceaccount:shop:app', '-n', 'shop', '-f', unread];
    const secrets = rbacDoctor(['can-i', 'list', 'secrets', ...app]);
    assert.deepStrictEqual([secrets.code, secrets.stdout.trim()], [5, 'no'], secrets.stderr);
    assert.match(secrets.stderr, /Role app has rules that could not be read \(a rule here holds a value that is not known\) \(.*rbac\.yaml:10\)/);
    assert.strictEqual(rbacDoctor(['can-i', 'list', 'pods', ...app]).code, 0);
    // Its known parts are still judged exactly: it lists only, and only in the core group.
    assert.strictEqual(rbacDoctor(['can-i', 'delete', 'secrets', ...app]).code, 1);
    assert.strictEqual(rbacDoctor(['can-i', 'list', 'deployments.apps', ...app]).code, 1);
  });

  it('subjects that could not be read might be anyone: who-can lists them as "might", can-i is unknown for a user its role would allow', () => {
    const unread = writeUnreadChart();
    const alice = rbacDoctor(['can-i', 'get', 'nodes', '--as', 'alice', '-f', unread]);
    assert.strictEqual(alice.code, 5, alice.stdout + alice.stderr);
    assert.match(alice.stderr, /ClusterRoleBinding node-readers has subjects that could not be read .*rbac\.yaml:32\)/);
    // What the binding's role does not grant stays a plain no.
    assert.strictEqual(rbacDoctor(['can-i', 'list', 'nodes', '--as', 'alice', '-f', unread]).code, 1);
    const who = rbacDoctor(['who-can', 'get', 'nodes', '-f', unread, '--no-builtin-roles']);
    assert.match(who.stdout, /^No subject certainly can[^]*Might[^]*\?\s+subjects that could not be read\s+ClusterRoleBinding node-readers/);
  });

  it('kube-state-metrics as published: `can-i list clusterroles` for its ServiceAccount is not "yes"', () => {
    const ksm = join(REPO, 'test/fixtures/helm-charts/kube-state-metrics');
    const result = rbacDoctor(['can-i', 'list', 'clusterroles', '--as', 'system:serviceaccount:default:release-kube-state-metrics', '-f', ksm]);
    assert.strictEqual(result.stdout.trim(), 'no');
    assert.notStrictEqual(result.code, 0);
    // Today the collectors list comes from `fromYamlArray`, which is not evaluated: unknown (5), naming the rule.
    if (result.code === 5) assert.match(result.stderr, /role\.yaml:126/);
    else assert.strictEqual(result.code, 1, result.stderr);
  });
});

describe('roles and bindings a chart renders but could not read whole (CLI)', () => {
  const partial = writePartialChart();
  const canI = (...args: string[]) => rbacDoctor(['can-i', ...args, '-f', partial]);

  it('a RoleBinding whose namespace is not known: unknown (5) in any namespace, naming it at its line; no at cluster scope and for what its role does not allow', () => {
    const batch = ['--as', 'system:serviceaccount:jobs:batch'];
    const shop = canI('get', 'secrets', '-n', 'shop', ...batch);
    assert.deepStrictEqual([shop.code, shop.stdout.trim()], [5, 'no'], shop.stderr);
    assert.match(shop.stderr, /unknown: might be granted by RoleBinding \(not known\)\/reader → ClusterRole secret-reader: RoleBinding \(not known\)\/reader could not be read \(its namespace is computed with `lookup`, which is not evaluated offline\) \(.*templates\/rbac\.yaml:20\)/);
    assert.strictEqual(canI('get', 'secrets', '-n', 'dev', ...batch).code, 5);
    assert.strictEqual(canI('delete', 'secrets', '-n', 'shop', ...batch).code, 1);
    assert.strictEqual(canI('get', 'secrets', '-A', ...batch).code, 1);
  });

  it('a role whose name is not known might be the one a binding names and that does not exist: unknown for what it allows only', () => {
    const app = ['--as', 'system:serviceaccount:shop:app'];
    const get = canI('get', 'nodes', ...app);
    assert.strictEqual(get.code, 5, get.stderr);
    assert.match(get.stderr, /ClusterRoleBinding node-getter refers to ClusterRole node-getter, which is not found; ClusterRole \(not known\) could not be read \(its name is computed with `lookup`, which is not evaluated offline\) and might be it \(.*templates\/rbac\.yaml:1\)/);
    assert.strictEqual(canI('list', 'nodes', ...app).code, 1);
  });

  it('a RoleBinding whose roleRef is not known might bind any ClusterRole: unknown in its namespace only, and only for what some ClusterRole allows', () => {
    assert.strictEqual(canI('create', 'deployments.apps', '-n', 'shop', '--as', 'alice').code, 5, 'the default admin role allows it');
    assert.strictEqual(canI('create', 'deployments.apps', '-n', 'shop', '--as', 'alice', '--no-builtin-roles').code, 1);
    assert.strictEqual(canI('get', 'secrets', '-n', 'shop', '--as', 'alice', '--no-builtin-roles').code, 5);
    assert.strictEqual(canI('get', 'secrets', '-n', 'dev', '--as', 'alice', '--no-builtin-roles').code, 1);
    assert.strictEqual(canI('get', 'secrets', '-n', 'shop', '--as', 'bob', '--no-builtin-roles').code, 1);
  });

  it('who-can lists the subjects such objects might reach as "might", and "subjects that could not be read" when their subjects are not known', () => {
    const secrets = rbacDoctor(['who-can', 'get', 'secrets', '-n', 'shop', '-f', partial, '--no-builtin-roles']);
    assert.strictEqual(secrets.code, 0, secrets.stderr);
    assert.match(secrets.stdout, /^No subject certainly can, per these manifests\.\n\nMight/);
    assert.match(secrets.stdout, /ServiceAccount\s+jobs\/batch\s+RoleBinding \(not known\)\/reader\s+ClusterRole secret-reader\s+.*rbac\.yaml:20/);
    assert.match(secrets.stdout, /User\s+alice\s+RoleBinding shop\/alice\s+ClusterRole secret-reader\s+.*rbac\.yaml:40/);
    const configmaps = rbacDoctor(['who-can', 'get', 'configmaps', '-n', 'shop', '-f', partial, '--no-builtin-roles']);
    assert.match(configmaps.stdout, /Might[^]*\?\s+subjects that could not be read\s+ClusterRoleBinding \(not known\)\s+ClusterRole cm-reader\s+.*rbac\.yaml:59/);
    // What none of them could grant: nobody, not even "might".
    const deletes = rbacDoctor(['who-can', 'delete', 'configmaps', '-n', 'shop', '-f', partial, '--no-builtin-roles']);
    assert.strictEqual(deletes.stdout.trim(), 'No subject can, per these manifests.');
  });

  it('check says why each was left out, naming the real cause (a `lookup`), not "values"', () => {
    const result = rbacDoctor(['check', partial]);
    assert.match(result.stdout + result.stderr, /skipped RoleBinding at .*rbac\.yaml:19: its namespace is computed with `lookup`, which is not evaluated offline/);
    assert.match(result.stdout + result.stderr, /skipped ClusterRole at .*rbac\.yaml:1: its name is computed with `lookup`, which is not evaluated offline/);
    assert.doesNotMatch(result.stdout + result.stderr, /computed from values that are not known/);
  });

  it('can-i --list puts what they might give under "Not known"', () => {
    const result = canI('--list', '-n', 'shop', '--as', 'system:serviceaccount:jobs:batch', '--no-builtin-roles');
    const [held, unknown] = result.stdout.split('Not known');
    assert.doesNotMatch(held, /secrets/);
    assert.match(unknown, /^secrets\s+\[\]\s+\[\]\s+\[get\]$/m);
  });

  it('forbidden never calls the request already granted from them: it grants it, and says what might already grant it', () => {
    const denial = 'Error from server (Forbidden): secrets "db" is forbidden: User "system:serviceaccount:jobs:batch" cannot get resource "secrets" in API group "" in the namespace "shop"';
    const result = rbacDoctor(['forbidden', denial, '-f', partial]);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stdout + result.stderr, /already (granted|allowed)|nothing to fix/i);
    assert.match(result.stdout, /kind: RoleBinding[^]*namespace: "?shop"?/);
    assert.match(result.stdout, /# Not counted as granted: RoleBinding \(not known\)\/reader could not be read .*rbac\.yaml:20\)/);
  });
});

describe('aggregated ClusterRoles that pull in what could not be read (CLI)', () => {
  const aggregate = writeAggregateChart();
  const alice = (verb: string, resource: string) => rbacDoctor(['can-i', verb, resource, '-n', 'shop', '--as', 'alice', '-f', aggregate, '--no-builtin-roles']);

  it('a ClusterRole whose labels could not be read might be aggregated: unknown (5) through the aggregating role, naming it; yes through its own binding', () => {
    const secrets = alice('list', 'secrets');
    assert.deepStrictEqual([secrets.code, secrets.stdout.trim()], [5, 'no'], secrets.stderr);
    assert.match(secrets.stderr, /ClusterRoleBinding shop-admins → ClusterRole shop-admin: ClusterRole shop-secrets has labels that could not be read .*an aggregationRule might select it \(.*rbac\.yaml:10\)/);
    assert.strictEqual(rbacDoctor(['can-i', 'list', 'secrets', '-n', 'shop', '--as', 'bob', '-f', aggregate, '--no-builtin-roles']).code, 0);
  });

  it('a selected ClusterRole\'s rule that could not be read: unknown through the aggregating role for what its known parts allow, no otherwise', () => {
    const watch = alice('watch', 'configmaps');
    assert.strictEqual(watch.code, 5, watch.stderr);
    assert.match(watch.stderr, /ClusterRole shop-pods, aggregated into it, has rules that could not be read.*rbac\.yaml:31\)/);
    assert.strictEqual(alice('get', 'pods').code, 0);
    assert.strictEqual(alice('delete', 'pods').code, 1);
  });

  it('who-can lists the aggregating role\'s subjects as "might"', () => {
    const who = rbacDoctor(['who-can', 'list', 'secrets', '-n', 'shop', '-f', aggregate, '--no-builtin-roles']);
    const [sure, might] = who.stdout.split('Might (');
    assert.match(sure, /User\s+bob\s+ClusterRoleBinding secret-listers/);
    assert.doesNotMatch(sure, /alice/);
    assert.match(might, /User\s+alice\s+ClusterRoleBinding shop-admins\s+ClusterRole shop-admin/);
  });
});
