import { readFileSync } from 'fs';
import { relative } from 'path';
import { renderChange, describeSubject } from '../../core/consolidate/render-change';
import type { SubjectChange } from '../../core/consolidate/types';
import { applyEdits } from '../../core/edits/apply-edits';
import type { TextEdit } from '../../core/edits/types';
import { unifiedDiff } from '../../core/edits/unified-diff';
import type { FixSuggestion } from '../../core/fix-forbidden/suggest-fixes';
import { colourDiff } from '../colour';
import { coloursOf, println, type CliIo } from '../io';
import { printable } from '../../core/emit/yaml-scalar';
import { qualifiedResource } from '../../core/rbac/resource-name';

/**
 * The recommended suggestion of each denial: the edit of a role that reaches the denied subject alone,
 * else the new least-privilege YAML; never an edit that widens anyone else's access.
 */
export function preferred(suggestions: FixSuggestion[]): FixSuggestion[] {
  return suggestions.filter((s) => s.recommended);
}

export function printSuggestion(suggestion: FixSuggestion, io: CliIo): void {
  println(io.stderr, `# ${suggestion.title}`);
  if (suggestion.yaml) {
    println(io.stdout, '---');
    io.stdout.write(suggestion.yaml);
  }
  printEdits(suggestion.edits ?? [], io);
}

/** One subject's whole change: what it covers on stderr, the new YAML and the patches on stdout. */
export function printChange(change: SubjectChange, io: CliIo): void {
  println(io.stderr, `# ${changeTitle(change)}`);
  for (const edit of change.edits) {
    println(io.stderr, `#   edit ${edit.kind} ${edit.namespace ? `${edit.namespace}/` : ''}${edit.name} (bound by ${edit.binding.kind} ${edit.binding.name}): ${edit.rules.length} rule(s)`);
  }
  const yaml = renderChange(change);
  if (yaml) {
    println(io.stdout, '---');
    io.stdout.write(yaml);
  }
  printEdits(change.edits.flatMap((e) => e.edits), io);
  printNextSteps(change, io);
}

/** The client patterns' next requests, labelled as an alternative on stderr: never part of the YAML above. */
export function printNextSteps(change: SubjectChange, io: CliIo): void {
  for (const step of change.next) {
    const where = step.namespace ? `in namespace ${step.namespace}` : 'cluster-wide';
    const what = step.rules.map((r) => `${r.verbs.join(', ')} on ${(r.resources ?? []).map((resource) => qualifiedResource(resource, r.apiGroups?.[0])).join(', ')}`).join('; ');
    println(io.stderr, `# Alternative (not included above): also grant what ${step.pattern} needs next, ${where}: ${printable(what)}. ${step.reason}`);
  }
}

/** "ServiceAccount ctrl/manager: 5 denials → 1 Role, 1 ClusterRole and their bindings". */
export function changeTitle(change: SubjectChange): string {
  const count = (kind: string) => change.roles.filter((r) => r.kind === kind).length;
  const parts = [
    count('Role') ? `${count('Role')} Role${count('Role') > 1 ? 's' : ''}` : '',
    count('ClusterRole') ? `${count('ClusterRole')} ClusterRole` : '',
    change.bindings.length ? `${change.bindings.length} binding${change.bindings.length > 1 ? 's' : ''}` : '',
    change.edits.length ? `${change.edits.length} edited role${change.edits.length > 1 ? 's' : ''}` : '',
  ].filter(Boolean);
  const n = change.denials.length;
  return `${describeSubject(change.subject)}: ${n} denial${n > 1 ? 's' : ''} → ${parts.join(', ')} (exactly what was denied)`;
}

function printEdits(edits: TextEdit[], io: CliIo): void {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, fileEdits] of byFile) {
    const before = readFileSync(file, 'utf8');
    io.stdout.write(colourDiff(unifiedDiff(relative(io.cwd, file) || file, before, applyEdits(before, fileEdits)), coloursOf(io)));
  }
}

export function jsonSuggestion(s: FixSuggestion) {
  return {
    title: s.title, kind: s.kind, ...(s.recommended ? { recommended: true } : {}), ...(s.widens ? { widens: s.widens } : {}),
    ...(s.yaml ? { yaml: s.yaml } : {}), ...(s.edits ? { edits: s.edits } : {}),
  };
}

/** A subject's change in `--json`: denial indexes into `denials`, the YAML of new objects, the edits. */
export function jsonChange(change: SubjectChange, denialIndex: (i: number) => number) {
  const yaml = renderChange(change);
  return {
    title: changeTitle(change),
    subject: change.subject,
    user: change.asUser,
    denials: change.denials.map(denialIndex),
    roles: change.roles,
    bindings: change.bindings,
    ...(yaml ? { yaml } : {}),
    edits: change.edits.flatMap((e) => e.edits),
    editedRoles: change.edits.map(({ edits: _edits, ...role }) => role),
    verify: change.verify,
    notes: change.notes,
    next: change.next,
  };
}
