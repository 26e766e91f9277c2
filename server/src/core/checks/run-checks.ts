import type { RbacDoctorSettings } from '../../protocol/settings';
import { failureReason } from '../model/not-analysed';
import { ALL_CHECKS } from './all-checks';
import type { Check, CheckContext } from './check';
import { DOCUMENT_SCOPED, runDocumentScoped } from './document-scoped';
import { isSuppressed } from './suppressions';
import type { TextEdit } from '../edits/types';
import { positionToOffset } from '../model/positions';
import type { SourceFile } from '../model/types';
import type { Finding } from './types';

/** A check that stopped on something unforeseen: its findings are missing, the other checks' are not. */
export interface CheckFailure {
  code: string;
  reason: string;
}

/**
 * Runs every enabled check, applies the user's severities and drops suppressed findings. Sorted by place.
 * Document-scoped checks reuse the findings of unchanged documents; the others run over the workspace's index.
 * `except` names checks not to run (an update in place keeps their findings).
 */
export function runChecks(
  context: CheckContext, settings: Pick<RbacDoctorSettings, 'checks'>, onFailure: (failure: CheckFailure) => void = () => {}, except: ReadonlySet<string> = new Set(),
): Finding[] {
  const enabled = ALL_CHECKS.filter((check) => settings.checks[check.code] !== 'off' && !except.has(check.code)).map((check) => guarded(check, onFailure));
  const raw = [
    ...runDocumentScoped(enabled.filter((check) => DOCUMENT_SCOPED.has(check.code)), context),
    ...enabled.filter((check) => !DOCUMENT_SCOPED.has(check.code)).flatMap((check) => check.run(context)),
  ];
  const out: Finding[] = [];
  const bounds = patchValueBounds(context);
  for (const found of raw) {
    const file = context.model.getFile(found.file);
    if (file && isSuppressed(found, file)) continue;
    const finding = file ? keepFixesInPatchValue(found, file, bounds.get(found.file)) : found;
    const override = settings.checks[finding.code];
    out.push(override && override !== 'off' ? { ...finding, severity: override } : finding);
  }
  return out.sort(
    (a, b) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character || a.code.localeCompare(b.code),
  );
}

/** The check, with a failure caught and told instead of ending every other check's run. */
function guarded(check: Check, onFailure: (failure: CheckFailure) => void): Check {
  return {
    ...check,
    run(context) {
      try {
        return check.run(context);
      } catch (error) {
        onFailure({ code: check.code, reason: failureReason(error) });
        return [];
      }
    },
  };
}

/** The values of JSON 6902 operations whose rules are judged in place: a fix edits inside one, never the operation around it. */
function patchValueBounds(context: CheckContext): Map<string, [number, number][]> {
  const out = new Map<string, [number, number][]>();
  for (const views of context.index.kustomizePatchedRoles.values()) {
    for (const view of views) {
      if (!view.within) continue;
      const list = out.get(view.role.doc.file);
      if (list) list.push(view.within);
      else out.set(view.role.doc.file, [view.within]);
    }
  }
  return out;
}

function keepFixesInPatchValue(finding: Finding, file: SourceFile, bounds: [number, number][] | undefined): Finding {
  if (!bounds || finding.fixes.length === 0) return finding;
  const at = positionToOffset(file.lineStarts, finding.range.start, file.text.length);
  const bound = bounds.find(([start, end]) => at >= start && at < end);
  if (!bound) return finding;
  const inside = (edit: TextEdit) => edit.file === file.path
    && positionToOffset(file.lineStarts, edit.range.start, file.text.length) >= bound[0]
    && positionToOffset(file.lineStarts, edit.range.end, file.text.length) <= bound[1];
  return { ...finding, fixes: finding.fixes.filter((fix) => fix.edits.every(inside)) };
}
