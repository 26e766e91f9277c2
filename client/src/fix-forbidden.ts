import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ForbiddenRequest, type ForbiddenParams, type ForbiddenResult, type ForbiddenSuggestion,
} from '../../server/src/protocol/custom-messages';
import { applyToCluster } from './apply-to-cluster';
import type { ClusterDiff } from './cluster-diff';
import type { ClusterSession } from './cluster-session';
import { showVerdicts, verifyOnCluster } from './cluster-verify';
import { announceEdit, applyChosenEdit } from './chosen-edit';
import { applyChanges, pickWholeLog } from './fix-whole-log';
import { openGenerated, saveGenerated, saveLabel } from './generated-documents';
import { askForOneMessage, clipboardIfQuiet, openPasteEditor } from './paste-editor';

const LOOKS_LIKE_403 = /forbidden|cannot \w+ (resource|path)|attempting to grant|\b403\b/i;

/**
 * "Fix Forbidden Error": a pasted 403 becomes an undoable workspace edit or a new YAML document.
 * While connected to a cluster, the denial is first checked there, and the fix can then be applied to it.
 */
export function registerFixForbidden(context: vscode.ExtensionContext, client: LanguageClient, session: ClusterSession, diff: ClusterDiff): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('rbacDoctor.fixForbiddenError', async (prefilled?: string | { uri: string }) => {
      const input = typeof prefilled === 'string' ? { text: prefilled } : prefilled ? fromDocument(prefilled.uri) : await askForMessage();
      if (input === 'paste-editor') {
        await openPasteEditor();
        return;
      }
      if (!input || (!input.text && !input.uri)) return;
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: input.uri ? 'Reading the log for 403 denials…' : 'Reading the 403…' },
        () => askUntilPlaced(client, input),
      );
      if (!result) return;
      const connectedTo = session.context;
      const text = input.text;
      if (connectedTo && text && result.denials.length > 0) {
        const verdicts = await verifyOnCluster(client, text);
        if (verdicts) showVerdicts(connectedTo, verdicts);
      }
      const used = await present(result);
      // Not awaited: the command is done once the fix is in the workspace.
      if (used?.manifest) void offerApply(client, session, diff, used, text);
    }),
  );
}

/**
 * A denial whose message does not say where it happened is never granted cluster-wide: ask for the
 * namespace and ask the server again. Undefined when the user cancels.
 */
async function askUntilPlaced(client: LanguageClient, input: LogInput): Promise<ForbiddenResult | undefined> {
  const { text, uri } = input;
  const result = await client.sendRequest<ForbiddenResult>(ForbiddenRequest, { text, ...(uri ? { uri } : {}) } satisfies ForbiddenParams);
  const unplaced = result.refusals?.find((r) => r.needsNamespace);
  if (!unplaced || result.suggestions.length > 0) return result;
  const namespace = await vscode.window.showInputBox({
    title: 'Fix Forbidden Error: which namespace?',
    prompt: `${unplaced.summary}. ${unplaced.reason.replace(/ \(-n NS\)/, '')}`,
    ignoreFocusOut: true,
    validateInput: (value) => (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value) && value.length <= 63 ? undefined : 'A namespace name: lower-case letters, digits and -'),
  });
  if (!namespace) return undefined;
  return client.sendRequest<ForbiddenResult>(ForbiddenRequest, { text, ...(uri ? { uri } : {}), options: { namespace } } satisfies ForbiddenParams);
}

/** A message or whole log as text, or a log file the server reads itself (large, and saved). */
interface LogInput { text: string; uri?: string }

/** Large files the editor holds unchanged are read by the server from disk, streamed; others are sent as text. */
const SEND_AS_TEXT_LIMIT = 5_000_000;

function fromDocument(uri: string): LogInput {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  if (document && (document.isDirty || document.uri.scheme !== 'file' || document.getText().length <= SEND_AS_TEXT_LIMIT)) return { text: document.getText() };
  return { text: '', uri };
}

async function offerApply(client: LanguageClient, session: ClusterSession, diff: ClusterDiff, suggestion: ForbiddenSuggestion, text: string): Promise<void> {
  if (!session.context || !suggestion.manifest) return;
  const apply = 'Apply to Cluster…';
  const widening = suggestion.widens?.length ? ` This also grants it to ${suggestion.widens.join(', ')}.` : '';
  const ask = widening ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const answer = await ask(`Apply "${suggestion.title}" to ${session.context} as well?${widening}`, apply);
  // The connection may have changed while the message was up.
  if (answer === apply && session.context) await applyToCluster(client, diff, session.context, suggestion.manifest, text);
}

/**
 * The selection, else a 403 on the clipboard (never read on the Web unless asked), else the active log
 * or audit file; else one message asked for, or the paste editor for a whole log.
 */
async function askForMessage(): Promise<LogInput | 'paste-editor' | undefined> {
  const editor = vscode.window.activeTextEditor;
  const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
  // A whole log selected or copied is read as it is: an input box would squash it to one line.
  if (selection.includes('\n')) return { text: selection };
  const clipboard = selection ? '' : await clipboardIfQuiet();
  if (!selection && clipboard.includes('\n') && LOOKS_LIKE_403.test(clipboard)) return { text: clipboard };
  if (!selection && !LOOKS_LIKE_403.test(clipboard) && editor?.document.languageId === 'kubernetes-log') return fromDocument(editor.document.uri.toString());
  return askForOneMessage(selection || (LOOKS_LIKE_403.test(clipboard) ? clipboard : ''));
}

/** Shows what was found; returns the suggestion once it is opened or applied in the workspace. */
async function present(result: ForbiddenResult): Promise<ForbiddenSuggestion | undefined> {
  if (result.denials.length === 0) {
    void vscode.window.showWarningMessage('No Kubernetes "forbidden" message was found in that text.');
    return undefined;
  }
  const notRbac = result.denials.filter((d) => !d.rbac);
  for (const denial of notRbac) {
    void vscode.window.showInformationMessage(`${denial.summary}${denial.explanation ? ` — ${denial.explanation}` : ''}`);
  }
  for (const refusal of result.refusals ?? []) void vscode.window.showWarningMessage(`${refusal.summary}: not granted. ${refusal.reason}`);
  if (result.suggestions.length === 0) {
    if (result.refusals?.length) return undefined;
    const explained = result.denials.find((d) => d.explanation);
    if (notRbac.length === 0) {
      void vscode.window.showInformationMessage(explained?.explanation ?? 'Nothing to grant for this denial.');
    }
    return undefined;
  }
  const whole = result.changes?.length ? await pickWholeLog({ ...result, changes: result.changes }) : 'each';
  if (whole === undefined) return undefined;
  if (whole !== 'each') return applyChanges(whole, result.tally);
  const choice = result.suggestions.length === 1 ? result.suggestions[0] : await pick(result.suggestions);
  if (!choice) return undefined;
  if (choice.kind === 'new' && choice.yaml) {
    const opened = await openGenerated([{ yaml: choice.yaml, fileName: choice.fileName, suggestedPath: choice.suggestedPath }]);
    const save = saveLabel(opened);
    void vscode.window.showInformationMessage(`${choice.title}: new objects in ${vscode.workspace.asRelativePath(opened[0].target).split('/').pop()}.`, save)
      .then((answer) => (answer === save ? saveGenerated(opened) : undefined));
    return choice;
  }
  if (choice.edits) {
    const outcome = await applyChosenEdit(choice.edits);
    if (!outcome.applied) return undefined;
    void announceEdit(choice.title, choice.edits, outcome, choice.verify);
    return choice;
  }
  return undefined;
}

async function pick(suggestions: ForbiddenSuggestion[]): Promise<ForbiddenSuggestion | undefined> {
  // The recommended change grants the denied subject alone; an edit that widens others' access says so.
  const items = suggestions.map((s) => ({
    label: `${s.widens ? '$(warning) ' : ''}${s.title}`,
    description: s.recommended ? 'recommended' : s.widens ? 'widens access' : undefined,
    detail: s.detail,
    suggestion: s,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Fix Forbidden Error', placeHolder: 'How should the permission be granted?' });
  return picked?.suggestion;
}
