import { existsSync } from 'fs';
import { relative, resolve } from 'path';
import { loadWorkspace } from '../../node/load-workspace';
import { DEFAULT_TEXT_BUDGET, MEGABYTE, type TextBudget } from '../../core/model/text-budget';
import type { WorkspaceModel } from '../../core/model/workspace-model';
import { InputError } from '../errors';
import { UsageError } from '../parse-args';
import { enclosingChart } from '../../node/enclosing-chart';

export interface LoadPathsOptions {
  budget?: TextBudget;
  /** Where the one-line notice of each file left unread goes (standard error). */
  notify?: (line: string) => void;
}

/**
 * Loads the manifests under the given paths (default `.`), failing with a clear message on a bad path.
 * A file left unread (over the size budget, a FIFO or device, a link out of the workspace) is said.
 */
export function loadPaths(paths: string[], cwd: string, options: LoadPathsOptions = {}): WorkspaceModel {
  const targets = (paths.length ? paths : ['.']).map((p) => resolve(cwd, p));
  for (const target of targets) {
    if (!existsSync(target)) throw new InputError(`${target}: no such file or directory`);
  }
  // A file or folder inside a chart is read with its chart (its values, helpers and subcharts), as Helm renders it.
  const readPaths = [...new Set(targets.map((target) => enclosingChart(target) ?? target))];
  try {
    return loadWorkspace(readPaths, [], {
      budget: options.budget,
      onSkip: (path, reason) => options.notify?.(`rbac-doctor: skipped ${relative(cwd, path) || path}: ${reason}`),
    });
  } catch (error) {
    throw new InputError(`cannot read manifests: ${(error as Error).message}`);
  }
}

/** `--max-file-size 25` (megabytes, decimals allowed) as a text budget; undefined when not given. */
export function budgetFromFlag(value: string | undefined): TextBudget | undefined {
  if (value === undefined) return undefined;
  const megabytes = Number(value);
  if (!Number.isFinite(megabytes) || megabytes <= 0) throw new UsageError(`--max-file-size takes a size in megabytes, not ${JSON.stringify(value)}`);
  return { ...DEFAULT_TEXT_BUDGET, maxFileSize: Math.round(megabytes * MEGABYTE) };
}
