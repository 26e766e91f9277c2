import { relative, resolve, sep } from 'path';
import { analyse } from '../../core/analysis';
import { chartReports, describeChartReport } from '../../core/helm/chart/chart-report';
import { describeSummary, foundManifests, readingSummary } from '../../core/model/reading-summary';
import type { SourceFile } from '../../core/model/types';
import type { WorkspaceModel } from '../../core/model/workspace-model';
import type { Severity } from '../../core/checks/types';
import { DEFAULT_SETTINGS } from '../../protocol/settings';
import { atLeast, formatJson, formatSarif, formatText } from '../format-findings';
import { coloursOf, println, type CliIo } from '../io';
import { flag, parseArgs, UsageError } from '../parse-args';
import { VERSION } from '../errors';
import { CLUSTER_FLAGS, connectFromArgs } from './policy-args';
import { budgetFromFlag, loadPaths } from './workspace-args';
import { applyHelmFlags, HELM_FLAGS, withCharts } from './helm-args';

const FORMATS = ['text', 'json', 'sarif'];
const SEVERITIES: Severity[] = ['error', 'warning', 'information', 'hint'];

/**
 * `rbac-doctor check [PATH...]`: the editor's diagnostics, for CI. Exit 1 when an error-level finding
 * remains, 2 when a path holds no Kubernetes manifests. The summary says what was read and skipped. With a cluster named, its roles, ServiceAccounts and types count as existing, as in the editor.
 */
export async function runCheck(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, [
    { name: 'format', short: 'o', value: true },
    { name: 'min-severity', value: true },
    { name: 'no-builtin-roles', value: false },
    ...HELM_FLAGS,
    { name: 'max-file-size', value: true },
    ...CLUSTER_FLAGS,
  ]);
  const format = flag(args, 'format') ?? 'text';
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const minimum = (flag(args, 'min-severity') ?? 'information') as Severity;
  if (!SEVERITIES.includes(minimum)) throw new UsageError(`--min-severity must be one of ${SEVERITIES.join(', ')}`);
  const budget = budgetFromFlag(flag(args, 'max-file-size'));
  const model = loadPaths(args.positional, io.cwd, { budget, notify: (line) => println(io.stderr, line) });
  applyHelmFlags(model, args, io.cwd);
  const settings = { ...DEFAULT_SETTINGS, builtinRoles: !args.flags.has('no-builtin-roles') };
  const cluster = await connectFromArgs(args, io);
  const analysis = analyse(model, settings, cluster?.snapshot);
  for (const failure of analysis.failedChecks) println(io.stderr, `rbac-doctor: check ${failure.code} stopped (${failure.reason}): its findings are missing`);
  const findings = analysis.findings.filter((f) => atLeast(f.severity, minimum));
  const summary = readingSummary(model.allFiles());
  const charts = chartReports(model);
  if (format === 'json') println(io.stdout, withCharts(formatJson(findings, summary), charts));
  else if (format === 'sarif') println(io.stdout, formatSarif(findings, io.cwd, VERSION));
  else {
    println(io.stdout, formatText(findings, io.cwd, coloursOf(io), describeSummary(summary)));
    for (const line of charts.flatMap((c) => describeChartReport(c, (p) => relative(io.cwd, p)))) println(io.stdout, line);
  }
  // A path without manifests is a wrong path, not a clean one: say so and fail as unreadable input. A
  // path where something was found (a chart whose every object was skipped, say) is not one.
  const empty = (args.positional.length ? args.positional : ['.']).filter((path) => {
    const files = filesUnder(model, resolve(io.cwd, path));
    const paths = new Set(files.map((f) => f.path));
    return !foundManifests(readingSummary(files)) && !findings.some((f) => paths.has(f.file));
  });
  for (const path of empty) {
    const target = resolve(io.cwd, path);
    const chartsHere = charts.filter((c) => isUnder(c.dir, target));
    // Charts were read, but nothing of them could be analysed: the chart report above says why.
    if (chartsHere.length) println(io.stderr, `Nothing analysed in ${path}: its charts render no RBAC object that could be read (see the chart report)`);
    else println(io.stderr, `No Kubernetes manifests found in ${path}`);
  }
  if (empty.length) return 2;
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

function filesUnder(model: WorkspaceModel, target: string): SourceFile[] {
  return model.allFiles().filter((f) => isUnder(f.path, target));
}

function isUnder(path: string, target: string): boolean {
  return path === target || path.startsWith(target.endsWith(sep) ? target : target + sep);
}
