import { isMap, isScalar, type Node } from 'yaml';
import type { BuildNote } from '../../kustomize/types';
import type { KustomizationObject } from '../../model/types';
import { scalarString, seqAt, stringAt } from '../../model/yaml-nodes';
import type { CheckContext } from '../check';
import type { CheckInfo } from '../types';
import { keyRange, rangeOfNode } from '../helpers';
import type { Finding } from '../types';

/** The kustomize build notes that `keep` selects, each said at its kustomization's entry (or field) with `message`. */
export function buildNoteFindings(context: CheckContext, info: CheckInfo, keep: (note: BuildNote) => boolean, message: (note: BuildNote) => string): Finding[] {
  const byFile = new Map(context.index.kustomizations.map((k) => [k.doc.file, k]));
  const findings: Finding[] = [];
  for (const note of context.index.kustomizeNotes) {
    if (!keep(note)) continue;
    const kustomization = byFile.get(note.file);
    if (!kustomization?.doc.yaml) continue;
    const file = context.fileOf(kustomization);
    const entry = entryNode(kustomization, note);
    findings.push({
      code: info.code, severity: info.defaultSeverity, category: info.category, file: file.path,
      range: entry ? rangeOfNode(file, kustomization, entry) : keyRange(file, kustomization, kustomization.node, note.field),
      message: message(note),
      fixes: [],
    });
  }
  return findings;
}

/** The list item a note is about: the scalar itself, or the mapping whose name or path is the entry. */
function entryNode(kustomization: KustomizationObject, note: BuildNote): Node | undefined {
  if (note.entry === undefined) return undefined;
  const fields = note.field === 'resources' ? ['resources', 'bases'] : [note.field];
  for (const item of fields.flatMap((field) => seqAt(kustomization.node, field)?.items ?? [])) {
    if (isScalar(item) && scalarString(item) === note.entry) return item;
    if (isMap(item) && (stringAt(item, 'name') === note.entry || stringAt(item, 'path') === note.entry)) return item;
  }
  return undefined;
}
