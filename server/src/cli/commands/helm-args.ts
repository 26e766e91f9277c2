import { resolve } from 'path';
import { readManifestSync } from '../../node/read-manifest';
import type { ChartReport } from '../../core/helm/chart/chart-report';
import type { WorkspaceModel } from '../../core/model/workspace-model';
import { InputError } from '../errors';
import type { FlagSpec, ParsedArgs } from '../parse-args';

/** Helm's own flag names: `--values`/`-f` is taken by manifests elsewhere, so only the long form. */
export const HELM_FLAGS: FlagSpec[] = [
  { name: 'values', value: true, repeatable: true, arg: 'FILE', help: 'A values file for Helm charts, read after each chart\'s values.yaml (as helm -f).', example: '--values prod-values.yaml' },
  { name: 'release-name', value: true, arg: 'NAME', help: '.Release.Name of chart templates (default: release).', example: '--release-name shop' },
  { name: 'release-namespace', value: true, arg: 'NS', help: '.Release.Namespace of chart templates (default: default).', example: '--release-namespace shop' },
];

/** Extra values files and the release of `--values`, `--release-name`, `--release-namespace`. */
export function applyHelmFlags(model: WorkspaceModel, args: ParsedArgs, cwd: string): void {
  const valuesFiles = (args.flags.get('values') ?? []).map((path) => {
    // The manifest gate: a FIFO, a device or an oversized file is refused at once, never read (or waited on).
    const read = readManifestSync(resolve(cwd, path));
    if ('skipped' in read) throw new InputError(`--values ${path}: not read: ${read.skipped}`);
    return read;
  });
  const releaseName = args.flags.get('release-name')?.at(-1);
  const releaseNamespace = args.flags.get('release-namespace')?.at(-1);
  if (valuesFiles.length || releaseName || releaseNamespace) model.setHelmOptions({ valuesFiles, releaseName, releaseNamespace });
}

/** The JSON output plus `charts` (only when charts were read, so plain runs keep their exact shape). */
export function withCharts(json: string, charts: ChartReport[]): string {
  if (charts.length === 0) return json;
  const parsed = JSON.parse(json) as Record<string, unknown>;
  parsed.charts = charts.map((c) => ({
    dir: c.dir, name: c.name, analysed: c.analysed, skipped: c.skipped, notJudged: c.notJudged, problems: c.problems, definesNotJudged: c.definesNotJudged, ignored: c.ignored,
    valuesFiles: c.valuesFiles, release: c.release,
  }));
  return JSON.stringify(parsed, null, 2);
}
