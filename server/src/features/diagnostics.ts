import type { Connection, Diagnostic } from 'vscode-languageserver';
import type { Finding } from '../core/checks/types';
import { findingToDiagnostic } from './finding-to-diagnostic';
import type { Session } from './session';
import { pathToUri } from './uri';

/**
 * One diagnostics path: push. After each change the findings are brought up to date (only those that
 * depend on the changed files are computed again) and only files whose diagnostics changed are sent:
 * a file whose findings are the same array as before is not even compared. While the workspace is
 * being read, open files get the findings of their own documents only (a half-read workspace has
 * bindings without their roles); the rest follows when every file is read.
 */
export class DiagnosticsPublisher {
  private published = new Map<string, { findings: readonly Finding[]; key: string }>();

  constructor(private readonly connection: Connection, private readonly session: Session) {}

  publishAll(): void {
    if (!this.session.indexComplete) {
      this.publishOpenFiles();
      return;
    }
    let byFile: ReadonlyMap<string, readonly Finding[]>;
    try {
      const analysis = this.session.analysis();
      for (const failure of analysis.failedChecks) this.connection.console.error(`check ${failure.code} stopped (${failure.reason}): its findings are missing`);
      byFile = analysis.byFile;
    } catch (error) {
      this.connection.console.error(`checks failed: ${(error as Error).stack ?? error}`);
      return;
    }
    const next = new Map<string, { findings: readonly Finding[]; key: string }>();
    for (const [file, findings] of byFile) {
      const before = this.published.get(file);
      if (before?.findings === findings) {
        next.set(file, before);
        continue;
      }
      const diagnostics: Diagnostic[] = findings.map(findingToDiagnostic);
      const key = JSON.stringify(diagnostics);
      next.set(file, { findings, key });
      if (before?.key !== key) void this.connection.sendDiagnostics({ uri: pathToUri(file), diagnostics });
    }
    for (const file of this.published.keys()) {
      if (!next.has(file)) void this.connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: [] });
    }
    this.published = next;    this.session.releaseSyntaxTrees();
  }

  /**
   * While the workspace is read: the open files' own findings, once what they depend on is read (the
   * status notification says the rest is still being read). Published as soon as they differ.
   */
  private publishOpenFiles(): void {
    if (!this.session.openFilesJudgeable) return;
    let byFile: Map<string, Finding[]>;
    try {
      byFile = this.session.openFileFindings();
    } catch (error) {
      this.connection.console.error(`checks failed: ${(error as Error).stack ?? error}`);
      return;
    }
    for (const [file, findings] of byFile) {
      const diagnostics: Diagnostic[] = findings.map(findingToDiagnostic);
      const key = JSON.stringify(diagnostics);
      const before = this.published.get(file);
      if (before?.key === key) continue;
      if (before || findings.length > 0) void this.connection.sendDiagnostics({ uri: pathToUri(file), diagnostics });
      this.published.set(file, { findings, key });
    }
  }

  dispose(): void {
    this.published.clear();
  }
}
