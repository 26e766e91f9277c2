import { existsSync } from 'fs';
import { resolve } from 'path';
import { loadWorkspace } from '../../node/load-workspace';
import type { WorkspaceModel } from '../../core/model/workspace-model';
import { InputError } from '../errors';

/** Loads the manifests under the given paths (default `.`), failing with a clear message on a bad path. */
export function loadPaths(paths: string[], cwd: string): WorkspaceModel {
  const targets = (paths.length ? paths : ['.']).map((p) => resolve(cwd, p));
  for (const target of targets) {
    if (!existsSync(target)) throw new InputError(`${target}: no such file or directory`);
  }
  try {
    return loadWorkspace(targets);
  } catch (error) {
    throw new InputError(`cannot read manifests: ${(error as Error).message}`);
  }
}
