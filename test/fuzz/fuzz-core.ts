import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, sep } from 'path';
import { analyse } from '../../server/src/core/analysis';
import { applyEdits } from '../../server/src/core/edits/apply-edits';
import type { Fix } from '../../server/src/core/edits/types';
import { buildLineStarts, positionToOffset } from '../../server/src/core/model/positions';
import { splitDocuments } from '../../server/src/core/model/split-documents';
import { WorkspaceModel } from '../../server/src/core/model/workspace-model';
import { createWorkspaceModel } from '../../server/src/core/workspace';
import { DEFAULT_SETTINGS } from '../../server/src/protocol/settings';
import { mutate, type Random } from './mutate';

/** In-memory workspace: path → text. */
export type Files = Record<string, string>;

export const FIXTURES = join(__dirname, '../../../test/fixtures');

/**
 * The real manifests of test/fixtures, one workspace per project folder (corpus/external-dns,
 * helm-charts/sealed-secrets, …). Recorded cluster answers and logs are not manifests.
 */
export function fixtureWorkspaces(root = FIXTURES): { name: string; files: Files }[] {
  const groups = new Map<string, Files>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) visit(path);
      else if (/\.ya?ml$|(^|\/)Kustomization$/.test(entry)) {
        const [top, project] = relative(root, path).split(sep);
        const name = `${top}/${project}`;
        if (!groups.has(name)) groups.set(name, {});
        groups.get(name)![path] = readFileSync(path, 'utf8');
      }
    }
  };
  for (const top of ['corpus', 'helm-charts', 'kustomize']) visit(join(root, top));
  return [...groups].map(([name, files]) => ({ name, files }));
}

export interface FuzzFailure {
  what: string;
  error: string;
  /** The mutated file and the mutations that made it, to replay. */
  file: string;
  mutations: string[];
}

/** Fixes checked per mutant, and fixed workspaces analysed again: enough to exercise every kind of fix. */
const MAX_FIXES = 25;
const MAX_REANALYSED = 5;

/**
 * One fuzz case: a file of the workspace mutated, then the whole workspace checked; every quick-fix
 * offered is applied and must leave the documents it does not touch byte-identical, and the fixed
 * workspace must be checked again without throwing.
 */
export interface FuzzResult {
  failures: FuzzFailure[];
  file: string;
  text: string;
  mutations: string[];
  /** Quick-fixes applied. */
  fixes: number;
}

export function fuzzOnce(workspace: Files, random: Random): FuzzResult {
  const paths = Object.keys(workspace);
  const file = paths[Math.floor(random() * paths.length)];
  const { text, applied } = mutate(workspace[file], random);
  const files = { ...workspace, [file]: text };
  const failures: FuzzFailure[] = [];
  const fail = (what: string, error: unknown) => failures.push({ what, error: (error as Error)?.stack ?? String(error), file, mutations: applied });
  let findings;
  try {
    const analysis = analyse(modelOf(files), DEFAULT_SETTINGS);
    findings = analysis.findings;
    // What the safety net caught is a failure all the same: a file or a check the user loses.
    for (const failure of analysis.failedChecks) fail(`check ${failure.code} threw`, failure.reason);
    for (const finding of findings) if (finding.code === 'RBAC034') fail('a file was not analysed', finding.message);
  } catch (error) {
    fail('check threw', error);
    return { failures, file, text, mutations: applied, fixes: 0 };
  }
  const fixes = findings.flatMap((f) => f.fixes.map((fix) => ({ code: f.code, fix }))).slice(0, MAX_FIXES);
  fixes.forEach(({ code, fix }, index) => {
    let fixed: Files;
    try {
      fixed = applyFix(files, fix);
    } catch (error) {
      fail(`${code} "${fix.title}" could not be applied`, error);
      return;
    }
    const changed = changedUntouchedDocument(files, fixed, fix);
    if (changed) fail(`${code} "${fix.title}" changed a document it does not edit`, changed);
    if (index < MAX_REANALYSED) {
      try {
        analyse(modelOf(fixed), DEFAULT_SETTINGS);
      } catch (error) {
        fail(`check threw after ${code} "${fix.title}"`, error);
      }
    }
  });
  return { failures, file, text, mutations: applied, fixes: fixes.length };
}

function modelOf(files: Files): WorkspaceModel {
  const model = createWorkspaceModel();
  for (const [path, text] of Object.entries(files)) model.setFile(path, text);
  return model;
}

export function applyFix(files: Files, fix: Fix): Files {
  const out = { ...files };
  const byFile = new Map<string, Fix['edits']>();
  for (const edit of fix.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [path, edits] of byFile) out[path] = applyEdits(out[path] ?? '', edits);
  return out;
}

/**
 * A description of the first document that a fix changed without editing it, or undefined. A document
 * is edited when an edit overlaps its text; an insertion at its very start or end belongs to neither.
 */
export function changedUntouchedDocument(before: Files, after: Files, fix: Fix): string | undefined {
  for (const path of new Set(fix.edits.map((e) => e.file))) {
    const original = before[path] ?? '';
    const lineStarts = buildLineStarts(original);
    const edits = fix.edits
      .filter((e) => e.file === path)
      .map((e) => {
        const start = positionToOffset(lineStarts, e.range.start, original.length);
        const end = positionToOffset(lineStarts, e.range.end, original.length);
        return { start, end, delta: e.newText.length - (end - start) };
      });
    for (const span of splitDocuments(original)) {
      if (edits.some((e) => e.start < span.end && e.end > span.start)) continue;
      const shift = edits.filter((e) => e.end <= span.start).reduce((sum, e) => sum + e.delta, 0);
      const text = original.slice(span.start, span.end);
      if (after[path]?.slice(span.start + shift, span.end + shift) !== text) {
        return `${path}: the document at offset ${span.start} (${JSON.stringify(text.slice(0, 60))}…) changed`;
      }
    }
  }
  return undefined;
}
