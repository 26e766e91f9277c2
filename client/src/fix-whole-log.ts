import * as vscode from 'vscode';
import type { ForbiddenChange, ForbiddenResult, ForbiddenSuggestion } from '../../server/src/protocol/custom-messages';
import { announceEdit, applyChosenEdit } from './chosen-edit';
import { openGenerated, saveGenerated, saveLabel } from './generated-documents';

/**
 * For a whole log: first the least-privilege change per subject, then "one denial at a time". Returns the
 * changes, `'each'` for the single-denial choices, or undefined when cancelled. The title counts the
 * denials as the log's lens does.
 */
export async function pickWholeLog(result: ForbiddenResult & { changes: ForbiddenChange[] }): Promise<ForbiddenChange[] | 'each' | undefined> {
  const all = {
    label: `${result.tally.fixTitle}: one least-privilege change per subject`,
    detail: result.changes.map((c) => `${c.subject}: ${c.denials}`).join(' · '),
    value: result.changes as ForbiddenChange[] | 'each',
  };
  const each = { label: 'One denial at a time…', detail: `${result.suggestions.length} suggestions`, value: 'each' as const };
  const picked = await vscode.window.showQuickPick([all, each], { title: `Fix Forbidden Error: ${result.tally.text}`, placeHolder: 'How should they be fixed?' });
  return picked?.value;
}

/**
 * Opens the new YAML of each subject as `<subject>-access.yaml`, applies the edits (undoable), and says
 * in one notification what was done, what was already allowed, and what known clients may ask for next
 * (as comments at the end of the YAML; in the notification when there is no YAML), with an offer to save.
 */
export async function applyChanges(changes: ForbiddenChange[], tally: ForbiddenResult['tally']): Promise<ForbiddenSuggestion | undefined> {
  const withYaml = changes.filter((c) => c.yaml);
  const opened = await openGenerated(withYaml.map((c) => ({ yaml: c.yaml!, fileName: c.fileName, suggestedPath: c.suggestedPath })));
  const edits = changes.flatMap((c) => c.edits ?? []);
  if (edits.length) {
    const outcome = await applyChosenEdit(edits);
    if (outcome.applied) void announceEdit(`Added the missing rules to ${changes.flatMap((c) => c.editedRoles).join(', ')}`, edits, outcome);
  }
  const names = opened.map((o) => vscode.workspace.asRelativePath(o.target).split('/').pop()).join(', ');
  const commented = withYaml.filter((c) => c.notIncluded.length).map((c) => c.fileName);
  const inWords = changes.filter((c) => !c.yaml).flatMap((c) => c.notIncluded.map((line) => `${c.subject} — ${line}`));
  const message = [
    `${tally.fixTitle.replace(/^Fix/, 'Fixed')}: ${tally.text}.`,
    opened.length ? `New objects in ${names}.` : '',
    commented.length ? `Not included: what the clients will probably ask for next, as comments at the end of ${commented.join(', ')}.` : '',
    inWords.length ? `Not included, what the clients will probably ask for next: ${inWords.join('; ')}.` : '',
  ].filter(Boolean).join(' ');
  const save = opened.length ? saveLabel(opened) : undefined;
  void vscode.window.showInformationMessage(message, ...(save ? [save] : [])).then((answer) => (answer && answer === save ? saveGenerated(opened) : undefined));
  // Only new objects can go to a cluster as they are; edited roles are applied with the files.
  const yaml = withYaml.map((c) => c.yaml).join('---\n');
  return yaml ? { title: 'Fix all denials', kind: 'new', yaml, ...(edits.length ? {} : { manifest: yaml }) } : undefined;
}
