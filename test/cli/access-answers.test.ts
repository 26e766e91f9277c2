import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CLI, rbacDoctor } from '../helpers/run-cli';
import { builtinPolicy } from '../../server/src/core/rbac/builtin-policy';

const workspace = mkdtempSync(join(tmpdir(), 'rbac-doctor-access-'));
writeFileSync(join(workspace, 'rbac.yaml'), `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: widget-status, namespace: shop}
rules:
- apiGroups: ["example.com"]
  resources: ["widgets/status"]
  verbs: ["update"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: widget-status, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: widget-status}
subjects:
- kind: ServiceAccount
  name: operator
`);
const operator = ['--as', 'system:serviceaccount:shop:operator', '-f', workspace];

describe('access answers as complete as the API server\'s', () => {
  it('the default policy holds every controller\'s role, each bound to its kube-system ServiceAccount', () => {
    const { roles, bindings } = builtinPolicy();
    const controllers = roles.filter((r) => r.kind === 'ClusterRole' && r.name.startsWith('system:controller:'));
    assert.ok(controllers.length >= 40, `${controllers.length} controller roles`);
    for (const name of ['replicaset-controller', 'namespace-controller', 'generic-garbage-collector', 'deployment-controller', 'job-controller']) {
      assert.ok(controllers.some((r) => r.name === `system:controller:${name}`), name);
    }
    for (const role of controllers) {
      const binding = bindings.find((b) => b.kind === 'ClusterRoleBinding' && b.name === role.name);
      assert.ok(binding, `${role.name} is bound`);
      assert.deepStrictEqual(binding.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.name });
      assert.deepStrictEqual(binding.subjects, [{ kind: 'ServiceAccount', name: role.name.slice('system:controller:'.length), namespace: 'kube-system' }]);
    }
  });

  it('who-can delete pods names the controllers Kubernetes grants it, and not with --no-builtin-roles', () => {
    const result = rbacDoctor(['who-can', 'delete', 'pods', '-n', 'shop', '-f', workspace]);
    assert.strictEqual(result.code, 0);
    for (const controller of ['replicaset-controller', 'namespace-controller', 'generic-garbage-collector', 'job-controller', 'statefulset-controller']) {
      assert.match(result.stdout, new RegExp(`^ServiceAccount +kube-system/${controller} +ClusterRoleBinding system:controller:${controller} +ClusterRole system:controller:${controller} +builtin$`, 'm'));
    }
    // The deployment controller creates ReplicaSets, not pods: it is not among them.
    assert.doesNotMatch(result.stdout, /deployment-controller/);
    assert.doesNotMatch(rbacDoctor(['who-can', 'delete', 'pods', '-n', 'shop', '-f', workspace, '--no-builtin-roles']).stdout, /controller/);
    assert.strictEqual(rbacDoctor(['can-i', 'delete', 'pods', '-n', 'shop', '--as', 'system:serviceaccount:kube-system:replicaset-controller', '-f', workspace]).code, 0);
  });

  it('who-can\'s SOURCE is relative to the working directory, 1-based', () => {
    const result = rbacDoctor(['who-can', 'update', 'widgets.example.com', '--subresource', 'status', '-n', 'shop', '-f', '.'], { cwd: workspace });
    assert.match(result.stdout, /^ServiceAccount +shop\/operator +RoleBinding shop\/widget-status +Role shop\/widget-status +rbac\.yaml:9$/m);
  });

  it('unknown verbs and resources get kubectl\'s warnings, word for word', () => {
    const warn = (...args: string[]) => rbacDoctor(['can-i', ...args, ...operator]).stderr;
    assert.match(warn('lsit', 'pods', '-n', 'shop'), /^Warning: verb 'lsit' is not a known verb$/m);
    assert.match(warn('get', 'podz', '-n', 'shop'), /^Warning: the server doesn't have a resource type 'podz'$/m);
    assert.match(warn('get', 'gadgets.example.com', '-n', 'shop'), /^Warning: the server doesn't have a resource type 'gadgets' in group 'example.com'$/m);
    assert.match(warn('list', 'nodes', '-n', 'shop'), /^Warning: resource 'nodes' is not namespace scoped$/m);
    assert.match(warn('get', 'clusterroles.rbac.authorization.k8s.io'), /^Warning: resource 'clusterroles' is not namespace scoped in group 'rbac.authorization.k8s.io'$/m);
    assert.match(warn('fetch', '/healthz'), /^Warning: verb 'fetch' is not a known verb$/m);
    // Known verbs, users and groups (impersonation), and -A: no warning.
    assert.strictEqual(warn('get', 'pods', '-n', 'shop'), '');
    assert.strictEqual(warn('impersonate', 'users'), '');
    assert.strictEqual(warn('get', '/healthz'), '');
    assert.strictEqual(warn('list', 'nodes', '-A'), '');
  });

  it('a resource of a group with a subresource is written RESOURCE.GROUP/SUBRESOURCE', () => {
    const list = rbacDoctor(['can-i', '--list', '-n', 'shop', '--no-builtin-roles', ...operator]);
    assert.match(list.stdout, /^widgets\.example\.com\/status +\[\] +\[\] +\[update\]$/m);
    assert.doesNotMatch(list.stdout, /widgets\/status\.example\.com/);
    const denial = 'Error from server (Forbidden): widgets.example.com "blue" is forbidden: User "system:serviceaccount:shop:operator" cannot patch resource "widgets/status" in API group "example.com" in the namespace "shop"';
    const forbidden = rbacDoctor(['forbidden', '-f', workspace, denial]);
    assert.match(forbidden.stderr, /cannot patch widgets\.example\.com\/status "blue" in namespace shop/);
    assert.doesNotMatch(forbidden.stderr + forbidden.stdout, /widgets\/status\.example\.com/);
  });

  it('forbidden on a terminal with no input says what it expects, then reads what is pasted', function () {
    this.timeout(30000);
    const denial = 'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:shop:operator" cannot list resource "pods" in API group "" in the namespace "shop"';
    // `script` gives the CLI a terminal as standard input; the paste ends with Ctrl-D.
    const result = spawnSync('script', ['-qec', `"${process.execPath}" "${CLI}" forbidden --no-builtin-roles -f "${workspace}"`, '/dev/null'], { input: `${denial}\n\x04`, encoding: 'utf8', timeout: 20000 });
    assert.match(result.stdout, /Paste the 403 Forbidden message or the log .*then press Ctrl-D/);
    assert.match(result.stdout, /kind: Role/);
    assert.strictEqual(result.status, 0);
    // From a pipe, nothing is said: the input is already there.
    assert.doesNotMatch(rbacDoctor(['forbidden', '-f', workspace], { input: denial }).stderr, /Paste the 403/);
  });
});
