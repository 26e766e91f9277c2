import { startReplayCluster, type ReplayCluster } from '../helpers/replay-cluster';
import { clusterScenarios } from './scenarios';

describe('cluster scenarios against the stand-in API server (recorded answers)', () => {
  let replay: ReplayCluster;
  before(async () => {
    replay = await startReplayCluster();
  });
  after(() => replay.close());

  clusterScenarios(() => ({
    kubeconfig: replay.kubeconfig,
    context: 'replay-admin',
    namespace: 'shop',
    serviceAccount: 'checkout',
    broken: { expired: 'replay-expired', execMissing: 'replay-exec-missing', unreachable: 'replay-unreachable' },
    secrets: ['expired-token-s3cr3t', 'admin-token'],
  }));
});
