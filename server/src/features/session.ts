import { analyse, type Analysis } from '../core/analysis';
import { WorkspaceModel } from '../core/model/workspace-model';
import type { LiveCluster } from '../cluster/load-cluster';
import { DEFAULT_SETTINGS, type RbacDoctorSettings } from '../protocol/settings';

/** Everything one server instance knows; created per connection, never shared across servers. */
export class Session {
  readonly model = new WorkspaceModel();
  settings: RbacDoctorSettings = DEFAULT_SETTINGS;
  roots: string[] = [];
  /** Files open in the editor: their text comes from the editor, not from disk. */
  readonly openFiles = new Set<string>();
  indexing: Promise<void> = Promise.resolve();
  /** The cluster the user connected to; none until they ask. */
  cluster: LiveCluster | undefined;

  /** Findings and context of the workspace as it is now, with the connected cluster's knowledge. */
  analysis(): Analysis {
    return analyse(this.model, this.settings, this.cluster?.snapshot);
  }
}
