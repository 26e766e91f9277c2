import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyse, checkContext } from '../../../server/src/core/analysis';
import { canI } from '../../../server/src/core/rbac/authorize';
import { PolicyIndex } from '../../../server/src/core/rbac/policy-index';
import { identityOf } from '../../../server/src/core/rbac/subjects';
import { loadWorkspace } from '../../../server/src/node/load-workspace';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';

const CORPUS = join(__dirname, '../../../../test/fixtures/corpus');
const findings = (dir: string) => analyse(loadWorkspace([join(CORPUS, dir)]), DEFAULT_SETTINGS).findings;
const loud = (dir: string) => findings(dir).filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.code}:${f.range.start.line + 1}`);

describe('real manifests (regression)', () => {
  it('velero: the misspelt persistentvolumerclaims is the only warning', () => {
    assert.deepStrictEqual(loud('velero'), ['RBAC003:10']);
  });

  it('argo-cd: implicit namespaces and 19 ServiceAccount subjects without namespace raise nothing loud', () => {
    assert.deepStrictEqual(loud('argo-cd'), []);
    assert.deepStrictEqual(findings('argo-cd').filter((f) => f.code < 'RBAC100').map((f) => `${f.code}:${f.severity}`), ['RBAC007:information']);
  });

  it('external-dns and kube-prometheus: legacy extensions entries next to networking.k8s.io are information only', () => {
    assert.deepStrictEqual(loud('external-dns'), []);
    assert.deepStrictEqual(loud('kube-prometheus'), []);
    assert.deepStrictEqual(findings('kube-prometheus').map((f) => `${f.code}:${f.severity}`), ['RBAC002:information', 'RBAC002:information', 'RBAC002:information']);
  });

  it('metrics-server: bindings to default roles that the files never define resolve', () => {
    assert.deepStrictEqual(findings('metrics-server'), []);
  });

  it('kubernetes-website: a workspace copy of system:kube-scheduler takes precedence over the default one', () => {
    // The cloud-controller-manager example binds cluster-admin: the one risky grant worth a warning there.
    const ccm = readFileSync(join(CORPUS, 'kubernetes-website/admin/cloud/ccm-example.yaml'), 'utf8');
    assert.deepStrictEqual(loud('kubernetes-website'), [`RBAC102:${ccm.split('\n').findIndex((l) => l.includes('name: cluster-admin')) + 1}`]);
    const context = checkContext(loadWorkspace([join(CORPUS, 'kubernetes-website')]), DEFAULT_SETTINGS);
    const role = new PolicyIndex(context.policy).getRole('ClusterRole', 'system:kube-scheduler');
    assert.strictEqual(role?.origin.source, 'workspace');
  });

  it('kube-prometheus: the RoleList items grant prometheus-k8s in each listed namespace', () => {
    const context = checkContext(loadWorkspace([join(CORPUS, 'kube-prometheus')]), DEFAULT_SETTINGS);
    const index = new PolicyIndex(context.policy);
    const user = identityOf('system:serviceaccount:monitoring:prometheus-k8s');
    for (const namespace of ['default', 'kube-system', 'monitoring']) {
      assert.ok(canI(index, user, { kind: 'resource', verb: 'list', apiGroup: '', resource: 'pods', namespace }).allowed, namespace);
    }
    assert.ok(!canI(index, user, { kind: 'resource', verb: 'list', apiGroup: '', resource: 'pods', namespace: 'shop' }).allowed);
  });
});
