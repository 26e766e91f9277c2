import { existsSync, lstatSync, realpathSync } from 'fs';
import { dirname, join } from 'path';
import { FileChangeType, WatchKind, type Connection, type FileEvent, type FileSystemWatcher } from 'vscode-languageserver';
import { chartPlace } from '../core/helm/chart/chart-files';
import { findYamlFiles } from '../node/find-yaml-files';
import { insideRoots } from '../node/read-manifest';
import type { Session } from './session';
import { uriToPath } from './uri';
import { isExcluded, warnSkipped } from './workspace-indexer';

/** A file the model reads, by its name alone (the same names the editor's changes are taken for); `.helmignore` for charts. */
export const MANIFEST_NAME = /\.ya?ml$|\.tpl$|(^|[\\/])Kustomization$|(^|[\\/])\.helmignore$/i;

/**
 * What the server asks the editor to watch. Manifests by name; and any folder created or deleted:
 * a folder created with its files in one go (a chart unzipped, `cp -r`, `git checkout`) is reported,
 * but its files may not be (inotify watches a new folder only once it has seen it, so files written
 * in between are never reported), and a deleted folder is reported without its files.
 */
export const WATCHERS: FileSystemWatcher[] = [
  { globPattern: '**/*.{yaml,yml,tpl}' },
  { globPattern: '**/Kustomization' },
  { globPattern: '**/.helmignore' },
  { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
];

export interface WatchedFilesHandlers {
  /** Reads a manifest from disk again (or drops it when it is gone or over budget). */
  reload(path: string): Promise<void>;
  /** After a manifest changed: settings that name files (Helm values files) follow. */
  changed(path: string): Promise<void>;
}

/**
 * Applies the editor's file events to the model: manifests one by one, in order; then deleted folders
 * (one pass over the model for the whole batch) and created folders (each read once, the outermost).
 * Disk is the judge: a file under a deleted folder stays if it exists again.
 */
export async function applyFileEvents(connection: Connection, session: Session, changes: FileEvent[], handlers: WatchedFilesHandlers): Promise<void> {
  const seen = new Set<string>();
  const deletedFolders = new Set<string>();
  const createdFolders: string[] = [];
  for (const change of changes) {
    const path = uriToPath(change.uri);
    // The same file matches more than one watcher: one event each.
    if (!path || seen.has(`${change.type}:${path}`) || isExcluded(path, session.settings.exclude)) continue;
    seen.add(`${change.type}:${path}`);
    if (MANIFEST_NAME.test(path)) {
      if (change.type === FileChangeType.Deleted) {
        if (!session.openFiles.has(path)) session.model.removeFile(path);
      } else {
        await handlers.reload(path);
      }
      await handlers.changed(path);
    } else if (change.type === FileChangeType.Deleted) {
      deletedFolders.add(path);
    } else if (change.type === FileChangeType.Created) {
      createdFolders.push(path);
    }
  }
  if (deletedFolders.size > 0) removeDeletedFolders(session, deletedFolders);
  for (const folder of outermost(createdFolders)) {
    for (const file of manifestsInCreatedFolder(connection, session, folder)) {
      await handlers.reload(file);
      await handlers.changed(file);
    }
  }
}

/** Every manifest the model holds under a deleted folder goes with it, unless it is open or back on disk. */
function removeDeletedFolders(session: Session, folders: Set<string>): void {
  for (const file of session.model.allFiles()) {
    if (session.openFiles.has(file.path) || !underOneOf(file.path, folders) || existsSync(file.path)) continue;
    session.model.removeFile(file.path);
  }
}

/** Whether one of a path's parent folders is in the set: a walk up the path, not a scan of the set. */
function underOneOf(path: string, folders: Set<string>): boolean {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (folders.has(dir)) return true;
    if (dirname(dir) === dir) return false;
  }
}

/** The paths not inside another of them (parents first: shorter paths first): a folder created with its subfolders is read once. */
function outermost(paths: string[]): string[] {
  const kept = new Set<string>();
  for (const path of [...new Set(paths)].sort((a, b) => a.length - b.length)) if (!underOneOf(path, kept)) kept.add(path);
  return [...kept];
}

/** The manifests of a newly created folder, found as the first reading of the workspace finds them; none for a plain file. */
function manifestsInCreatedFolder(connection: Connection, session: Session, path: string): string[] {
  try {
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) {
      const target = realpathSync(path);
      if (!insideRoots(target, session.roots)) {
        warnSkipped(connection, path, `a symbolic link to ${target}, outside the workspace`);
        return [];
      }
      if (!lstatSync(target).isDirectory()) return [];
    } else if (!stats.isDirectory()) {
      return [];
    }
    return findYamlFiles([path], session.settings.exclude, { roots: session.roots, onSkip: (p, reason) => warnSkipped(connection, p, reason) });
  } catch {
    // Gone again before it could be read: its own Deleted event follows.
    return [];
  }
}

/**
 * A chart file opened in the editor whose chart the model holds only in part (its files were written
 * into a new folder the watcher missed): the chart's other files are read from disk. Returns the
 * files read; none when the chart is complete or the file is in no chart.
 */
export async function readRestOfChart(connection: Connection, session: Session, opened: string, reload: (path: string) => Promise<void>): Promise<string[]> {
  const place = chartPlace(opened);
  if (!place || !existsSync(join(place.dir, 'Chart.yaml'))) return [];
  let files: string[];
  try {
    files = findYamlFiles([place.dir], session.settings.exclude, { roots: session.roots, onSkip: (p, reason) => warnSkipped(connection, p, reason) });
  } catch {
    return [];
  }
  const missing = files.filter((file) => file !== opened && !session.model.hasFile(file) && !session.openFiles.has(file) && !isExcluded(file, session.settings.exclude));
  for (const file of missing) await reload(file);
  return missing;
}
