import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { buildNoteFindings } from './kustomize-build-notes';

const info = checkInfo('RBAC035')!;

/**
 * A kustomization `kubectl kustomize` refuses to build (a file outside its folder, a cycle): said at
 * the entry, in kubectl's words. Nothing of such a build counts: no access is answered through it.
 */
export const rbac035: Check = {
  ...info,
  run(context) {
    return buildNoteFindings(context, info, (note) => note.refused === true,
      (note) => `kubectl kustomize refuses this build: ${note.message}. Nothing it would emit is counted here.`);
  },
};
