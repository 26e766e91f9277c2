import { relativeFolder } from '../../kustomize/paths';
import { refusalsToSay } from '../../kustomize/refusal-causes';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { buildNoteFindings } from './kustomize-build-notes';

const info = checkInfo('RBAC035')!;

/**
 * A kustomization `kubectl kustomize` refuses to build (a file outside its folder, a cycle, a resource
 * reached twice): said in kubectl's words, once per cause and once per refused build, never once per
 * path. Nothing of such a build counts: no access is answered through it.
 */
export const rbac035: Check = {
  ...info,
  run(context) {
    const said = refusalsToSay(context.index.kustomizeNotes);
    return buildNoteFindings(context, info, (note) => said.has(note), (note) => {
      const cause = note.via ? said.get(note) : undefined;
      const where = cause ? ` (in ${relativeFolder(note.file, cause.file)}, at ${cause.entry ?? cause.field})` : '';
      return `kubectl kustomize refuses this build: ${note.message}${where}. Nothing it would emit is counted here.`;
    });
  },
};
