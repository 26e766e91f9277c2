import { WorkspaceModel } from '../core/model/workspace-model';
import { DEFAULT_SETTINGS, type RbacDoctorSettings } from '../protocol/settings';

/** Everything one server instance knows; created per connection, never shared across servers. */
export class Session {
  readonly model = new WorkspaceModel();
  settings: RbacDoctorSettings = DEFAULT_SETTINGS;
  roots: string[] = [];
  /** Files open in the editor: their text comes from the editor, not from disk. */
  readonly openFiles = new Set<string>();
  indexing: Promise<void> = Promise.resolve();
}
