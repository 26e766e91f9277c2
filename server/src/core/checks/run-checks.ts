import type { RbacDoctorSettings } from '../../protocol/settings';
import { failureReason } from '../model/not-analysed';
import { ALL_CHECKS } from './all-checks';
import type { Check, CheckContext } from './check';
import { DOCUMENT_SCOPED, runDocumentScoped } from './document-scoped';
import { isSuppressed } from './suppressions';
import type { Finding } from './types';

/** A check that stopped on something unforeseen: its findings are missing, the other checks' are not. */
export interface CheckFailure {
  code: string;
  reason: string;
}

/**
 * Runs every enabled check, applies the user's severities and drops suppressed findings. Sorted by place.
 * Document-scoped checks reuse the findings of unchanged documents; the others run over the workspace's index.
 */
export function runChecks(context: CheckContext, settings: Pick<RbacDoctorSettings, 'checks'>, onFailure: (failure: CheckFailure) => void = () => {}): Finding[] {
  const enabled = ALL_CHECKS.filter((check) => settings.checks[check.code] !== 'off').map((check) => guarded(check, onFailure));
  const raw = [
    ...runDocumentScoped(enabled.filter((check) => DOCUMENT_SCOPED.has(check.code)), context),
    ...enabled.filter((check) => !DOCUMENT_SCOPED.has(check.code)).flatMap((check) => check.run(context)),
  ];
  const out: Finding[] = [];
  for (const finding of raw) {
    const file = context.model.getFile(finding.file);
    if (file && isSuppressed(finding, file)) continue;
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
