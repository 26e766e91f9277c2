import { statSync } from 'fs';
import { resolve } from 'path';
import { WorkspaceModel } from '../core/model/workspace-model';
import { createWorkspaceModel } from '../core/workspace';
import { DEFAULT_TEXT_BUDGET, type TextBudget } from '../core/model/text-budget';
import { findYamlFiles } from './find-yaml-files';
import { readChartArchiveSync } from './chart-archives';
import { followKustomizations } from './follow-kustomizations';
import { readManifestSync } from './read-manifest';

export interface LoadOptions {
  budget?: TextBudget;
  /** Told about every file left unread (too large, a FIFO, a link out of the workspace), with the reason. */
  onSkip?: (path: string, reason: string) => void;
}

/** Reads every YAML file under `paths` into a new model. Paths are made absolute. */
export function loadWorkspace(paths: string[], exclude: string[] = [], options: LoadOptions = {}): WorkspaceModel {
  const model = createWorkspaceModel();
  const roots = paths.map((p) => resolve(p));
  const limits = { budget: options.budget ?? DEFAULT_TEXT_BUDGET, roots };
  const onSkip = (path: string, reason: string) => options.onSkip?.(path, reason);
  const archives: string[] = [];
  const onChartArchive = (path: string) => archives.push(path);
  model.charts.setReadFolders(roots.filter(isFolder));
  for (const file of findYamlFiles(roots, exclude, { onSkip, onChartArchive })) {
    const read = readManifestSync(file, limits);
    if ('text' in read) model.setFile(file, read.text);
    else onSkip(file, read.skipped);
  }
  // Packed subcharts (`charts/*.tgz`): their files are read as those of a chart folder named after the archive.
  for (const archive of archives) {
    model.charts.noteArchive(archive);
    const reading = readChartArchiveSync(archive);
    for (const file of reading.files) model.setFile(file.path, file.text);
    for (const problem of reading.problems) onSkip(archive, problem);
  }
  // An overlay read alone is built with its bases, components and patches, wherever they are.
  followKustomizations(model, limits, onSkip);
  return model;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
