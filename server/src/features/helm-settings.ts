import { promises as fs } from 'fs';
import { isAbsolute, relative, resolve } from 'path';
import type { Connection } from 'vscode-languageserver';
import { chartReports, describeChartReport } from '../core/helm/chart-report';
import type { Session } from './session';

const applied = new WeakMap<Session, string>();

/** Reads `rbacDoctor.helm.*` into the model (values files from disk); charts are read again only when they changed. */
export async function applyHelmSettings(connection: Connection, session: Session): Promise<void> {
  const { valuesFiles, releaseName, releaseNamespace } = session.settings.helm;
  const files: { path: string; text: string }[] = [];
  for (const path of valuesFiles) {
    const absolute = isAbsolute(path) ? path : resolve(session.roots[0] ?? '.', path);
    try {
      files.push({ path: absolute, text: await fs.readFile(absolute, 'utf8') });
    } catch (error) {
      connection.console.warn(`rbacDoctor.helm.valuesFiles: cannot read ${path}: ${(error as Error).message}`);
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
