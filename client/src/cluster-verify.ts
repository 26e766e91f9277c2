import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ClusterVerifyRequest, type AccessVerdict, type ClusterVerifyParams, type ClusterVerifyResult } from '../../server/src/protocol/custom-messages';
import { messageOf } from './cluster-commands';

/** Asks the connected cluster whether the requests a pasted 403 reports are still denied. */
export async function verifyOnCluster(client: LanguageClient, text: string): Promise<AccessVerdict[] | undefined> {
  try {
    const result = await client.sendRequest<ClusterVerifyResult>(ClusterVerifyRequest, { text } satisfies ClusterVerifyParams);
    return result.verdicts;
  } catch (error) {
    void vscode.window.showWarningMessage(`Could not check on the cluster: ${messageOf(error)}`);
    return undefined;
  }
}

/** One message per verdict: "Cluster kind-dev: still denied — …" or "already allowed now — nothing to fix?". */
export function showVerdicts(contextName: string, verdicts: AccessVerdict[]): void {
  for (const v of verdicts) {
    const reason = v.reason ? ` (${v.reason})` : '';
    if (v.error) void vscode.window.showWarningMessage(`Cluster ${contextName}: could not check ${v.summary} — ${v.error}`);
    else if (v.allowed) void vscode.window.showInformationMessage(`Cluster ${contextName}: already allowed now — nothing to fix? ${v.summary}${reason}`);
    else void vscode.window.showInformationMessage(`Cluster ${contextName}: still denied — ${v.summary}${reason}`);
  }
}

/**
 * After an apply: RBAC changes reach the authorizer's cache within moments, so a denial is asked
 * again a few times before it is reported.
 */
export async function verifyAfterApply(client: LanguageClient, contextName: string, text: string): Promise<void> {
  let verdicts: AccessVerdict[] | undefined;
  for (let attempt = 0; attempt < 4; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 750));
    verdicts = await verifyOnCluster(client, text);
    if (!verdicts || verdicts.every((v) => v.allowed || v.error)) break;
  }
  if (!verdicts || verdicts.length === 0) return;
  const denied = verdicts.filter((v) => !v.allowed);
  if (denied.length === 0) {
    void vscode.window.showInformationMessage(`Verified on ${contextName}: the request is now allowed.`);
    return;
  }
  for (const v of denied) {
    const why = v.error ? `could not check it again: ${v.error}` : `the cluster still denies it${v.reason ? ` (${v.reason})` : ''}`;
    void vscode.window.showWarningMessage(`Applied to ${contextName}, but ${why}: ${v.summary}`);
  }
}
