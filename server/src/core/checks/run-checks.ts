import type { RbacDoctorSettings } from '../../protocol/settings';
import { ALL_CHECKS } from './all-checks';
import type { CheckContext } from './check';
import { DOCUMENT_SCOPED, runDocumentScoped } from './document-scoped';
import { isSuppressed } from './suppressions';
import type { Finding } from './types';

/**
 * Runs every enabled check, applies the user's severities and drops suppressed findings. Sorted by place.
 * Document-scoped checks reuse the findings of unchanged documents; the others run over the workspace's index.
 */
export function runChecks(context: CheckContext, settings: Pick<RbacDoctorSettings, 'checks'>): Finding[] {
  const enabled = ALL_CHECKS.filter((check) => settings.checks[check.code] !== 'off');
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
