import type { Connection } from 'vscode-languageserver';
import { parseForbiddenMessage } from '../core/forbidden/parse-forbidden-message';
import { loadCluster } from '../cluster/load-cluster';
import {
  ClusterApplyRequest, ClusterConnectRequest, ClusterContextsRequest, ClusterDisconnectRequest, ClusterVerifyRequest,
  type ClusterApplyParams, type ClusterApplyResult, type ClusterConnectParams, type ClusterContextsParams,
  type ClusterContextsResult, type ClusterStatus, type ClusterVerifyParams, type ClusterVerifyResult,
} from '../protocol/custom-messages';
import type { Session } from './session';

/**
 * The cluster requests. Nothing here runs unless the client sends them, which it does only when the
 * user connects (and only in a trusted workspace): the server never reaches out on its own.
 */
export function registerClusterRequests(connection: Connection, session: Session, republish: () => void): void {
  connection.onRequest(ClusterContextsRequest, (params: ClusterContextsParams): ClusterContextsResult => {
    try {
      return loadCluster().listContexts(params.kubeconfig || undefined);
    } catch (error) {
      return { contexts: [], files: [], error: messageOf(error) };
    }
  });

  connection.onRequest(ClusterConnectRequest, async (params: ClusterConnectParams): Promise<ClusterStatus> => {
    try {
      const cluster = await loadCluster().connect({ kubeconfig: params.kubeconfig || undefined, context: params.context });
      session.cluster?.close();
      session.cluster = cluster;
      const { snapshot } = cluster;
      connection.console.info(`connected to ${cluster.context} (${cluster.server}): ${snapshot.resources.length} resource types, ${snapshot.policy.roles.length} roles, ${snapshot.policy.bindings.length} bindings`);
      for (const warning of snapshot.warnings) connection.console.warn(`cluster ${cluster.context}: ${warning}`);
      republish();
      return statusOf(session);
    } catch (error) {
      const message = messageOf(error);
      connection.console.warn(`connecting to ${params.context} failed: ${message}`);
      return { connected: false, warnings: [], error: message };
    }
  });

  connection.onRequest(ClusterDisconnectRequest, (): ClusterStatus => {
    if (session.cluster) {
      connection.console.info(`disconnected from ${session.cluster.context}`);
      session.cluster.close();
      session.cluster = undefined;
      republish();
    }
    return statusOf(session);
  });

  connection.onRequest(ClusterVerifyRequest, async (params: ClusterVerifyParams): Promise<ClusterVerifyResult> => {
    const cluster = session.cluster;
    if (!cluster) return { verdicts: [] };
    try {
      return { verdicts: await cluster.verify(parseForbiddenMessage(params.text).filter((d) => d.rbac)) };
    } catch (error) {
      return { verdicts: [{ summary: 'access review', allowed: false, self: false, error: messageOf(error) }] };
    }
  });

  connection.onRequest(ClusterApplyRequest, async (params: ClusterApplyParams): Promise<ClusterApplyResult> => {
    const cluster = session.cluster;
    if (!cluster) return { ok: false, objects: [], error: 'not connected to a cluster: run "Connect to Cluster" first' };
    try {
      const result = await cluster.apply(params.yaml, params.dryRun);
      if (!params.dryRun) {
        connection.console.info(`applied ${result.objects.length} object(s) to ${cluster.context}${result.ok ? '' : ' (some were refused)'}`);
        // What was applied is now part of the cluster the model knows.
        republish();
      }
      return result;
    } catch (error) {
      return { ok: false, objects: [], error: messageOf(error) };
    }
  });
}

function statusOf(session: Session): ClusterStatus {
  const cluster = session.cluster;
  if (!cluster) return { connected: false, warnings: [] };
  const { snapshot } = cluster;
  return {
    connected: true,
    context: cluster.context,
    server: cluster.server,
    resources: snapshot.resources.length,
    roles: snapshot.policy.roles.length,
    bindings: snapshot.policy.bindings.length,
    warnings: snapshot.warnings,
  };
}

/** A cluster failure's message is meant for users; anything else is a bug, said as briefly. */
function messageOf(error: unknown): string {
  if (error instanceof Error && error.name === 'ClusterError') return error.message;
  return `unexpected error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
}
