import type { RbacDoctorSettings } from '../../protocol/settings';
import type { CheckContext } from '../checks/check';
import { runChecks, type CheckFailure } from '../checks/run-checks';
import type { Finding } from '../checks/types';
import type { ClusterSnapshot } from '../cluster/snapshot';
import type { IndexChange } from '../model/index-update';
import { lookupOf } from '../model/object-lookup';
import type { SourceFile } from '../model/types';
import type { WorkspaceIndex } from '../model/workspace-model';
import { affectedFiles } from './affected-files';
import { restrictedContext } from './restricted-context';

/**
 * Checks whose findings come from the workspace's Helm charts or kustomize builds as a whole (missing
 * defines, templates never rendered, values past a budget, build inputs not read, builds refused, objects no build emits). The edits updated in place never touch a
 * chart or a build, so their findings are kept as they are.
 */
const WHOLE_WORKSPACE = new Set(['RBAC030', 'RBAC031', 'RBAC033', 'RBAC035', 'RBAC036', 'RBAC037']);

/** Findings whose content reads more than the objects beside theirs (see affectedFiles). */
const WIDER = new Set(['RBAC005', 'RBAC009', 'RBAC024']);

/** What findings were computed from; they are updated only while all of it is the same. */
export interface FindingsBasis {
  settings: RbacDoctorSettings;
  cluster?: ClusterSnapshot;
  index: WorkspaceIndex;
  generation: number;
  changesSeen: number;
}

export interface FindingsState extends FindingsBasis {
  /** Every file's findings, sorted; only files with findings. */
  byFile: Map<string, Finding[]>;
  /** The files of `byFile` in the order findings are reported (kept sorted as files come and go). */
  files: string[];
  /** Findings of the whole-workspace checks, by file. */
  wholeWorkspace: Map<string, Finding[]>;
  /** Files whose findings Helm rewrote (templates, values files): never updated in place. */
  helmFiles: Set<string>;
  /** Files with a finding that reads more than its neighbours. */
  wider: Set<string>;
  /** Checks that stopped in the run from scratch: nothing is updated in place after one. */
  failedChecks: CheckFailure[];
}

/** The state of a from-scratch analysis: `raw` as the checks found it, `findings` after Helm's guard and relocation. */
export function findingsState(raw: Finding[], findings: Finding[], basis: FindingsBasis, failedChecks: CheckFailure[]): FindingsState {
  const before = new Set(raw);
  const after = new Set(findings);
  const helmFiles = new Set<string>();
  for (const finding of findings) if (!before.has(finding)) helmFiles.add(finding.file);
  for (const finding of raw) if (!after.has(finding)) helmFiles.add(finding.file);
  const byFile = new Map<string, Finding[]>();
  const wholeWorkspace = new Map<string, Finding[]>();
  const wider = new Set<string>();
  for (const finding of findings) {
    push(byFile, finding.file, finding);
    if (WHOLE_WORKSPACE.has(finding.code)) push(wholeWorkspace, finding.file, finding);
    if (WIDER.has(finding.code)) wider.add(finding.file);
  }
  const state: FindingsState = { ...basis, byFile, files: [...byFile.keys()].sort(byName), wholeWorkspace, helmFiles, wider, failedChecks };
  flattened.set(state, findings);
  return state;
}

const flattened = new WeakMap<FindingsState, Finding[]>();

/** Every finding, in the order reported: gathered on first use only (a keystroke needs the changed files' findings, not all of them). */
export function allFindings(state: FindingsState): Finding[] {
  let findings = flattened.get(state);
  if (!findings) {
    findings = [];
    for (const path of state.files) findings.push(...state.byFile.get(path)!);
    flattened.set(state, findings);
  }
  return findings;
}

/**
 * The findings after in-place edits of the index: the checks run again on the files those edits may
 * affect (with the whole workspace's lookups and policy), every other file keeps its findings.
 * Undefined when that cannot be decided file by file (a Helm file is involved): the caller runs
 * every check.
 */
export function findingsAfterEdits(
  state: FindingsState, context: CheckContext, settings: RbacDoctorSettings, changes: readonly IndexChange[], basis: FindingsBasis,
): FindingsState | undefined {
  if (state.failedChecks.length > 0) return undefined;
  const paths = affectedFiles(changes, lookupOf(context.index), { rbac: state.wider });
  const files: SourceFile[] = [];
  for (const path of paths) {
    if (state.helmFiles.has(path)) return undefined;
    const file = context.model.getFile(path);
    if (file?.helm) return undefined;
    if (file) files.push(file);
  }
  let failed = false;
  const found = runChecks(restrictedContext(context, files), settings, () => (failed = true), WHOLE_WORKSPACE);
  // A check that stopped is said by a run from scratch.
  if (failed) return undefined;
  const fresh = new Map<string, Finding[]>();
  for (const finding of found) {
    // A finding on a file outside the affected ones (a duplicate's other copy) is that file's, and unchanged.
    if (paths.has(finding.file)) push(fresh, finding.file, finding);
  }
  const byFile = new Map(state.byFile);
  const wider = new Set(state.wider);
  let sorted = state.files;
  for (const path of paths) {
    const found = [...(fresh.get(path) ?? []), ...(state.wholeWorkspace.get(path) ?? [])].sort(byPlace);
    if (found.length > 0 !== byFile.has(path)) {
      if (sorted === state.files) sorted = sorted.slice();
      const at = insertionPoint(sorted, path);
      if (found.length > 0) sorted.splice(at, 0, path);
      else sorted.splice(at, 1);
    }
    if (found.length > 0) byFile.set(path, found);
    else byFile.delete(path);
    if (found.some((f) => WIDER.has(f.code))) wider.add(path);
    else wider.delete(path);
  }
  return { ...state, ...basis, byFile, files: sorted, wider };
}

const byName = (a: string, b: string) => a.localeCompare(b);

/** Where a file goes among files sorted by name (binary search). */
function insertionPoint(files: string[], path: string): number {
  let low = 0;
  let high = files.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (byName(files[middle], path) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The order findings are reported in: by file, line, column and code. */
function byPlace(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code);
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
