import { isAbsolute, relative, resolve } from 'path';
import type { Connection } from 'vscode-languageserver';
import { chartReports, describeChartReport } from '../core/helm/chart/chart-report';
import { textOverBudget } from '../core/model/text-budget';
import { readSettingFile } from '../node/read-manifest';
import type { Session } from './session';
import { readLimits } from './workspace-indexer';

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
  const limits = readLimits(session);
  for (const [i, absolute] of absolutes.entries()) {
    // The manifest gate, and inside the workspace only: the file's content never reaches a diagnostic otherwise.
    const read = await readSettingFile(absolute, limits);
    if ('skipped' in read) {
      connection.console.warn(`rbacDoctor.helm.valuesFiles: not read ${valuesFiles[i]}: ${read.skipped}`);
      continue;
    }
    const open = openText(absolute);
    const over = open === undefined ? undefined : textOverBudget(open, limits.budget);
    if (over) connection.console.warn(`rbacDoctor.helm.valuesFiles: not read ${valuesFiles[i]}: ${over}`);
    else files.push({ path: absolute, text: open ?? read.text });
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
