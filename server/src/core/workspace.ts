import { ChartFiles } from './helm/chart/chart-files';
import { WorkspaceModel } from './model/workspace-model';

/** A workspace model with its input readers plugged in: Helm charts (core/helm) read their templates. */
export function createWorkspaceModel(): WorkspaceModel<ChartFiles> {
  return new WorkspaceModel(new ChartFiles());
}
