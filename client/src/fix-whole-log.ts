import * as vscode from 'vscode';
import type { ForbiddenChange, ForbiddenSuggestion } from '../../server/src/protocol/custom-messages';
import { announceEdit, applyChosenEdit } from './chosen-edit';

/**
 * For a whole log: first the least-privilege change per subject, then "one denial at a time". Returns the
 * changes, `'each'` for the single-denial choices, or undefined when cancelled.
 */
export async function pickWholeLog(changes: ForbiddenChange[], suggestions: ForbiddenSuggestion[]): Promise<ForbiddenChange[] | 'each' | undefined> {
  const denials = changes.reduce((sum, c) => sum + c.denials, 0);
  const all = {
    label: `Fix all ${denials} denials: one least-privilege change per subject (${changes.length} subject${changes.length === 1 ? '' : 's'})`,
    detail: changes.map((c) => `${c.subject}: ${c.denials}`).join(' · '),
    value: changes as ForbiddenChange[] | 'each',
  };
  const each = { label: 'One denial at a time…', detail: `${suggestions.length} suggestions`, value: 'each' as const };
  const picked = await vscode.window.showQuickPick([all, each], { title: 'Fix Forbidden Error', placeHolder: 'The log holds several denials' });
  return picked?.value;
}

/** Opens the new YAML of every subject in one document, applies the edits (undoable), and lists what clients need next. */
export async function applyChanges(changes: ForbiddenChange[]): Promise<ForbiddenSuggestion | undefined> {
  const yaml = changes.filter((c) => c.yaml).map((c) => c.yaml).join('---\n');
  if (yaml) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'yaml', content: yaml }), { preview: false });
  const edits = changes.flatMap((c) => c.edits ?? []);
  if (edits.length) {
    const outcome = await applyChosenEdit(edits);
    if (outcome.applied) void announceEdit(`Added the missing rules to ${changes.flatMap((c) => c.editedRoles).join(', ')}`, edits, outcome);
  }
  for (const change of changes) {
    for (const step of change.next) {
      const what = step.rules.map((r) => `${r.verbs.join(', ')} on ${(r.resources ?? []).join(', ')}`).join('; ');
      void vscode.window.showInformationMessage(`Not included: ${change.subject} may also need, for ${step.pattern}${step.namespace ? ` in ${step.namespace}` : ''}: ${what}. ${step.reason}`);
    }
  }
  // Only new objects can go to a cluster as they are; edited roles are applied with the files.
  return yaml ? { title: 'Fix all denials', kind: 'new', yaml, ...(edits.length ? {} : { manifest: yaml }) } : undefined;
}
