import * as assert from 'node:assert';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startReplayCluster, type ReplayCluster } from '../helpers/replay-cluster';
import { rbacDoctorAsync } from '../helpers/run-cli';

/**
 * The workspace binds Role shop/checkout-config to ServiceAccount shop/web alone; the stand-in cluster also
 * binds it to shop/checkout (RoleBinding checkout-config), which the workspace lacks.
 */
const WORKSPACE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: checkout-config
  namespace: shop
rules:
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: web-config
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: checkout-config
subjects:
- kind: ServiceAccount
  name: web
  namespace: shop
`;
const DENIAL = 'Error from server (Forbidden): configmaps is forbidden: User "system:serviceaccount:shop:web" cannot list resource "configmaps" in API group "" in the namespace "shop"';

interface Answer { suggestions: { title: string; kind: string; recommended?: boolean; widens?: string[] }[] }

describe('Fix Forbidden with a cluster connected judges who holds a role from the cluster\'s bindings too', () => {
  let replay: ReplayCluster;
  const cwd = mkdtempSync(join(tmpdir(), 'rbac-doctor-cluster-bindings-'));
  before(async () => {
    replay = await startReplayCluster();
    writeFileSync(join(cwd, 'rbac.yaml'), WORKSPACE);
  });
  after(() => replay.close());

  it('offline, the Role reaches shop/web alone: editing it is the recommended fix', async () => {
    const { code, stdout, stderr } = await rbacDoctorAsync(['forbidden', '--json', DENIAL], { cwd });
    assert.strictEqual(code, 0, stderr);
    const first = (JSON.parse(stdout) as Answer).suggestions[0];
    assert.strictEqual(first.kind, 'edit');
    assert.ok(first.recommended && !first.widens);
  });

  it('connected, the cluster binds it to shop/checkout too: a new Role first, the edit last and naming shop/checkout', async () => {
    const { code, stdout, stderr } = await rbacDoctorAsync(['forbidden', '--json', DENIAL, '-f', '.', '--kubeconfig', replay.kubeconfig, '--context', 'replay-admin'], { cwd });
    assert.strictEqual(code, 0, stderr);
    const { suggestions } = JSON.parse(stdout) as Answer;
    assert.strictEqual(suggestions[0].kind, 'new', JSON.stringify(suggestions.map((s) => s.title)));
    assert.ok(suggestions[0].recommended);
    const edit = suggestions.find((s) => s.kind === 'edit')!;
    assert.deepStrictEqual(edit.widens, ['ServiceAccount shop/checkout']);
    assert.match(edit.title, /also gained by ServiceAccount shop\/checkout/);
    assert.strictEqual(suggestions.indexOf(edit), suggestions.length - 1);
  });

  it('connected, a workspace binding of the same name does not hide whom the cluster\'s binding names today', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-cluster-same-name-'));
    writeFileSync(join(dir, 'rbac.yaml'), WORKSPACE.replace('name: web-config', 'name: checkout-config'));
    const { stdout, stderr } = await rbacDoctorAsync(['forbidden', '--json', DENIAL, '-f', '.', '--kubeconfig', replay.kubeconfig, '--context', 'replay-admin'], { cwd: dir });
    const { suggestions } = JSON.parse(stdout) as Answer;
    assert.strictEqual(suggestions[0].kind, 'new', stderr);
    assert.deepStrictEqual(suggestions.find((s) => s.kind === 'edit')?.widens, ['ServiceAccount shop/checkout']);
  });
});
