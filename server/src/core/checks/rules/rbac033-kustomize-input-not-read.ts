import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { buildNoteFindings } from './kustomize-build-notes';

const info = checkInfo('RBAC033')!;

/**
 * What a kustomize build of the workspace could not read or apply (a remote base, a generator, a file
 * outside the files read, a transformer plugin): said at its entry, so that "no findings" never means
 * "not looked at". The objects it would add or change are not checked. Refused builds are RBAC035's.
 */
export const rbac033: Check = {
  ...info,
  run(context) {
    return buildNoteFindings(context, info, (note) => !note.refused,
      (note) => `kustomize: ${note.entry ? `${note.field} entry ${shorten(note.entry)}: ` : `${note.field}: `}${note.message}. What it adds or changes is not checked.`);
  },
};

/** Long entries (URLs) keep their start and their end, which tell them apart. */
function shorten(entry: string): string {
  return entry.length > 90 ? `${entry.slice(0, 45)}…${entry.slice(-40)}` : entry;
}
