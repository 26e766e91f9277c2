import { isMap, isScalar, type Node } from 'yaml';
import type { BuildNote } from '../../kustomize/types';
import type { KustomizationObject } from '../../model/types';
import { scalarString, seqAt, stringAt } from '../../model/yaml-nodes';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { keyRange, rangeOfNode } from '../helpers';
import type { Finding } from '../types';

const info = checkInfo('RBAC033')!;

/**
 * What a kustomize build of the workspace could not read or apply (a remote base, a generator, a file
 * outside the files read, a transformer plugin): said at its entry, so that "no findings" never means
 * "not looked at". The objects it would add or change are not checked.
 */
export const rbac033: Check = {
  ...info,
  run(context) {
    const byFile = new Map(context.index.kustomizations.map((k) => [k.doc.file, k]));
    const findings: Finding[] = [];
    for (const note of context.index.kustomizeNotes) {
      if (note.refused) continue; // RBAC035
      const kustomization = byFile.get(note.file);
      if (!kustomization?.doc.yaml) continue;
      const file = context.fileOf(kustomization);
      const entry = entryNode(kustomization, note);
      findings.push({
        code: info.code, severity: info.defaultSeverity, category: info.category, file: file.path,
        range: entry ? rangeOfNode(file, kustomization, entry) : keyRange(file, kustomization, kustomization.node, note.field),
        message: `kustomize: ${note.entry ? `${note.field} entry ${shorten(note.entry)}: ` : `${note.field}: `}${note.message}. What it adds or changes is not checked.`,
        fixes: [],
      });
    }
    return findings;
  },
};

/** The list item a note is about: the scalar itself, or the mapping whose name or path is the entry. */
export function entryNode(kustomization: KustomizationObject, note: BuildNote): Node | undefined {
  if (note.entry === undefined) return undefined;
  const fields = note.field === 'resources' ? ['resources', 'bases'] : [note.field];
  for (const item of fields.flatMap((field) => seqAt(kustomization.node, field)?.items ?? [])) {
    if (isScalar(item) && scalarString(item) === note.entry) return item;
    if (isMap(item) && (stringAt(item, 'name') === note.entry || stringAt(item, 'path') === note.entry)) return item;
  }
  return undefined;
}

/** Long entries (URLs) keep their start and their end, which tell them apart. */
function shorten(entry: string): string {
  return entry.length > 90 ? `${entry.slice(0, 45)}…${entry.slice(-40)}` : entry;
}
