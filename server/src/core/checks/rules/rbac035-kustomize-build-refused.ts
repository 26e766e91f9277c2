import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { keyRange, rangeOfNode } from '../helpers';
import type { Finding } from '../types';
import { entryNode } from './rbac033-kustomize-input-not-read';

const info = checkInfo('RBAC035')!;

/**
 * A kustomization `kubectl kustomize` refuses to build (a file outside its folder, a cycle): said at
 * the entry, in kubectl's words. Nothing of such a build counts: no access is answered through it.
 */
export const rbac035: Check = {
  ...info,
  run(context) {
    const byFile = new Map(context.index.kustomizations.map((k) => [k.doc.file, k]));
    const findings: Finding[] = [];
    for (const note of context.index.kustomizeNotes) {
      if (!note.refused) continue;
      const kustomization = byFile.get(note.file);
      if (!kustomization?.doc.yaml) continue;
      const file = context.fileOf(kustomization);
      const entry = entryNode(kustomization, note);
      findings.push({
        code: info.code, severity: info.defaultSeverity, category: info.category, file: file.path,
        range: entry ? rangeOfNode(file, kustomization, entry) : keyRange(file, kustomization, kustomization.node, note.field),
        message: `kubectl kustomize refuses this build: ${note.message}. Nothing it would emit is counted here.`,
        fixes: [],
      });
    }
    return findings;
  },
};
