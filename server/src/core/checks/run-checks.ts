import type { RbacDoctorSettings } from '../../protocol/settings';
import { ALL_CHECKS } from './all-checks';
import type { CheckContext } from './check';
import { isSuppressed } from './suppressions';
import type { Finding } from './types';

/** Runs every enabled check, applies the user's severities and drops suppressed findings. Sorted by place. */
export function runChecks(context: CheckContext, settings: Pick<RbacDoctorSettings, 'checks'>): Finding[] {
  const out: Finding[] = [];
  for (const check of ALL_CHECKS) {
    const override = settings.checks[check.code];
    if (override === 'off') continue;
    for (const finding of check.run(context)) {
      const file = context.model.getFile(finding.file);
      if (file && isSuppressed(finding, file)) continue;
      out.push(override ? { ...finding, severity: override } : finding);
    }
  }
  return out.sort(
    (a, b) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character || a.code.localeCompare(b.code),
  );
}
