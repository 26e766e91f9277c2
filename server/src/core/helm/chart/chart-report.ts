import type { SourceFile } from '../../model/types';
import type { WorkspaceModel } from '../../model/workspace-model';
import { offsetToPosition } from '../../model/positions';
import { absentDependencies, missingDefineCalls } from './chart-defines';
import { chartPlace } from './chart-files';
import { chartFilesOf } from './chart-files';

/** What was read, and what was not, in one chart, with the values it was evaluated against. */
export interface ChartReport {
  dir: string;
  name: string;
  /** RBAC objects (Roles, ClusterRoles, bindings, ServiceAccounts) rendered with these values and analysed. */
  analysed: number;
  /** Rendered RBAC objects left out, each with where and why. */
  skipped: ChartNote[];
  /** Rules, subjects or documents printed by actions, or holding unknown values: not judged. */
  notJudged: ChartNote[];
  /** Template syntax problems and unreadable values files. */
  problems: ChartNote[];
  /** Calls of defines no file read has, in a chart whose dependencies are not all in the workspace (RBAC030 not judged). */
  definesNotJudged: ChartNote[];
  /** Files of the chart that its `.helmignore` (or Helm's loader) leaves out: never rendered, so never checked. */
  ignored: string[];
  valuesFiles: string[];
  release: { name: string; namespace: string; assumed: boolean };
  /** Packed subcharts (`charts/*.tgz`) read with the chart, by file name. */
  packed: string[];
  /** Packed subcharts that could not be read: what they render is not analysed. */
  packedNotRead: string[];
  /** Dependencies Chart.yaml declares that are not in `charts/`: what they render is not analysed (Helm refuses to render the chart). */
  missingDependencies: string[];
}

export interface ChartNote {
  file: string;
  line: number;
  what: string;
  reason: string;
}

/** One report per chart of the workspace, in folder order. */
export function chartReports(model: WorkspaceModel): ChartReport[] {
  const reports = new Map<string, ChartReport>();
  const ignored = chartFilesOf(model).ignoredFiles();
  for (const dir of [...chartFilesOf(model).chartDirs()].sort()) {
    const context = chartFilesOf(model).contextOf(dir);
    if (!context) continue;
    reports.set(dir, {
      dir,
      name: context.name,
      analysed: 0,
      skipped: [],
      notJudged: [],
      problems: [
        ...[...context.problems, ...context.valuesProblems()].map((p) => ({ file: dir, line: 0, what: 'values', reason: p })),
        ...chartFilesOf(model).ignoreProblems(dir).map((p) => ({ file: dir, line: 0, what: '.helmignore', reason: p })),
      ],
      definesNotJudged: [],
      ignored: (ignored.get(dir) ?? []).sort(),
      valuesFiles: context.valuesFiles,
      release: { name: context.releaseName.value, namespace: context.releaseNamespace.value, assumed: !context.releaseName.fromSettings || !context.releaseNamespace.fromSettings },
      packed: chartFilesOf(model).readArchivesOf(dir),
      packedNotRead: chartFilesOf(model).archivesOf(dir),
      missingDependencies: absentDependencies(dir, context.root.Chart, chartFilesOf(model).chartDirs(), model),
    });
  }
  const files = model.allFiles().filter((f) => f.helm).sort((a, b) => a.path.localeCompare(b.path));
  for (const file of files) {
    const report = reports.get(file.helm!.chartDir);
    if (!report) continue;
    const note = (offset: number, what: string, reason: string): ChartNote => ({ file: file.path, line: line(file, offset), what, reason });
    report.analysed += file.helm!.analysed.length;
    report.skipped.push(...file.helm!.skipped.map((s) => note(s.offset, s.kind, s.reason)));
    report.notJudged.push(...file.helm!.notJudged.map((n) => note(n.offset, n.kind, n.reason)));
    report.problems.push(...file.helm!.problems.map((p) => note(p.offset, 'template', p.message)));
  }
  // A define no file read has, in a chart whose dependencies are not all here or in a file `.helmignore` leaves out: not judged (RBAC030).
  for (const { tree, file: path, call } of missingDefineCalls(model)) {
    const ignoredIn = tree.ignored.get(call.name);
    const report = tree.unknownBecause || ignoredIn ? reports.get(chartPlace(path)?.dir ?? '') : undefined;
    const file = report && model.getFile(path);
    const reason = ignoredIn
      ? `its define is in ${relativeTo(report?.dir ?? '', ignoredIn)}, which .helmignore leaves out (Helm would not load it)`
      : `no define of that name in the files read, and ${tree.unknownBecause} (the define may be there)`;
    if (file) report.definesNotJudged.push({ file: path, line: line(file, call.start), what: `${call.via} "${call.name}"`, reason });
  }
  return [...reports.values()];
}

function relativeTo(dir: string, path: string): string {
  return path.startsWith(dir) ? path.slice(dir.length + 1).replace(/\\/g, '/') : path;
}

function line(file: SourceFile, offset: number): number {
  return offsetToPosition(file.lineStarts, offset).line;
}

/** `cert-manager: 26 RBAC objects analysed, 0 skipped` and the reasons, for the CLI and the output channel. */
export function describeChartReport(report: ChartReport, relativePath: (path: string) => string): string[] {
  const total = report.analysed + report.skipped.length;
  const lines = [`chart ${report.name} (${relativePath(report.dir) || '.'}): ${report.analysed} of ${total} RBAC objects analysed, ${report.skipped.length} skipped` +
    (report.notJudged.length ? `; ${report.notJudged.length} rule or subject list(s) not judged` : '') +
    (report.ignored.length ? `; ${report.ignored.length} file${report.ignored.length === 1 ? '' : 's'} ignored by .helmignore` : '') +
    ` (release \`${report.release.name}\` in namespace \`${report.release.namespace}\`${report.release.assumed ? ', assumed: set with --release-name/--release-namespace or rbacDoctor.helm.*' : ''})`];
  for (const s of report.skipped) lines.push(`  skipped ${s.what} at ${relativePath(s.file)}:${s.line + 1}: ${s.reason}`);
  for (const n of report.notJudged) lines.push(`  not judged: ${n.what} at ${relativePath(n.file)}:${n.line + 1}: ${n.reason}`);
  for (const d of report.definesNotJudged) lines.push(`  not judged: ${d.what} at ${relativePath(d.file)}:${d.line + 1}: ${d.reason}`);
  if (report.packed.length) lines.push(`  packed subcharts read: ${report.packed.join(', ')}`);
  if (report.packedNotRead.length) lines.push(`  packed subcharts not read (what they render is not analysed): ${report.packedNotRead.join(', ')}`);
  if (report.missingDependencies.length) lines.push(`  dependencies not in charts/ (what they render is not analysed; Helm refuses to render without them): ${report.missingDependencies.join(', ')}`);
  for (const file of report.ignored) lines.push(`  ignored by .helmignore (Helm does not load it): ${relativePath(file)}`);
  for (const p of report.problems) lines.push(`  problem at ${relativePath(p.file)}${p.line ? `:${p.line + 1}` : ''}: ${p.reason}`);
  return lines;
}
