import type { Connection, Diagnostic } from 'vscode-languageserver';
import { findingToDiagnostic } from './finding-to-diagnostic';
import type { Session } from './session';
import { pathToUri } from './uri';

/**
 * One diagnostics path: push. After each change the findings are recomputed (document-scoped checks
 * are cached on the unchanged documents) and only files whose diagnostics changed are sent. Nothing is
 * published before the workspace is read in full: a half-read workspace has bindings without their roles.
 */
export class DiagnosticsPublisher {
  private published = new Map<string, string>();

  constructor(private readonly connection: Connection, private readonly session: Session) {}

  publishAll(): void {
    if (!this.session.indexComplete) return;
    let byFile: Map<string, Diagnostic[]>;
    try {
      byFile = new Map();
      const analysis = this.session.analysis();
      for (const failure of analysis.failedChecks) this.connection.console.error(`check ${failure.code} stopped (${failure.reason}): its findings are missing`);
      for (const finding of analysis.findings) {
        const list = byFile.get(finding.file) ?? [];
        list.push(findingToDiagnostic(finding));
        byFile.set(finding.file, list);
      }
    } catch (error) {
      this.connection.console.error(`checks failed: ${(error as Error).stack ?? error}`);
      return;
    }
    const next = new Map<string, string>();
    for (const [file, diagnostics] of byFile) {
      const key = JSON.stringify(diagnostics);
      next.set(file, key);
      if (this.published.get(file) !== key) void this.connection.sendDiagnostics({ uri: pathToUri(file), diagnostics });
    }
    for (const file of this.published.keys()) {
      if (!next.has(file)) void this.connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: [] });
    }
    this.published = next;
  }

  dispose(): void {
    this.published.clear();
  }
}
