import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import { checkInfo } from '../core/checks/registry';
import { docsUrl, type Finding, type Severity } from '../core/checks/types';
import { pathToUri } from './uri';

export const DIAGNOSTIC_SOURCE = 'rbac-doctor';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a quick-fix needs, carried on the diagnostic so code actions never read the message. */
export interface DiagnosticData {
  category: Finding['category'];
  fixes: Finding['fixes'];
}

export function findingToDiagnostic(finding: Finding): Diagnostic {
  const info = checkInfo(finding.code);
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.code,
    message: finding.message,
    data: { category: finding.category, fixes: finding.fixes } satisfies DiagnosticData,
  };
  if (info) diagnostic.codeDescription = { href: docsUrl(info) };
  if (finding.category === 'ineffective' && finding.code === 'RBAC008') diagnostic.tags = [DiagnosticTag.Unnecessary];
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri: pathToUri(r.location.file), range: r.location.range },
      message: r.message,
    }));
  }
  return diagnostic;
}
