import type { Finding } from '../../checks/types';
import type { TextEdit } from '../../edits/types';
import { positionToOffset } from '../../model/positions';
import { firstActionEndingAfter } from '../template/lex-actions';
import type { SourceFile } from '../../model/types';
import type { WorkspaceModel } from '../../model/workspace-model';

/**
 * Checks that conclude something is missing (a role, a ServiceAccount, a binding). In a chart where an
 * object or a subject could not be read, the missing piece may be exactly that one: they stay silent.
 */
const ABSENCE_CODES = new Set(['RBAC009', 'RBAC011', 'RBAC013', 'RBAC015', 'RBAC016', 'RBAC017', 'RBAC024']);

/**
 * Findings in chart templates, made safe: a fix whose edit touches a `{{ … }}` action is not offered
 * (the value lives in values or a helper, not here), and absence checks stay silent in charts that
 * hold unread objects. Plain files pass through unchanged.
 */
export function guardTemplateFindings(findings: Finding[], model: WorkspaceModel): Finding[] {
  const uncertainCharts = new Set<string>();
  for (const file of model.allFiles()) {
    const helm = file.helm;
    if (helm && (helm.skipped.length > 0 || helm.notJudged.some((n) => n.kind.includes('subject')))) uncertainCharts.add(helm.chartDir);
  }
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const finding of findings) {
    const file = model.getFile(finding.file);
    if (!file?.helm) { out.push(finding); continue; }
    if (ABSENCE_CODES.has(finding.code) && uncertainCharts.has(file.helm.chartDir)) continue;
    if (repeated(finding, seen)) continue;
    // RBAC030's fix is the define name written inside the action itself.
    const fixes = finding.code === 'RBAC030' ? finding.fixes : finding.fixes.filter((fix) => fix.edits.every((edit) => !touchesAction(model, edit)));
    out.push(fixes.length === finding.fixes.length ? finding : { ...finding, fixes });
  }
  return out;
}

/**
 * Items a `range` prints are judged once per iteration, all at the template's item: a finding on its
 * literal text (same code, same place, same message or same fix) is the same finding each time, told once.
 */
function repeated(finding: Finding, seen: Set<string>): boolean {
  const { start, end } = finding.range;
  const at = `${finding.code}\u0000${finding.file}\u0000${start.line}:${start.character}-${end.line}:${end.character}`;
  const keys = [`${at}\u0000m${finding.message}`];
  if (finding.fixes.length > 0) keys.push(`${at}\u0000f${JSON.stringify(finding.fixes.map((fix) => fix.edits))}`);
  const known = keys.some((key) => seen.has(key));
  for (const key of keys) seen.add(key);
  return known;
}

/** Whether an edit changes text inside an action of a template (inserting right before or after one is fine). */
export function touchesAction(model: WorkspaceModel, edit: TextEdit): boolean {
  const file = model.getFile(edit.file);
  if (!file?.helm) return false;
  const start = positionToOffset(file.lineStarts, edit.range.start, file.text.length);
  const end = positionToOffset(file.lineStarts, edit.range.end, file.text.length);
  return actionOverlapping(file, start, end) !== undefined;
}

/** The action that overlaps [start, end) (or strictly contains `start` for an insertion). */
export function actionOverlapping(file: SourceFile, start: number, end: number): { start: number; end: number } | undefined {
  const actions = file.helm?.actions ?? [];
  const candidate = actions[firstActionEndingAfter(actions, start)];
  if (!candidate) return undefined;
  if (end === start) return candidate.start < start && start < candidate.end ? candidate : undefined;
  return candidate.start < end ? candidate : undefined;
}
