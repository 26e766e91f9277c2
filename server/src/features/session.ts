import { analyse, currentContext, type Analysis } from '../core/analysis';
import type { Finding } from '../core/checks/types';
import { ownFindings } from '../core/incremental/open-files';
import type { WorkspaceStatus } from '../protocol/custom-messages';
import type { CheckContext } from '../core/checks/check';
import { createWorkspaceModel } from '../core/workspace';
import type { LiveCluster } from '../cluster/load-cluster';
import { DEFAULT_SETTINGS, withSyntaxErrorsResolved, type RbacDoctorSettings } from '../protocol/settings';

/** Everything one server instance knows; created per connection, never shared across servers. */
export class Session {
  readonly model = createWorkspaceModel();
  settings: RbacDoctorSettings = DEFAULT_SETTINGS;
  roots: string[] = [];
  /** Files open in the editor: their text comes from the editor, not from disk. */
  readonly openFiles = new Set<string>();
  indexing: Promise<void> = Promise.resolve();
  /** The cluster the user connected to; none until they ask. */
  cluster: LiveCluster | undefined;
  /** Extensions of the editor that already report YAML syntax errors (told by the client). */
  yamlSyntaxReporters: string[] = [];
  private resolved: { from: RbacDoctorSettings; reporters: string[]; settings: RbacDoctorSettings } | undefined;

  /** False until the first read of the workspace is complete: until then open files get their own documents' findings only. */
  indexComplete = false;
  /** How much of the workspace is read (rbacDoctor/workspaceStatus). */
  status: WorkspaceStatus = { state: 'reading', filesRead: 0, filesTotal: 0, message: 'RBAC: starting' };
  /** True once open files can be judged on their own: at once from the built-in resources, again when the CRDs are read. */
  openFilesJudgeable = false;

  /** What hovers, lenses and navigation need, without running the checks: answered while indexing too. */
  context(): CheckContext {
    return currentContext(this.model, this.checkSettings(), this.cluster?.snapshot);
  }

  /** Findings and context of the workspace as it is now, with the connected cluster's knowledge. */
  analysis(): Analysis {
    return analyse(this.model, this.checkSettings(), this.cluster?.snapshot);
  }

  /** The findings of the open files' own documents (Helm templates wait for their chart), while the workspace is read. */
  openFileFindings(): Map<string, Finding[]> {
    const files = [...this.openFiles].map((path) => this.model.getFile(path)).filter((file) => file !== undefined && !file.helm);
    return ownFindings(this.context(), files as NonNullable<(typeof files)[number]>[], this.checkSettings());
  }

  /** Parsed trees of files that are not open are released once checked (parsed again on first use). */
  releaseSyntaxTrees(): void {
    this.model.releaseSyntaxTrees((path) => this.openFiles.has(path));
  }

  /** The settings with `syntaxErrors` resolved; the same object while nothing changed, so analyses stay cached. */
  private checkSettings(): RbacDoctorSettings {
    if (this.resolved?.from !== this.settings || this.resolved.reporters !== this.yamlSyntaxReporters) {
      const settings = withSyntaxErrorsResolved(this.settings, this.yamlSyntaxReporters.length > 0);
      this.resolved = { from: this.settings, reporters: this.yamlSyntaxReporters, settings };
    }
    return this.resolved.settings;
  }
}
