import { relative } from 'path';
import { CHECKS, checkInfo } from '../core/checks/registry';
import { NO_COLOUR, type Palette } from './colour';
import type { ReadingSummary } from '../core/model/reading-summary';
import { CATEGORY_MEANING, docsUrl, type Finding, type Severity } from '../core/checks/types';

export const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'information', 'hint'];

export function atLeast(severity: Severity, minimum: Severity): boolean {
  return SEVERITY_ORDER.indexOf(severity) <= SEVERITY_ORDER.indexOf(minimum);
}

/** `file:line:col severity code message`, like a compiler (1-based lines and columns for humans). */
export function formatText(findings: Finding[], cwd: string, colour: Palette = NO_COLOUR, summary?: string, checked = true): string {
  const severityColour: Record<Severity, (text: string) => string> = { error: colour.red, warning: colour.yellow, information: colour.cyan, hint: colour.dim };
  const lines = findings.map((f) => {
    const line = `${colour.bold(textPosition(f, cwd))} ${severityColour[f.severity](f.severity)} ${colour.dim(f.code)} ${f.message}`;
    const fix = f.fixes.find((x) => x.isPreferred) ?? f.fixes[0];
    return fix ? `${line}\n    ${colour.green('fix:')} ${fix.title}` : line;
  });
  const counts = SEVERITY_ORDER.map((s) => [s, findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  // "No problems" only where something was checked: silence is not clean.
  if (counts.length > 0 || checked) lines.push(counts.length === 0 ? 'No RBAC problems found.' : counts.map(([s, n]) => `${n} ${s}${n === 1 || s === 'information' ? '' : 's'}`).join(', '));
  if (summary) lines.push(colour.dim(summary));
  return lines.join('\n');
}

/** `deploy/rbac.yaml:12:5`: relative to the working directory, 1-based line and column, as compilers print. */
export function textPosition(finding: Finding, cwd: string): string {
  return `${relative(cwd, finding.file) || finding.file}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
}

/**
 * The JSON contract: findings with their absolute `file` and 0-based LSP `range`, plus (additive)
 * `location`, the text output's `FILE:LINE:COLUMN` (relative, 1-based), and what was read and skipped.
 */
export function formatJson(findings: Finding[], summary?: ReadingSummary, cwd?: string): string {
  return JSON.stringify(
    {
      ...(summary ? { summary } : {}),
      findings: findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        category: f.category,
        message: f.message,
        file: f.file,
        range: f.range,
        ...(cwd !== undefined ? { location: textPosition(f, cwd) } : {}),
        fixes: f.fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map((e) => ({ file: e.file, range: e.range, newText: e.newText })) })),
      })),
    },
    null,
    2,
  );
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0 for code-scanning services (1-based lines and columns). */
export function formatSarif(findings: Finding[], cwd: string, version: string): string {
  const uri = (file: string) => relative(cwd, file).split('\\').join('/') || file;
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'rbac-doctor',
              version,
              informationUri: 'https://github.com/rbac-doctor/rbac-doctor',
              rules: CHECKS.map((c) => ({
                id: c.code,
                name: c.name,
                shortDescription: { text: c.title },
                fullDescription: { text: `${c.title}. ${CATEGORY_MEANING[c.category]} Wrong and right examples, and the fix: ${docsUrl(c)}` },
                helpUri: docsUrl(c),
                defaultConfiguration: { level: SARIF_LEVEL[c.defaultSeverity] },
                properties: { category: c.category },
              })),
            },
          },
          results: findings.map((f) => ({
            ruleId: f.code,
            ruleIndex: CHECKS.findIndex((c) => c.code === f.code),
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: uri(f.file) },
                  region: {
                    startLine: f.range.start.line + 1,
                    startColumn: f.range.start.character + 1,
                    endLine: f.range.end.line + 1,
                    endColumn: f.range.end.character + 1,
                  },
                },
              },
            ],
            properties: { category: f.category, docs: checkInfo(f.code) ? docsUrl(checkInfo(f.code)!) : undefined },
          })),
        },
      ],
    },
    null,
    2,
  );
}
