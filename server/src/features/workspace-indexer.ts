import type { Connection } from 'vscode-languageserver';
import { DEFAULT_TEXT_BUDGET, MEGABYTE } from '../core/model/text-budget';
import { findYamlFiles, globToRegExp } from '../node/find-yaml-files';
import { readChartArchive } from '../node/chart-archives';
import { followKustomizations } from '../node/follow-kustomizations';
import { readManifestSync, type ReadLimits } from '../node/read-manifest';
import { WorkspaceStatusNotification, type WorkspaceStatus } from '../protocol/custom-messages';
import type { Session } from './session';

/** Parsing yields to requests and keystrokes this often (ms), so the rest of the workspace never blocks them. */
const SLICE_MS = 30;
/** The status is sent at most this often (ms) while reading. */
const STATUS_EVERY_MS = 250;

/**
 * Reads every YAML file of the workspace folders once, reporting progress for large workspaces. Open
 * files' own findings depend on their documents and the resource catalog: `onOpenFilesJudgeable` is
 * called at once (built-in resources), and again once the workspace's CRDs are parsed (their resources
 * are judged from then on; unknown groups are never judged before). Texts are read first (cheap), CRDs
 * parsed first, and the rest follows in slices that let requests and keystrokes through.
 */
export async function indexWorkspace(connection: Connection, session: Session, onOpenFilesJudgeable: () => void = () => undefined): Promise<number> {
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
  let statusSent = 0;
  const status = (force = false) => {
    if (!force && Date.now() - statusSent < STATUS_EVERY_MS) return;
    statusSent = Date.now();
    session.status = readingStatus(done, files.length);
    void connection.sendNotification(WorkspaceStatusNotification, session.status);
  };
  status(true);
  onOpenFilesJudgeable();
  const texts = new Map<string, string>();
  const limits = readLimits(session);
  // Read in slices that yield like parsing does: one small file takes microseconds, while a promise per
  // file cost as much as its parse in large workspaces (a FIFO is never waited on: see readManifestSync).
  let readSlice = Date.now();
  for (const path of files) {
    if (session.openFiles.has(path)) continue;
    const read = readManifestSync(path, limits);
    if ('text' in read) texts.set(path, read.text);
    else warnSkipped(connection, path, read.skipped);
    if (Date.now() - readSlice > SLICE_MS) {
      await new Promise((resume) => setImmediate(resume));
      readSlice = Date.now();
    }
  }
  const parse = (path: string) => {
    const text = texts.get(path);
    texts.delete(path);
    // A file the editor opened meanwhile: its text comes from the editor.
    if (text !== undefined && !session.openFiles.has(path)) session.model.setFile(path, text);
    done++;
    const percentage = Math.floor((done / files.length) * 100);
    if (percentage > reported) {
      reported = percentage;
      progress?.report(percentage, `${done}/${files.length} files`);
    }
  };
  const first = files.filter((path) => session.openFiles.has(path) || texts.get(path)?.includes('CustomResourceDefinition'));
  const firstSet = new Set(first);
  for (const path of first) parse(path);
  status(true);
  if (first.some((path) => !session.openFiles.has(path))) onOpenFilesJudgeable();
  let slice = Date.now();
  for (const path of files) {
    if (firstSet.has(path)) continue;
    parse(path);
    if (Date.now() - slice > SLICE_MS) {
      status();
      await new Promise((resume) => setImmediate(resume));
      slice = Date.now();
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

function readingStatus(read: number, total: number): WorkspaceStatus {
  const count = (n: number) => n.toLocaleString('en-US');
  return {
    state: 'reading',
    filesRead: read,
    filesTotal: total,
    message: `RBAC: reading ${count(read)} of ${count(total)} files — open files are checked on their own until every file is read`,
  };
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
