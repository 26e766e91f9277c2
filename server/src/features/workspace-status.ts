import { relative } from 'path';
import type { ChartReport } from '../core/helm/chart/chart-report';
import type { BuildNote } from '../core/kustomize/types';
import type { WorkspaceStatus } from '../protocol/custom-messages';

/**
 * The status once every file is read: how many, and what was read only in part (a chart whose RBAC
 * objects were not all analysed, a kustomize build with entries not read), one line each, plus the
 * Helm release names assumed because no setting gives them.
 */
export function readyStatus(total: number, charts: readonly ChartReport[] = [], buildNotes: readonly BuildNote[] = [], root?: string): WorkspaceStatus {
  const path = (p: string) => (root ? relative(root, p) || '.' : p);
  const partial = [...charts.flatMap((c) => partlyRead(c, path)), ...buildLines(buildNotes, path)];
  const assumed = charts.filter((c) => c.release.assumed).map((c) => `chart ${c.name}: release \`${c.release.name}\` in namespace \`${c.release.namespace}\` assumed`);
  return {
    state: 'ready',
    filesRead: total,
    filesTotal: total,
    message: `RBAC: ${total.toLocaleString('en-US')} files read${partial.length ? `; ${partial.length} read in part` : ''}`,
    ...(partial.length ? { partial } : {}),
    ...(assumed.length ? { assumptions: assumed } : {}),
  };
}

function partlyRead(chart: ChartReport, path: (p: string) => string): string[] {
  const total = chart.analysed + chart.skipped.length;
  const missing = [
    chart.skipped.length ? `${chart.analysed} of ${total} RBAC objects analysed` : '',
    chart.notJudged.length ? `${chart.notJudged.length} rule or subject list${chart.notJudged.length === 1 ? '' : 's'} not judged` : '',
    chart.packedNotRead.length ? `packed subcharts not read: ${chart.packedNotRead.join(', ')}` : '',
    chart.missingDependencies.length ? `dependencies not in charts/: ${chart.missingDependencies.join(', ')}` : '',
    chart.problems.length ? `${chart.problems.length} template or values problem${chart.problems.length === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return missing.length ? [`chart ${chart.name} (${path(chart.dir)}): ${missing.join('; ')}`] : [];
}

/** One line per kustomization with entries not read. */
function buildLines(notes: readonly BuildNote[], path: (p: string) => string): string[] {
  const byFile = new Map<string, BuildNote[]>();
  for (const note of notes) byFile.set(note.file, [...(byFile.get(note.file) ?? []), note]);
  return [...byFile].map(([file, list]) => {
    const refused = list.some((n) => n.refused);
    return `kustomize ${path(file)}: ${refused ? 'build refused' : `${list.length} entr${list.length === 1 ? 'y' : 'ies'} not read`} (${list[0].field}${list[0].entry ? ` ${list[0].entry}` : ''}: ${list[0].message})`;
  });
}
