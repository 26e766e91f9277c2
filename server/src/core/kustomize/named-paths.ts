import type { KustomizationObject } from '../model/types';
import { dirname, isRemote, joinPath, normalise } from './paths';
import { isInlineYaml } from './read-patches';
import { asMap, list, readKustomizationSpec, str } from './read-kustomization';

/**
 * Every local path a kustomization names, normalised: the files it reads (resources, patches,
 * configurations, transformers, replacements) and the folders whose kustomization it builds (bases,
 * components). Which is which only the disk says; remote entries and inline YAML are left out.
 */
export function namedPaths(kustomization: KustomizationObject): string[] {
  const spec = readKustomizationSpec(kustomization);
  const data = asMap(kustomization.doc.yaml ? kustomization.node.toJS(kustomization.doc.yaml) : kustomization.node.toJSON()) ?? {};
  const entries = [
    ...spec.resources,
    ...spec.components,
    ...spec.patches.filter((p) => p.patch === undefined).map((p) => p.path),
    ...spec.patchesStrategicMerge.filter((e) => !isInlineYaml(e)),
    ...spec.patchesJson6902.filter((p) => p.patch === undefined).map((p) => p.path),
    ...spec.configurations,
    ...spec.transformers.filter((e) => !isInlineYaml(e)),
    ...list(data.replacements).map((r) => str(asMap(r)?.path)),
  ];
  const dir = dirname(kustomization.doc.file);
  const out = new Set<string>();
  for (const entry of entries) if (entry && !isRemote(entry)) out.add(normalise(joinPath(dir, entry)));
  return [...out];
}

/** The file names kustomize looks for in a folder, in its order. */
export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
