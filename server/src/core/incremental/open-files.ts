import type { RbacDoctorSettings } from '../../protocol/settings';
import { ALL_CHECKS } from '../checks/all-checks';
import type { CheckContext } from '../checks/check';
import { DOCUMENT_SCOPED, runDocumentScoped } from '../checks/document-scoped';
import { isSuppressed } from '../checks/suppressions';
import type { Finding } from '../checks/types';
import type { SourceFile } from '../model/types';
import { restrictedContext } from './restricted-context';

/**
 * The findings of some files that depend on their own documents and the resource catalog only (the
 * document-scoped checks): what can be said of an open file while the rest of the workspace is still
 * being read, once the workspace's CRDs are in. Findings across files (a binding's missing role, a
 * duplicate) wait for the whole workspace.
 */
export function ownFindings(context: CheckContext, files: SourceFile[], settings: Pick<RbacDoctorSettings, 'checks'>): Map<string, Finding[]> {
  const checks = ALL_CHECKS.filter((check) => DOCUMENT_SCOPED.has(check.code) && settings.checks[check.code] !== 'off');
  const byFile = new Map<string, Finding[]>(files.map((file) => [file.path, []]));
  for (const finding of runDocumentScoped(checks, restrictedContext(context, files))) {
    const file = files.find((f) => f.path === finding.file);
    if (!file || isSuppressed(finding, file)) continue;
    const override = settings.checks[finding.code];
    byFile.get(file.path)!.push(override && override !== 'off' ? { ...finding, severity: override } : finding);
  }
  for (const found of byFile.values()) {
    found.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
  }
  return byFile;
}
