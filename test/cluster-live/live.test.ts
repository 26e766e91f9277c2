import { existsSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, join } from 'path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { kubeconfigFiles } from '../../server/src/cluster/kubeconfig';
import { clusterScenarios, type ClusterTarget } from '../cluster/scenarios';
import { closedPort } from '../helpers/closed-port';

/**
 * `npm run test:cluster`: the scenarios of test/cluster/ against the cluster of KUBECONFIG's current
 * context (or RBAC_DOCTOR_TEST_CONTEXT). It creates a namespace rbac-doctor-e2e-* with a ServiceAccount,
 * applies RBAC inside it, and deletes it afterwards. Needs rights to do so (kind's admin has them).
 */
describe('cluster scenarios against the cluster in KUBECONFIG', function () {
  this.timeout(120_000);
  let target: ClusterTarget;
  let core: CoreV1Api;
  const namespace = `rbac-doctor-e2e-${Date.now().toString(36)}`;

  before(async () => {
    const files = kubeconfigFiles();
    if (!files.some((f) => existsSync(f))) {
      throw new Error(`test:cluster needs a cluster: no kubeconfig at ${files.join(', ')}. Create one (e.g. kind create cluster) or set KUBECONFIG.`);
    }
    const config = new KubeConfig();
    config.loadFromDefault();
    const context = process.env.RBAC_DOCTOR_TEST_CONTEXT || config.currentContext;
    const cluster = config.getContextObject(context)?.cluster;
    if (!cluster) throw new Error(`test:cluster: the kubeconfig has no context "${context}"`);
    config.setCurrentContext(context);
    core = config.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: namespace, labels: { 'app.kubernetes.io/created-by': 'rbac-doctor-tests' } } } });
    await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'checkout' } } });

    // The situations users meet, as extra kubeconfig entries merged through the path list (as kubectl merges).
    const expiredToken = `rbac-doctor-expired-${Math.random().toString(36).slice(2)}`;
    const extra = join(mkdtempSync(join(tmpdir(), 'rbac-doctor-live-')), 'broken-kubeconfig');
    writeFileSync(extra, stringify({
      apiVersion: 'v1', kind: 'Config',
      clusters: [{ name: 'rbac-doctor-unreachable', cluster: { server: `https://127.0.0.1:${await closedPort()}` } }],
      users: [
        { name: 'rbac-doctor-expired', user: { token: expiredToken } },
        { name: 'rbac-doctor-exec-missing', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'rbac-doctor-no-such-credential-plugin', interactiveMode: 'Never' } } },
      ],
      contexts: [
        { name: 'rbac-doctor-expired', context: { cluster, user: 'rbac-doctor-expired' } },
        { name: 'rbac-doctor-exec-missing', context: { cluster, user: 'rbac-doctor-exec-missing' } },
        { name: 'rbac-doctor-unreachable', context: { cluster: 'rbac-doctor-unreachable', user: 'rbac-doctor-expired' } },
      ],
    }));
    target = {
      kubeconfig: [...files.filter((f) => existsSync(f)), extra].join(delimiter),
      context,
      namespace,
      serviceAccount: 'checkout',
      broken: { expired: 'rbac-doctor-expired', execMissing: 'rbac-doctor-exec-missing', unreachable: 'rbac-doctor-unreachable' },
      secrets: [expiredToken, ...(config.getCurrentUser()?.token ? [config.getCurrentUser()!.token!] : [])],
    };
  });

  after(async () => {
    await core?.deleteNamespace({ name: namespace }).catch(() => undefined);
  });

  clusterScenarios(() => target);
});
