import type { Connection } from 'vscode-languageserver';
import { DEFAULT_TEXT_BUDGET, MEGABYTE } from '../core/model/text-budget';
import { findYamlFiles, globToRegExp } from '../node/find-yaml-files';
import { readChartArchive } from '../node/chart-archives';
import { followKustomizations } from '../node/follow-kustomizations';
import { readManifest, type ReadLimits } from '../node/read-manifest';
import type { Session } from './session';

/** Reads every YAML file of the workspace folders once, reporting progress for large workspaces. */
export async function indexWorkspace(connection: Connection, session: Session): Promise<number> {
  const archives: string[] = [];
  const files = session.roots.flatMap((root) => {
    try {
      return findYamlFiles([root], session.settings.exclude, {
        roots: session.roots,
        onSkip: (path, reason) => warnSkipped(connection, path, reason),
        onChartArchive: (path) => archives.push(path),
      });
    } catch (error) {
      connection.console.warn(`cannot list ${root}: ${(error as Error).message}`);
      return [];
    }
  });
  const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
  progress?.begin('Kubernetes RBAC: indexing manifests', 0, `${files.length} files`, false);
  let done = 0;
  let reported = 0;
  for (const path of files) {
    if (!session.openFiles.has(path)) {
      const read = await readManifest(path, readLimits(session));
      if ('text' in read) session.model.setFile(path, read.text);
      else warnSkipped(connection, path, read.skipped);
    }
    done++;
    const percentage = Math.floor((done / files.length) * 100);
    if (percentage > reported) {
      reported = percentage;
      progress?.report(percentage, `${done}/${files.length} files`);
    }
  }
  // Packed subcharts (`charts/*.tgz`), read as chart folders named after the archive; never opened for editing.
  for (const archive of archives) {
    session.model.charts.noteArchive(archive);
    const reading = await readChartArchive(archive);
    for (const file of reading.files) session.model.setFile(file.path, file.text);
    for (const problem of reading.problems) warnSkipped(connection, archive, problem);
  }
  // A workspace folder that is an overlay is built with its bases and components, wherever they are.
  followKustomizations(session.model, readLimits(session), (path, reason) => warnSkipped(connection, path, reason));
  progress?.done();
  return files.length;
}

export function isExcluded(path: string, exclude: string[]): boolean {
  return /(^|[\\/])(node_modules|\.git)([\\/]|$)/.test(path) || exclude.some((glob) => globToRegExp(glob).test(path));
}

/** The limits a file read from disk must meet, from the settings and the workspace folders. */
export function readLimits(session: Session): ReadLimits {
  return { budget: { ...DEFAULT_TEXT_BUDGET, maxFileSize: Math.round(session.settings.maxFileSize * MEGABYTE) }, roots: session.roots };
}

/** One line in the server's log for each file left unread. */
export function warnSkipped(connection: Connection, path: string, reason: string): void {
  connection.console.warn(`skipped ${path}: ${reason}`);
}
