import { relative } from 'path';
import type { Connection } from 'vscode-languageserver';
import type { Session } from './session';

/** What kustomize builds of the workspace could not read, in the output channel (RBAC033 shows each at its entry). */
export function logKustomizeNotes(connection: Connection, session: Session): void {
  const root = session.roots[0];
  const { kustomizations, kustomizeNotes } = session.model.index;
  if (kustomizations.length === 0) return;
  connection.console.info(`kustomize: ${kustomizations.length} kustomization(s) built; ${kustomizeNotes.length} entr${kustomizeNotes.length === 1 ? 'y' : 'ies'} not read`);
  for (const note of kustomizeNotes) {
    const file = root ? relative(root, note.file) : note.file;
    connection.console.info(`kustomize: ${file}: ${note.field}${note.entry ? ` ${note.entry}` : ''}: ${note.message}`);
  }
}
