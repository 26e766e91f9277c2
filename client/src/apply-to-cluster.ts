import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ClusterApplyRequest, type AppliedObject, type ClusterApplyParams, type ClusterApplyResult,
} from '../../server/src/protocol/custom-messages';
import { messageOf } from './cluster-commands';
import type { ClusterDiff } from './cluster-diff';
import { verifyAfterApply } from './cluster-verify';

/**
 * "Apply to Cluster…": a server-side dry run, its diff against the live objects, a modal
 * confirmation, the apply, then the denied request asked again.
 */
export async function applyToCluster(client: LanguageClient, diff: ClusterDiff, contextName: string, manifest: string, forbiddenText: string): Promise<void> {
  const dryRun = await apply(client, contextName, manifest, true);
  if (!dryRun) return;
  if (dryRun.objects.length === 0) {
    void vscode.window.showWarningMessage(`Nothing to apply to ${contextName}: the suggestion holds no RBAC object.`);
    return;
  }
  await diff.show(contextName, dryRun.objects);
  const count = dryRun.objects.length;
  const go = `Apply ${count === 1 ? 'Object' : 'Objects'}`;
  const answer = await vscode.window.showWarningMessage(`Apply ${count} object${count === 1 ? '' : 's'} to ${contextName}?`, {
    modal: true,
    detail: `${dryRun.objects.map(describe).join('\n')}\n\nThe diff shows the live objects and the cluster's dry run of the change.`,
  }, go);
  if (answer !== go) return;
  const applied = await apply(client, contextName, manifest, false);
  if (!applied) return;
  void vscode.window.showInformationMessage(`Applied to ${contextName}: ${applied.objects.map(describe).join(', ')}.`);
  await verifyAfterApply(client, contextName, forbiddenText);
}

/** One apply request; a refusal (e.g. RBAC escalation) is shown in the server's words and ends the flow. */
async function apply(client: LanguageClient, contextName: string, yaml: string, dryRun: boolean): Promise<ClusterApplyResult | undefined> {
  let result: ClusterApplyResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `${dryRun ? 'Dry run on' : 'Applying to'} ${contextName}…` },
      () => client.sendRequest<ClusterApplyResult>(ClusterApplyRequest, { yaml, dryRun } satisfies ClusterApplyParams),
    );
  } catch (error) {
    void vscode.window.showErrorMessage(`Apply to ${contextName}: ${messageOf(error)}`);
    return undefined;
  }
  const refusals = result.objects.filter((o) => o.error).map((o) => `${describe(o)}: ${o.error}`);
  if (result.ok && !result.error && refusals.length === 0) return result;
  const done = dryRun ? [] : result.objects.filter((o) => !o.error && o.after !== undefined).map(describe);
  const what = `${contextName} refused the ${dryRun ? 'dry run' : 'apply'}`;
  const why = [result.error, ...refusals].filter(Boolean).join(' ') || 'no reason given.';
  void vscode.window.showErrorMessage(`${what}: ${why}${done.length ? ` Applied nonetheless: ${done.join(', ')}.` : ''}`);
  return undefined;
}

function describe(o: AppliedObject): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}
