import { closeSync, constants, fstatSync, lstatSync, openSync, promises as fsp, readSync, realpathSync, statSync, type Stats } from 'fs';
import { sep } from 'path';
import { DEFAULT_TEXT_BUDGET, fileSizeOverBudget, textOverBudget, type TextBudget } from '../core/model/text-budget';

/**
 * The one gate every manifest read from disk passes, in the CLI and in the language server alike:
 * only regular files are opened (a FIFO would block the read, a device never ends), a symbolic link
 * is followed only to a regular file inside the workspace, and a file over the text budget is not
 * parsed. Whatever is refused comes back as a one-line reason, to be said to the user.
 */
export interface ReadLimits {
  budget: TextBudget;
  /** The workspace: symbolic links are followed only to files inside these folders (or named files). */
  roots: string[];
}

export type ManifestRead = { path: string; text: string } | { path: string; skipped: string };

export const DEFAULT_READ_LIMITS: ReadLimits = { budget: DEFAULT_TEXT_BUDGET, roots: [] };

/** What kind of thing a path is, in words, when it is not a regular file or directory. */
export function describeSpecial(stats: Stats): string | undefined {
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  if (!stats.isFile() && !stats.isDirectory()) return 'not a regular file';
  return undefined;
}

/** Whether `path` (already resolved) lies inside one of the roots; no roots means no restriction. */
export function insideRoots(path: string, roots: string[]): boolean {
  if (roots.length === 0) return true;
  return roots.some((root) => {
    const real = realRoot(root);
    return path === real || path.startsWith(real.endsWith(sep) ? real : real + sep);
  });
}

function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return root;
  }
}

/**
 * Why a path must not be read, from its metadata alone (nothing is opened): a link leading out of the
 * workspace, something other than a regular file, or a file over the size limit.
 */
export function refusal(path: string, limits: ReadLimits): string | undefined {
  let stats: Stats;
  try {
    stats = lstatSync(path);
    if (stats.isSymbolicLink()) {
      const target = realpathSync(path);
      if (!insideRoots(target, limits.roots)) return `a symbolic link to ${target}, outside the workspace`;
      stats = statSync(path);
    }
  } catch (error) {
    return `cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  const special = describeSpecial(stats);
  if (special) return special;
  if (stats.isDirectory()) return 'a directory';
  return fileSizeOverBudget(stats.size, limits.budget);
}

/** Reads one manifest, or says why it was not read. */
export function readManifestSync(path: string, limits: ReadLimits = DEFAULT_READ_LIMITS): ManifestRead {
  const refused = refusal(path, limits);
  if (refused) return { path, skipped: refused };
  let fd: number;
  try {
    // Non-blocking: if the path became a FIFO since it was looked at, opening it still returns at once.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { path, skipped: `cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  try {
    const stats = fstatSync(fd);
    const changed = describeSpecial(stats) ?? fileSizeOverBudget(stats.size, limits.budget);
    if (changed) return { path, skipped: changed };
    const buffer = Buffer.alloc(stats.size);
    let filled = 0;
    while (filled < buffer.length) {
      const read = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return withinBudget(path, buffer.toString('utf8', 0, filled), limits.budget);
  } finally {
    closeSync(fd);
  }
}

/** The same, without blocking the language server's event loop on the read itself. */
export async function readManifest(path: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<ManifestRead> {
  const refused = refusal(path, limits);
  if (refused) return { path, skipped: refused };
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { path, skipped: `cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  try {
    const stats = await handle.stat();
    const changed = describeSpecial(stats) ?? fileSizeOverBudget(stats.size, limits.budget);
    if (changed) return { path, skipped: changed };
    return withinBudget(path, await handle.readFile('utf8'), limits.budget);
  } finally {
    await handle.close();
  }
}

function withinBudget(path: string, text: string, budget: TextBudget): ManifestRead {
  const over = textOverBudget(text, budget);
  return over ? { path, skipped: over } : { path, text };
}

/**
 * A file a workspace setting names (`rbacDoctor.helm.valuesFiles`): read only when it lies inside the
 * workspace (after following every link: a cloned repository's settings must not reach other files) and
 * then through the manifest gate. Without a workspace folder, nothing is.
 */
export async function readSettingFile(path: string, limits: ReadLimits): Promise<ManifestRead> {
  if (limits.roots.length === 0) return { path, skipped: 'no workspace folder is open, and a setting may only name files inside one' };
  let real: string;
  try {
    real = realpathSync(path);
  } catch (error) {
    return { path, skipped: `cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  if (!insideRoots(real, limits.roots)) return { path, skipped: 'outside the workspace: a setting may only name files inside it' };
  return readManifest(path, limits);
}
