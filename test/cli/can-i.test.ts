import * as assert from 'assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { rbacDoctor, REPO } from '../helpers/run-cli';
import { lineOf } from '../helpers/text-position';

const workspace = mkdtempSync(join(tmpdir(), 'rbac-doctor-cani-'));
const RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: shop}
rules:
- apiGroups: [""]
  resources: ["pods", "pods/log"]
  verbs: ["get", "list"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  resourceNames: ["web"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reader, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- kind: ServiceAccount
  name: web
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewers, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- kind: Group
  name: devs
  apiGroup: rbac.authorization.k8s.io
`;
writeFileSync(join(workspace, 'rbac.yaml'), RBAC);
const sa = ['--as', 'system:serviceaccount:shop:web', '-f', workspace];

describe('rbac-doctor can-i', () => {
  const cases: [string, string[], 'yes' | 'no'][] = [
    ['granted verb and resource in the namespace', ['get', 'pods', '-n', 'shop'], 'yes'],
    ['another namespace', ['get', 'pods', '-n', 'other'], 'no'],
    ['verb not granted', ['delete', 'pods', '-n', 'shop'], 'no'],
    ['verbs are case-sensitive', ['GET', 'pods', '-n', 'shop'], 'no'],
    ['subresource granted explicitly', ['get', 'pods', '--subresource', 'log', '-n', 'shop'], 'yes'],
    ['pods does not grant pods/exec', ['create', 'pods', '--subresource', 'exec', '-n', 'shop'], 'no'],
    ['resourceNames allow the named object', ['get', 'deployments.apps/web', '-n', 'shop'], 'yes'],
    ['resourceNames deny other names', ['get', 'deployments.apps/api', '-n', 'shop'], 'no'],
    ['resourceNames deny list', ['list', 'deployments', '-n', 'shop'], 'no'],
    ['a RoleBinding never grants at cluster scope', ['get', 'pods', '-A'], 'no'],
    ['kubectl short names resolve', ['list', 'po', '-n', 'shop'], 'yes'],
    ['resources are not case-folded', ['list', 'Pods', '-n', 'shop'], 'no'],
  ];
  for (const [name, args, expected] of cases) {
    it(`${name}: ${args.join(' ')} → ${expected}`, () => {
      const result = rbacDoctor(['can-i', ...args, ...sa]);
      assert.strictEqual(result.stdout.split('\n')[0], expected, result.stderr);
      assert.strictEqual(result.code, expected === 'yes' ? 0 : 1);
    });
  }

  it('resolves groups through the default ClusterRole view, and not without built-in roles', () => {
    const args = ['can-i', 'list', 'configmaps', '-n', 'shop', '--as', 'alice', '--as-group', 'devs', '-f', workspace];
    assert.strictEqual(rbacDoctor(args).stdout.split('\n')[0], 'yes');
    assert.strictEqual(rbacDoctor([...args, '--no-builtin-roles']).stdout.split('\n')[0], 'no');
    assert.strictEqual(rbacDoctor(['can-i', 'list', 'secrets', '-n', 'shop', '--as', 'alice', '--as-group', 'devs', '-f', workspace]).stdout.split('\n')[0], 'no');
  });

  it('--explain names the binding, role and rule with file:line', () => {
    const result = rbacDoctor(['can-i', 'get', 'pods', '-n', 'shop', '--explain', ...sa]);
    const bindingLine = lineOf(RBAC, 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding') + 1;
    const ruleLine = lineOf(RBAC, '- apiGroups: [""]') + 1;
    assert.match(result.stdout, new RegExp(`RoleBinding shop/reader .*rbac\\.yaml:${bindingLine}\\)`));
    assert.match(result.stdout, /→ Role shop\/reader .*rbac\.yaml:1\)/);
    assert.match(result.stdout, new RegExp(`→ rule 1: .*rbac\\.yaml:${ruleLine}\\)`));
  });

  it('--explain says why nothing matched: the closest rule first, what differs, and where it is', () => {
    const result = rbacDoctor(['can-i', 'delete', 'pods', '-n', 'shop', '--explain', ...sa], { cwd: workspace });
    const [answer, first] = result.stdout.split('\n');
    assert.strictEqual(answer, 'no');
    // Rule 1 differs only by its verb; rule 2 by its verb, group, resource and names: rule 1 is the closest.
    const ruleLine = lineOf(RBAC, '- apiGroups: [""]') + 1;
    assert.strictEqual(first, `  closest: Role shop/reader, rule 1 (bound by RoleBinding shop/reader): verb "delete" is not among its verbs ["get", "list"]  (rbac.yaml:${ruleLine})`);
    assert.match(result.stdout, /none matches \(closest: rule 1, wrong verb\)/);
    // Kubernetes' default bindings every user meets are one line, after the user's own.
    assert.match(result.stdout, /default bindings? of Kubernetes also appl(y|ies) \(system:basic-user, [^)]*\); none comes close\n$/);
  });

  it('--explain: a wrong group is named as such, with the request\'s own group', () => {
    const result = rbacDoctor(['can-i', 'get', 'deployments.apps', '-n', 'shop', '--explain', '--as', 'system:serviceaccount:shop:deployer', '-f', 'examples/shop']);
    const ruleLine = lineOf(readFileSync(join(REPO, 'examples/shop/deployer-rbac.yaml'), 'utf8'), '  - apiGroups: [""]') + 1;
    assert.strictEqual(result.stdout.split('\n')[1], `  closest: Role shop/deployer, rule 1 (bound by RoleBinding shop/deployer): API group "apps" is not among its apiGroups [""]  (examples/shop/deployer-rbac.yaml:${ruleLine})`);
  });

  it('--list prints kubectl\'s table: one resource or URL per row, columns as wide as their content', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-list-'));
    const health = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: health}
rules:
- nonResourceURLs: ["/healthz", "/metrics"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: health}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: health}
subjects: [{kind: ServiceAccount, name: web, namespace: shop}]
`;
    writeFileSync(join(dir, 'rbac.yaml'), RBAC + health);
    const result = rbacDoctor(['can-i', '--list', '-n', 'shop', '--as', 'system:serviceaccount:shop:web', '-f', dir, '--no-builtin-roles']);
    assert.strictEqual(result.code, 0, result.stderr);
    // kubectl's order: by the rule's Go string (verbs first, then groups: `[]` after `[apps]`, `pods/log` before `pods`).
    const expected = [
      'Resources          Non-Resource URLs   Resource Names   Verbs',
      'pods/log           []                  []               [get list]',
      'pods               []                  []               [get list]',
      '                   [/healthz]          []               [get]',
      '                   [/metrics]          []               [get]',
      'deployments.apps   []                  [web]            [get]',
    ];
    assert.strictEqual(result.stdout, `${expected.join('\n')}\n`);
    const bare = rbacDoctor(['can-i', '--list', '--no-headers', '-n', 'shop', '--as', 'system:serviceaccount:shop:web', '-f', dir, '--no-builtin-roles']);
    // Without the header, the columns are as wide as the rows alone.
    assert.strictEqual(bare.stdout.split('\n')[2], '                   [/healthz]   []        [get]');
    assert.strictEqual(bare.stdout.split('\n').length, expected.length);
  });

  it('--list --explain adds the bindings and roles behind each row', () => {
    const result = rbacDoctor(['can-i', '--list', '--explain', '-n', 'shop', ...sa, '--no-builtin-roles']);
    assert.match(result.stdout, /^Resources +Non-Resource URLs +Resource Names +Verbs +Granted by\n/);
    assert.match(result.stdout, /\ndeployments\.apps +\[\] +\[web\] +\[get\] +RoleBinding shop\/reader → Role shop\/reader\n/);
  });

  it('warns about unknown resources on stderr and still answers', () => {
    const result = rbacDoctor(['can-i', 'get', 'widgets', '-n', 'shop', ...sa]);
    assert.strictEqual(result.stdout.split('\n')[0], 'no');
    assert.match(result.stderr, /Warning: .*widgets/);
  });

  it('non-resource URLs follow the trailing-* rule', () => {
    const args = ['--as', 'alice', '--as-group', 'system:authenticated', '-f', workspace];
    assert.strictEqual(rbacDoctor(['can-i', 'get', '/healthz', ...args]).stdout.split('\n')[0], 'yes');
    assert.strictEqual(rbacDoctor(['can-i', 'get', '/apis', ...args]).stdout.split('\n')[0], 'yes');
    assert.strictEqual(rbacDoctor(['can-i', 'post', '/healthz', ...args]).stdout.split('\n')[0], 'no');
  });

  it('bad usage exits 2 with one line saying what', () => {
    const missing = rbacDoctor(['can-i', 'get', 'pods']);
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /--as USER is required/);
    const badPath = rbacDoctor(['can-i', 'get', 'pods', '--as', 'x', '-f', '/nonexistent/dir']);
    assert.strictEqual(badPath.code, 2);
    assert.match(badPath.stderr, /\/nonexistent\/dir: no such file or directory/);
    assert.strictEqual(rbacDoctor(['can-i', 'get', 'pods', '--as', 'x', '--bogus']).code, 2);
  });
});

describe('rbac-doctor who-can', () => {
  it('lists every subject with the binding and role that grant it', () => {
    const result = rbacDoctor(['who-can', 'get', 'pods', '-n', 'shop', '-f', workspace]);
    assert.strictEqual(result.code, 0);
    assert.match(result.stdout, /ServiceAccount +shop\/web +RoleBinding shop\/reader +Role shop\/reader/);
    assert.match(result.stdout, /Group +devs +RoleBinding shop\/viewers +ClusterRole view/);
    assert.match(result.stdout, /Group +system:masters +ClusterRoleBinding cluster-admin/);
  });
  it('excludes subjects whose grants do not match', () => {
    const result = rbacDoctor(['who-can', 'get', 'secrets', '-n', 'shop', '-f', workspace, '--no-builtin-roles']);
    assert.match(result.stdout, /No subject can/);
  });
});
