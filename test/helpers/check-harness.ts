import * as assert from 'assert';
import { parseAllDocuments } from 'yaml';
import { checkContext } from '../../server/src/core/analysis';
import type { Check } from '../../server/src/core/checks/check';
import { runChecks } from '../../server/src/core/checks/run-checks';
import type { Finding } from '../../server/src/core/checks/types';
import { applyEdits } from '../../server/src/core/edits/apply-edits';
import type { Fix } from '../../server/src/core/edits/types';
import { WorkspaceModel } from '../../server/src/core/model/workspace-model';
import { createWorkspaceModel } from '../../server/src/core/workspace';

export type Files = Record<string, string>;

export function modelOf(files: Files): WorkspaceModel {
  const model = createWorkspaceModel();
  for (const [path, text] of Object.entries(files)) model.setFile(path, text);
  return model;
}

/** Runs one check over an in-memory workspace. */
export function run(check: Check, files: Files, builtinRoles = true): Finding[] {
  return check.run(checkContext(modelOf(files), { builtinRoles }));
}

/** Runs every check, as the editor and the CLI do (severity settings and suppressions applied). */
export function runAll(files: Files, checks: Record<string, never> | Record<string, 'off' | 'error' | 'warning' | 'information' | 'hint'> = {}): Finding[] {
  return runChecks(checkContext(modelOf(files), { builtinRoles: true }), { checks });
}

/** Compact expectations: `{ code, line, severity }`. */
export function compact(findings: Finding[]): { code: string; line: number; severity: string }[] {
  return findings.map((f) => ({ code: f.code, line: f.range.start.line, severity: f.severity }));
}

export function applyFix(files: Files, fix: Fix): Files {
  const out = { ...files };
  const byFile = new Map<string, Fix['edits']>();
  for (const edit of fix.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, edits] of byFile) out[file] = applyEdits(out[file] ?? '', edits);
  return out;
}

/**
 * The contract of every quick-fix: the result parses as YAML, the finding is gone, and text outside
 * the edits (comments, other documents) is unchanged.
 */
export function assertFixClears(check: Check, files: Files, fixTitle?: RegExp): Files {
  const before = run(check, files);
  assert.ok(before.length > 0, `${check.code} should fire before the fix`);
  const target = before[0];
  const fix = fixTitle ? target.fixes.find((f) => fixTitle.test(f.title)) : target.fixes[0];
  assert.ok(fix, `${check.code} should offer a fix${fixTitle ? ` matching ${fixTitle}` : ''}; got ${JSON.stringify(target.fixes.map((f) => f.title))}`);
  const after = applyFix(files, fix);
  for (const [path, text] of Object.entries(after)) {
    const errors = parseAllDocuments(text).flatMap((d) => ('errors' in d ? d.errors : []));
    assert.deepStrictEqual(errors.map((e) => e.message), [], `${path} must parse after "${fix.title}":\n${text}`);
    for (const comment of (files[path] ?? '').match(/#.*$/gm) ?? []) {
      assert.ok(text.includes(comment), `comment "${comment}" must survive "${fix.title}"`);
    }
  }
  const remaining = run(check, after).filter((f) => f.file === target.file && f.message === target.message);
  assert.deepStrictEqual(remaining.map((f) => f.message), [], `"${fix.title}" must clear the finding:\n${after[target.file]}`);
  return after;
}
