import { promises as fs } from 'fs';
import { isAbsolute, relative, resolve } from 'path';
import type { Connection } from 'vscode-languageserver';
import { chartReports, describeChartReport } from '../core/helm/chart/chart-report';
import type { Session } from './session';

const applied = new WeakMap<Session, string>();

/** The absolute paths of the values files named in `rbacDoctor.helm.valuesFiles` (relative to the first workspace folder). */
export function helmValuesFilePaths(session: Session): string[] {
  return session.settings.helm.valuesFiles.map((path) => (isAbsolute(path) ? path : resolve(session.roots[0] ?? '.', path)));
}

/**
 * Reads `rbacDoctor.helm.*` into the model; charts are read again only when something changed. A values
 * file open in the editor is read from the editor (`openText`), so that an unsaved edit applies at once.
 */
export async function applyHelmSettings(connection: Connection, session: Session, openText: (path: string) => string | undefined): Promise<void> {
  const { valuesFiles, releaseName, releaseNamespace } = session.settings.helm;
  const files: { path: string; text: string }[] = [];
  const absolutes = helmValuesFilePaths(session);
  for (const [i, absolute] of absolutes.entries()) {
    try {
      files.push({ path: absolute, text: openText(absolute) ?? (await fs.readFile(absolute, 'utf8')) });
    } catch (error) {
      connection.console.warn(`rbacDoctor.helm.valuesFiles: cannot read ${valuesFiles[i]}: ${(error as Error).message}`);
    }
  }
  const key = JSON.stringify({ files, releaseName, releaseNamespace });
  if (applied.get(session) === key) return;
  applied.set(session, key);
  session.model.setHelmOptions({ valuesFiles: files, releaseName, releaseNamespace });
}

/** What each chart's templates gave: analysed, skipped and not judged, in the output channel. */
export function logChartReports(connection: Connection, session: Session): void {
  const root = session.roots[0];
  for (const report of chartReports(session.model)) {
    for (const line of describeChartReport(report, (p) => (root ? relative(root, p) : p))) connection.console.info(line);
  }
}
