import * as assert from 'assert';
import { readdirSync, statSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { analyse } from '../../../server/src/core/analysis';
import type { Finding } from '../../../server/src/core/checks/types';
import { applyEdits } from '../../../server/src/core/edits/apply-edits';
import type { Fix, TextEdit } from '../../../server/src/core/edits/types';
import { buildLineStarts, positionToOffset } from '../../../server/src/core/model/positions';
import { loadWorkspace } from '../../../server/src/node/load-workspace';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';

const REPO = join(__dirname, '../../../..');

/** Every workspace the fixtures and examples hold: each example, each corpus project, each fixture folder of manifests. */
function workspaces(): string[] {
  const folders = (dir: string) => readdirSync(join(REPO, dir)).filter((name) => statSync(join(REPO, dir, name)).isDirectory()).map((name) => join(dir, name));
  return [
    ...folders('examples'),
    ...folders('test/fixtures/corpus'),
    ...folders('test/fixtures/quick-fixes'),
    'test/fixtures/helm-charts', 'test/fixtures/kustomize', 'test/fixtures/shared-roles',
  ];
}

/**
 * New findings a fix brings that are right, each with why: kubectl kustomize itself behaves so.
 * `fix title` → `code of the new finding`.
 */
const EXPECTED_CONSEQUENCES: Record<string, { code: string; why: string }> = {
  // kubectl kustomize (v5.5) renames a ServiceAccount subject with its namePrefix only while the roleRef's
  // Role is not in the build: once the Role exists, RoleBinding p-rb names ns/foo and the build renames the
  // ServiceAccount p-foo, so RBAC013 is right to follow (checked with `kubectl kustomize`).
  'Create Role cr (empty; add its rules)': { code: 'RBAC013', why: 'kustomize keeps the subject name once the Role is in the build' },
};

const key = (f: Finding) => `${f.code} ${f.file} ${f.message}`;
const count = (findings: Finding[], k: string) => findings.filter((f) => key(f) === k).length;

/** The text of each `---`-separated document of a file, with where it starts. */
function documentSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let start = 0;
  for (let at = 0; at < text.length; at = text.indexOf('\n', at) + 1 || text.length) {
    if (at > 0 && text.startsWith('---', at) && /^---(\s|$)/.test(text.slice(at, at + 4))) {
      spans.push({ start, end: at });
      start = at;
    }
  }
  spans.push({ start, end: text.length });
  return spans;
}

/**
 * The documents an edit does not reach must come out byte-identical: each one is found, shifted by the
 * edits before it, in the new text.
 */
function untouchedDocumentsChanged(before: string, after: string, edits: TextEdit[]): string[] {
  const lineStarts = buildLineStarts(before);
  const spans = edits.map((e) => ({
    start: positionToOffset(lineStarts, e.range.start, before.length),
    end: positionToOffset(lineStarts, e.range.end, before.length),
    delta: e.newText.length,
  })).map((s) => ({ ...s, delta: s.delta - (s.end - s.start) }));
  const changed: string[] = [];
  for (const doc of documentSpans(before)) {
    const reached = spans.some((s) => (s.start < doc.end && s.end > doc.start) || (s.start === s.end && s.start > doc.start && s.start < doc.end));
    if (reached) continue;
    const shift = spans.filter((s) => s.end <= doc.start).reduce((sum, s) => sum + s.delta, 0);
    const text = before.slice(doc.start, doc.end);
    if (after.slice(doc.start + shift, doc.start + shift + text.length) !== text) changed.push(text.split('\n').find((l) => /^\s*name:/.test(l))?.trim() ?? text.slice(0, 40));
  }
  return changed;
}

const parseErrors = (text: string) => parseAllDocuments(text).flatMap((d) => ('errors' in d ? d.errors : [])).length;

interface Checked { fixes: number; codes: Set<string>; problems: string[] }

/** Applies every quick-fix of every finding of one workspace, one at a time, and says what each broke. */
function checkWorkspace(folder: string, checked: Checked): void {
  const model = loadWorkspace([join(REPO, folder)]);
  const before = analyse(model, DEFAULT_SETTINGS).findings;
  for (const finding of before) {
    for (const fix of finding.fixes) {
      checked.fixes++;
      checked.codes.add(finding.code);
      const what = `${folder}: ${finding.code} "${fix.title}" (${finding.file.slice(REPO.length + 1)}:${finding.range.start.line + 1})`;
      checked.problems.push(...checkFix(model, before, finding, fix).map((p) => `${what}: ${p}`));
    }
  }
}

function checkFix(model: ReturnType<typeof loadWorkspace>, before: Finding[], finding: Finding, fix: Fix): string[] {
  const problems: string[] = [];
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of fix.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  if (byFile.size === 0) return ['no edit'];
  const originals = new Map<string, string>();
  try {
    for (const [file, edits] of byFile) {
      const source = model.getFile(file);
      if (source === undefined) return [`edits ${file}, which is not in the workspace`];
      const original = source.text;
      originals.set(file, original);
      const after = applyEdits(original, edits);
      // A chart template is not YAML before it renders: the new analysis says whether it still renders and reads.
      if (!source.helm && parseErrors(after) > parseErrors(original)) problems.push(`${file.slice(REPO.length + 1)} no longer parses`);
      const changed = untouchedDocumentsChanged(original, after, edits);
      if (changed.length) problems.push(`documents it does not edit changed: ${changed.join(', ')}`);
      model.setFile(file, after);
    }
    const after = analyse(model, DEFAULT_SETTINGS).findings;
    if (count(after, key(finding)) >= count(before, key(finding))) problems.push(`the finding is still there: ${finding.message}`);
    const loud = (f: Finding) => f.severity === 'error' || f.severity === 'warning';
    const expected = EXPECTED_CONSEQUENCES[fix.title];
    const added = [...new Set(after.filter(loud).filter((f) => f.code !== expected?.code).map(key))].filter((k) => count(after, k) > count(before, k));
    if (added.length) problems.push(`new problems: ${added.map((k) => k.replace(`${REPO}/`, '')).join(' | ')}`);
  } finally {
    for (const [file, text] of originals) model.setFile(file, text);
  }
  return problems;
}

describe('every quick-fix offered on the fixtures and examples', function () {
  this.timeout(240000);
  it('leaves YAML that parses, the other documents byte-identical, its finding gone and no new error or warning', () => {
    const checked: Checked = { fixes: 0, codes: new Set(), problems: [] };
    for (const folder of workspaces()) checkWorkspace(folder, checked);
    assert.deepStrictEqual(checked.problems, []);
    // The fixtures exercise the fixes of these checks at least (test/fixtures/quick-fixes plants them).
    for (const code of ['RBAC001', 'RBAC002', 'RBAC003', 'RBAC004', 'RBAC005', 'RBAC007', 'RBAC008', 'RBAC009', 'RBAC010', 'RBAC011', 'RBAC012', 'RBAC013', 'RBAC015', 'RBAC019', 'RBAC022', 'RBAC023', 'RBAC024']) {
      assert.ok(checked.codes.has(code), `no fix of ${code} was tried`);
    }
    assert.ok(checked.fixes >= 50, `${checked.fixes} fixes tried`);
  });
});
