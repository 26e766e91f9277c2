import { readFileSync } from 'fs';
import { resolve } from 'path';
import { WorkspaceModel } from '../core/model/workspace-model';
import { findYamlFiles } from './find-yaml-files';

/** Reads every YAML file under `paths` into a new model. Paths are made absolute. */
export function loadWorkspace(paths: string[], exclude: string[] = []): WorkspaceModel {
  const model = new WorkspaceModel();
  for (const file of findYamlFiles(paths.map((p) => resolve(p)), exclude)) {
    model.setFile(file, readFileSync(file, 'utf8'));
  }
  return model;
}
