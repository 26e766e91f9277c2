/**
 * The cluster features, bundled apart (dist/cluster.js) with @kubernetes/client-node so that nothing of
 * it loads until the user connects. Everything here is reached through load-cluster.ts.
 */
import { withAppliedObjects, type LiveObject } from '../core/cluster/live-policy';
import type { ClusterSnapshot } from '../core/cluster/snapshot';
import type { Denial } from '../core/forbidden/types';
import { requestOf } from '../core/fix-forbidden/suggest-fixes';
import { identityOf, subjectUserName } from '../core/rbac/subjects';
import type { AccessRequest, UserInfo } from '../core/rbac/types';
import type { AccessVerdict, ClusterApplyResult, ClusterContextsResult } from '../protocol/custom-messages';
import { summariseDenial } from '../core/fix-forbidden/summarise-denial';
import { ApiClient } from './api-client';
import { applyManifest } from './apply-manifest';
import { reviewAccess, whoAmI, type ReviewAnswer } from './access-reviews';
import { ClusterError } from './cluster-error';
import { kubeconfigFiles, loadKubeconfig, selectContext } from './kubeconfig';
import { readCluster } from './read-cluster';

export { ClusterError };

export interface ConnectOptions {
  /** kubeconfig path(s), path-list separated; default $KUBECONFIG, then ~/.kube/config. */
  kubeconfig?: string;
  context?: string;
  /** kubectl's --cluster: the kubeconfig cluster to use instead of the context's. */
  cluster?: string;
  timeoutMs?: number;
}

/** The kubeconfig's contexts, without talking to any cluster. */
export function listContexts(kubeconfig?: string): ClusterContextsResult {
  const files = kubeconfigFiles(kubeconfig);
  try {
    const config = loadKubeconfig(files, Boolean(kubeconfig));
    return {
      files,
      contexts: config.contexts.map((c) => ({
        name: c.name,
        cluster: c.cluster,
        user: c.user,
        ...(c.namespace ? { namespace: c.namespace } : {}),
        ...(config.getCluster(c.cluster)?.server ? { server: config.getCluster(c.cluster)!.server } : {}),
        current: c.name === config.currentContext,
      })),
    };
  } catch (error) {
    return { files, contexts: [], error: (error as Error).message };
  }
}

/** Connects to one context: proves the credentials, reads discovery and RBAC, learns who we are. */
export async function connect(options: ConnectOptions = {}): Promise<LiveCluster> {
  const config = selectContext(loadKubeconfig(kubeconfigFiles(options.kubeconfig), Boolean(options.kubeconfig)), options.context, options.cluster);
  const api = new ApiClient(config, options.timeoutMs);
  try {
    const [snapshot, self] = await Promise.all([readCluster(api), whoAmI(api)]);
    return new LiveCluster(api, snapshot, self);
  } catch (error) {
    api.close();
    throw error;
  }
}

export class LiveCluster {
  constructor(private readonly api: ApiClient, private current: ClusterSnapshot, readonly self: UserInfo | undefined) {}

  /** What was read on connect, plus what was applied through this connection since. */
  get snapshot(): ClusterSnapshot {
    return this.current;
  }

  get context(): string {
    return this.api.context;
  }

  get server(): string {
    return this.api.server;
  }

  /** The cluster's answer for a user (SubjectAccessReview) or for the kubeconfig's own identity. */
  canI(request: AccessRequest, user?: UserInfo): Promise<ReviewAnswer> {
    return reviewAccess(this.api, request, user);
  }

  /** Does each RBAC denial still hold? The kubeconfig's own identity is asked with a SelfSubjectAccessReview. */
  async verify(denials: Denial[]): Promise<AccessVerdict[]> {
    const verdicts: AccessVerdict[] = [];
    for (const denial of denials) {
      const request = requestOf(denial);
      const subject = denial.subject;
      const summary = summariseDenial(denial);
      if (!denial.rbac || !request || !subject?.name || subject.kind === 'unknown') {
        verdicts.push({ summary, allowed: false, self: false, error: 'the message does not name a user and request the cluster could be asked about' });
        continue;
      }
      const name = subjectUserName({ kind: subject.kind, name: subject.name, namespace: subject.namespace ?? undefined }, undefined);
      const self = this.self?.name === name;
      const answer = await reviewAccess(this.api, request, self ? undefined : identityOf(name, subject.groups ?? []));
      verdicts.push({ summary, self, allowed: answer.allowed, ...(answer.reason ? { reason: answer.reason } : {}), ...(answer.error ? { error: answer.error } : {}) });
    }
    return verdicts;
  }

  async apply(yaml: string, dryRun: boolean): Promise<ClusterApplyResult> {
    const applied: LiveObject[] = [];
    const result = await applyManifest(this.api, yaml, dryRun, (object) => applied.push(object));
    if (applied.length) this.current = withAppliedObjects(this.current, applied);
    return result;
  }

  /** Forgets the connection's sockets; the snapshot stays readable. */
  close(): void {
    this.api.close();
  }
}
