import type { KustomizationObject, SourceFile } from '../model/types';
import { fileDocuments, inlineDocuments } from './load-documents';
import { joinPath, normalise } from './paths';
import { asMap } from './read-kustomization';
import type { PatchEntry } from './read-kustomization';
import type { Json, JsonMap, Patch, Selector } from './types';

/** How a build reaches the workspace's files. Paths are normalised. */
export interface BuildSource {
  file(path: string): SourceFile | undefined;
  kustomizationIn(dir: string): KustomizationObject | undefined;
}

export type Read<T> = { value: T; usedFile?: string } | { problem: string };

/** The documents of a path relative to a kustomization, or of inline YAML when the text is not a path. */
export function readPatchText(source: BuildSource, dir: string, pathOrInline: string, inline: boolean): Read<Json[]> {
  if (inline) return { value: inlineDocuments(pathOrInline) };
  const path = normalise(joinPath(dir, pathOrInline));
  const file = source.file(path);
  if (!file) return { problem: `${pathOrInline} is not in the files read` };
  return { value: fileDocuments(file), usedFile: path };
}

/** A `patches` / `patchesJson6902` entry, or a PatchTransformer's configuration. */
export function readPatchEntry(source: BuildSource, dir: string, entry: PatchEntry, forceJson = false): Read<Patch> {
  const text = entry.patch ?? entry.path;
  if (text === undefined) return { problem: 'a patch with neither path nor patch' };
  const read = readPatchText(source, dir, text, entry.patch !== undefined);
  if ('problem' in read) return read;
  return { value: toPatch(read.value, entry.target, entry.path ?? 'inline patch', forceJson), usedFile: read.usedFile };
}

/** A strategic merge patch is a mapping; a JSON 6902 patch is a list of operations. */
export function toPatch(documents: Json[], target: Selector | undefined, source: string, forceJson = false): Patch {
  if (forceJson || Array.isArray(documents[0])) {
    return { type: 'json6902', operations: documents.flatMap((d) => (Array.isArray(d) ? d : [])), target, source };
  }
  const maps = documents.map(asMap).filter((d): d is JsonMap => d !== undefined);
  return { type: 'strategic-merge', documents: maps, target, source };
}

/** A patchesStrategicMerge entry is a file path or, when it holds a newline or a colon, inline YAML. */
export function isInlineYaml(entry: string): boolean {
  return entry.includes('\n') || /:\s/.test(entry);
}
