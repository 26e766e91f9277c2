import type { BindingObject, SourceFile } from '../model/types';
import type { WorkspaceModel } from '../model/workspace-model';

/**
 * What a chart's templates left unread that a lens count would otherwise hide: a count of bindings or
 * subjects is exact only when nothing that could add to it was left out.
 */

/** Whether some of a binding's subjects could not be read (printed from unknown values, or one item per unknown value). */
export function subjectsNotKnown(file: SourceFile, binding: BindingObject): boolean {
  return (file.helm?.notJudged ?? []).some((n) =>
    (n.kind === 'subject' || n.kind === 'subjects') && n.offset >= binding.doc.start && n.offset < binding.doc.end);
}

/** Bindings of the chart that holds `file` which render but were left out (unknown name, roleRef, …); 0 outside charts. */
export function bindingsNotRead(model: WorkspaceModel, file: SourceFile, kinds: ReadonlySet<string>): number {
  const chartDir = file.helm?.chartDir;
  if (chartDir === undefined) return 0;
  let count = 0;
  for (const other of model.allFiles()) {
    if (other.helm?.chartDir !== chartDir) continue;
    for (const skipped of other.helm.skipped) if (kinds.has(skipped.kind)) count++;
  }
  return count;
}

/** Whether any binding of the chart that holds `file` has subjects that could not be read. */
export function chartHasUnknownSubjects(model: WorkspaceModel, file: SourceFile): boolean {
  const chartDir = file.helm?.chartDir;
  if (chartDir === undefined) return false;
  return model.allFiles().some((other) => other.helm?.chartDir === chartDir && other.helm.notJudged.some((n) => n.kind === 'subject' || n.kind === 'subjects'));
}
