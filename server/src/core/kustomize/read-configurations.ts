import { fileDocuments } from './load-documents';
import { joinPath, normalise } from './paths';
import { asMap, list, str } from './read-kustomization';
import type { BuildSource, Read } from './read-patches';
import type { JsonMap, NameReference } from './types';

/** The `nameReference` entries of a `configurations:` file (other transformer configuration does not touch RBAC). */
export function readConfigurations(source: BuildSource, dir: string, entry: string): Read<NameReference[]> {
  const path = normalise(joinPath(dir, entry));
  const file = source.file(path);
  if (!file) return { problem: `${entry} is not in the files read: its name references are not applied` };
  const out: NameReference[] = [];
  for (const document of fileDocuments(file)) {
    for (const item of list(asMap(document)?.nameReference)) {
      const map = asMap(item);
      const kind = str(map?.kind);
      if (!map || !kind) continue;
      out.push({
        kind,
        group: str(map.group),
        fieldSpecs: list(map.fieldSpecs).map(asMap).filter((m): m is JsonMap => m !== undefined)
          .map((m) => ({ path: str(m.path) ?? '', kind: str(m.kind), group: str(m.group) })),
      });
    }
  }
  return { value: out, usedFile: path };
}
