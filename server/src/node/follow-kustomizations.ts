import { statSync } from 'fs';
import { join } from 'path';
import { KUSTOMIZATION_FILE_NAMES, namedPaths } from '../core/kustomize/named-paths';
import type { KustomizationObject } from '../core/model/types';
import type { WorkspaceModel } from '../core/model/workspace-model';
import { readManifestSync, type ReadLimits } from './read-manifest';

/**
 * Reads what the model's kustomizations name and the paths read did not hold, wherever it is on disk,
 * as `kubectl kustomize` does: an overlay checked alone gets its bases, components and patches. Files
 * read this way are marked as followed: their objects count only as part of a build. Each file passes
 * the same gate as any manifest (regular files, size budget); whatever is refused is said.
 */
export function followKustomizations(model: WorkspaceModel, limits: ReadLimits, onSkip: (path: string, reason: string) => void): number {
  const looked = new Set<string>();
  let pending = kustomizationsOf(model, model.allFiles().map((f) => f.path));
  let read = 0;
  while (pending.length > 0) {
    const added: string[] = [];
    for (const kustomization of pending) {
      for (const path of namedPaths(kustomization)) {
        if (looked.has(path) || model.hasFile(path)) continue;
        looked.add(path);
        for (const file of filesAt(path)) {
          if (model.hasFile(file)) continue;
          const manifest = readManifestSync(file, { ...limits, roots: [] });
          if ('text' in manifest) {
            model.setFile(file, manifest.text);
            model.followedFiles.add(file);
            added.push(file);
            read++;
          } else onSkip(file, manifest.skipped);
        }
      }
    }
    pending = kustomizationsOf(model, added);
  }
  return read;
}

/** The file itself, or the kustomization file of a folder; nothing when neither exists. */
function filesAt(path: string): string[] {
  const kind = kindOf(path);
  if (kind === 'file') return [path];
  if (kind !== 'folder') return [];
  const name = KUSTOMIZATION_FILE_NAMES.find((n) => kindOf(join(path, n)) === 'file');
  return name ? [join(path, name)] : [];
}

function kindOf(path: string): 'file' | 'folder' | undefined {
  try {
    const stats = statSync(path);
    return stats.isDirectory() ? 'folder' : 'file';
  } catch {
    return undefined;
  }
}

function kustomizationsOf(model: WorkspaceModel, paths: string[]): KustomizationObject[] {
  return paths.flatMap((path) => model.getFile(path)?.documents.flatMap((d) => d.objects) ?? [])
    .filter((o): o is KustomizationObject => o.kind === 'Kustomization');
}
