import { relative, resolve, sep } from 'path';
import { analyse } from '../../core/analysis';
import { chartReports, describeChartReport } from '../../core/helm/chart/chart-report';
import { describeSummary, foundManifests, readingSummary } from '../../core/model/reading-summary';
import type { SourceFile } from '../../core/model/types';
import type { WorkspaceModel } from '../../core/model/workspace-model';
import type { Finding, Severity } from '../../core/checks/types';
import { DEFAULT_SETTINGS } from '../../protocol/settings';
import { atLeast, formatJson, formatSarif, formatText } from '../format-findings';
import { coloursOf, println, type CliIo } from '../io';
import { boolFlag, flag, parseArgs, UsageError } from '../parse-args';
import { VERSION } from '../errors';
import { CLUSTER_FLAGS, connectFromArgs, NO_BUILTIN_ROLES } from './policy-args';
import type { CommandSpec } from '../help';
import { budgetFromFlag, loadPaths } from './workspace-args';
import { applyHelmFlags, HELM_FLAGS, withCharts } from './helm-args';

const FORMATS = ['text', 'json', 'sarif'];
/** The severities a check's default has (a `hint` comes only from the editor's rbacDoctor.checks setting). */
const SEVERITIES: Severity[] = ['error', 'warning', 'information'];

export const CHECK_COMMAND: CommandSpec = {
  name: 'check',
  summary: 'Find RBAC mistakes in manifests, Helm charts and kustomize trees (the editor\'s findings, for CI)',
  usage: 'check [PATH...] [flags]',
  description: `Check the Kubernetes manifests under each PATH (default: the current directory) for RBAC mistakes,
as the editor does: every YAML file, Helm charts and kustomize trees, judged together (a binding in one
file, its role in another). Prints each finding as FILE:LINE:COLUMN, then what was read and skipped.`,
  flags: [
    { name: 'format', short: 'o', value: true, arg: 'FORMAT', help: `Output format: ${FORMATS.join(', ')} (default text).`, example: '--format sarif > rbac.sarif' },
    { name: 'min-severity', value: true, arg: 'LEVEL', help: `Lowest severity reported: ${SEVERITIES.join(', ')} (default information).`, example: '--min-severity warning' },
    NO_BUILTIN_ROLES,
    ...HELM_FLAGS,
    { name: 'max-file-size', value: true, arg: 'MB', help: 'Largest YAML file read, in megabytes (default 10); larger files are skipped with a notice.', example: '--max-file-size 25' },
    { name: 'allow-empty', value: false, help: 'Nothing to check (no Kubernetes manifest under any PATH) exits 0 with a notice instead of 2 (the pre-commit hook uses it).' },
    ...CLUSTER_FLAGS,
  ],
  examples: [
    ['Check the current directory', 'rbac-doctor check'],
    ['Check two folders together, errors and warnings only', 'rbac-doctor check deploy/ charts/app --min-severity warning'],
    ['SARIF for GitHub code scanning', 'rbac-doctor check . --format sarif > rbac.sarif'],
    ['A Helm chart with the values and release of production', 'rbac-doctor check charts/app --values prod.yaml --release-namespace shop'],
  ],
  exitCodes: '0 no error-level finding, 1 an error-level finding remains, 2 bad usage, a PATH that does not exist, or no Kubernetes manifest under any PATH (see --allow-empty).',
};

/**
 * `rbac-doctor check [PATH...]`: the editor's diagnostics, for CI. Exit 1 when an error-level finding
 * remains, 2 when a path holds no Kubernetes manifests. The summary says what was read and skipped. With a cluster named, its roles, ServiceAccounts and types count as existing, as in the editor.
 */
export async function runCheck(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, CHECK_COMMAND.flags);
  const format = flag(args, 'format') ?? 'text';
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const minimum = (flag(args, 'min-severity') ?? 'information') as Severity;
  if (!SEVERITIES.includes(minimum)) throw new UsageError(`--min-severity must be one of ${SEVERITIES.join(', ')}`);
  const budget = budgetFromFlag(flag(args, 'max-file-size'));
  const allowEmpty = boolFlag(args, 'allow-empty');
  const model = loadPaths(args.positional, io.cwd, { budget, notify: (line) => println(io.stderr, line) });
  applyHelmFlags(model, args, io.cwd);
  const settings = { ...DEFAULT_SETTINGS, builtinRoles: !args.flags.has('no-builtin-roles') };
  const cluster = await connectFromArgs(args, io);
  const analysis = analyse(model, settings, cluster?.snapshot);
  for (const failure of analysis.failedChecks) println(io.stderr, `rbac-doctor: check ${failure.code} stopped (${failure.reason}): its findings are missing`);
  const findings = analysis.findings.filter((f) => atLeast(f.severity, minimum));
  const summary = readingSummary(model.allFiles());
  const charts = chartReports(model);
  const paths = args.positional.length ? args.positional : ['.'];
  const empty = paths.filter((path) => nothingUnder(model, resolve(io.cwd, path), findings));
  // Nothing to check at all is never reported as clean: no "No RBAC problems found", exit 2.
  const nothingChecked = empty.length === paths.length;
  if (format === 'json') println(io.stdout, withCharts(formatJson(findings, summary, io.cwd), charts));
  else if (format === 'sarif') println(io.stdout, formatSarif(findings, io.cwd, VERSION));
  else {
    println(io.stdout, formatText(findings, io.cwd, coloursOf(io), describeSummary(summary), !nothingChecked));
    for (const line of charts.flatMap((c) => describeChartReport(c, (p) => relative(io.cwd, p)))) println(io.stdout, line);
  }
  // A path without manifests is a notice; the other paths are judged as usual. A path where something
  // was found (a chart whose every object was skipped, say) is not one.
  for (const path of empty) {
    const target = resolve(io.cwd, path);
    const chartsHere = charts.filter((c) => isUnder(c.dir, target));
    // Charts were read, but nothing of them could be analysed: the chart report above says why.
    if (chartsHere.length) println(io.stderr, `Nothing analysed in ${path}: its charts render no RBAC object that could be read (see the chart report)`);
    else println(io.stderr, `No Kubernetes manifests found in ${path}`);
  }
  if (nothingChecked) return allowEmpty ? 0 : 2;
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/** No manifest under the path, and no finding in its files. */
function nothingUnder(model: WorkspaceModel, target: string, findings: Finding[]): boolean {
  const files = filesUnder(model, target);
  const paths = new Set(files.map((f) => f.path));
  return !foundManifests(readingSummary(files)) && !findings.some((f) => paths.has(f.file));
}

function filesUnder(model: WorkspaceModel, target: string): SourceFile[] {
  return model.allFiles().filter((f) => isUnder(f.path, target));
}

function isUnder(path: string, target: string): boolean {
  return path === target || path.startsWith(target.endsWith(sep) ? target : target + sep);
}
