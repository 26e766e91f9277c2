import { FILE_ROOTS } from '../template/functions/collection-functions';
import type { DefineEntry } from '../template/evaluate';
import { readValues, type ValuesReading } from './lazy-values';
import { parseTemplate, type ParsedTemplate } from '../template/parse-template';
import { defineLazy, isMapValue, mergeValues, UNKNOWN, type Value } from '../template/template-values';
import type { TemplateOptions } from '../../model/template-reader';

/** Release and values settings: `rbacDoctor.helm.*` in the editor, `--values`/`--release-*` in the CLI. */
export type HelmOptions = TemplateOptions;

export const DEFAULT_RELEASE_NAME = 'release';
export const DEFAULT_RELEASE_NAMESPACE = 'default';
/** The Kubernetes version `.Capabilities.KubeVersion` reports (the one the resource catalog describes). */
export const ASSUMED_KUBE_VERSION = 'v1.32.0';

/** What a chart's templates are evaluated against. */
export interface ChartContext {
  dir: string;
  name: string;
  /** The root `.` of a template: Values, Release, Chart, Capabilities, Template. */
  root: { [key: string]: Value };
  defines: Map<string, DefineEntry>;
  valuesFiles: string[];
  /** The text of each values file, for hovers that point at the line a value comes from. */
  valuesTexts: Map<string, string>;
  releaseName: { value: string; fromSettings: boolean };
  releaseNamespace: { value: string; fromSettings: boolean };
  /** Chart.yaml problems (its fields are read as templates use them; the rest is checked when this is asked for). */
  readonly problems: string[];
  /**
   * Syntax errors of the values files. Values are read section by section as templates use them;
   * sections never read are checked by this call (made by reports), not while indexing.
   */
  valuesProblems: () => string[];
  /** A subchart whose dependency `condition` or `tags` the parent's values switch off: Helm renders none of its templates. */
  switchedOff?: boolean;
  /** The values dependency conditions are read with: every subchart's defaults coalesced in (see subchart-values). */
  dependencyValues?: Value;
}

export interface ChartSources {
  dir: string;
  chartYaml: string;
  valuesYaml?: { path: string; text: string };
  /** Files that may hold `define`s: `.tpl` files (parsed once per text, cached by the caller). */
  helpers: { path: string; parsed: ParsedTemplate }[];
}

export type { ValuesReading };

/**
 * Readings of values files kept by the caller across context rebuilds: an edit to a helper or
 * Chart.yaml does not parse the chart's values again (values files are half of a chart's bytes).
 * Values are never mutated by evaluation, so one reading can serve every rebuild of the same text.
 */
export type ValuesCache = Map<string, ValuesReading>;

export function buildChartContext(sources: ChartSources, options: HelmOptions, cache?: ValuesCache): ChartContext {
  // Read like a values file: a field is parsed when a template reads it; the rest is validated for reports.
  const chartReading = readValues(sources.chartYaml, `${sources.dir}/Chart.yaml`);
  const chart = chartReading.value;
  let values: Value = {};
  const valuesFiles: string[] = [];
  const valuesTexts = new Map<string, string>();
  const readings: ValuesReading[] = [];
  for (const file of [...(sources.valuesYaml ? [sources.valuesYaml] : []), ...options.valuesFiles]) {
    const reading = readValuesFile(file, cache);
    readings.push(reading);
    if (isMapValue(reading.value)) values = mergeValues(values, reading.value);
    valuesFiles.push(file.path);
    valuesTexts.set(file.path, file.text);
  }
  const name = isMapValue(chart) && typeof chart.name === 'string' ? chart.name : sources.dir.split(/[\\/]/).pop() ?? 'chart';
  const releaseName = { value: options.releaseName || DEFAULT_RELEASE_NAME, fromSettings: !!options.releaseName };
  const releaseNamespace = { value: options.releaseNamespace || DEFAULT_RELEASE_NAMESPACE, fromSettings: !!options.releaseNamespace };
  const defines = new Map<string, DefineEntry>();
  for (const helper of sources.helpers) {
    for (const define of helper.parsed.defines) defines.set(define.name, { define, text: helper.parsed.text, file: helper.path });
  }
  const [major, minor] = ASSUMED_KUBE_VERSION.slice(1).split('.');
  return {
    dir: sources.dir,
    name,
    defines,
    valuesFiles,
    valuesTexts,
    releaseName,
    releaseNamespace,
    get problems() {
      const problem = chartReading.validate ? chartReading.validate() : chartReading.problem;
      return problem === undefined ? [] : [problem];
    },
    valuesProblems: () => readings.map((r) => (r.validate ? r.validate() : r.problem)).filter((p): p is string => p !== undefined),
    root: {
      Values: values,
      Release: { Name: releaseName.value, Namespace: releaseNamespace.value, Service: 'Helm', IsInstall: true, IsUpgrade: false, Revision: 1 },
      Chart: chartObject(chart, name),
      Capabilities: {
        KubeVersion: { Version: ASSUMED_KUBE_VERSION, GitVersion: ASSUMED_KUBE_VERSION, Major: major, Minor: minor },
        APIVersions: UNKNOWN,
        HelmVersion: UNKNOWN,
      },
      Files: UNKNOWN,
      // Each subchart's own root (`index .Subcharts "x"`): not built here, so unknown rather than a nil that prints as empty text.
      Subcharts: UNKNOWN,
    },
  };
}

/** Chart.yaml's fields as `.Chart` has them: `name` → `Name`, `appVersion` → `AppVersion`. */
function chartObject(chart: Value, name: string): { [key: string]: Value } {
  // `.Chart` is a struct in Helm: its map field reads as an empty map when Chart.yaml has none
  // (`.Chart.Annotations.x` is nil there, not the error a missing values key gives).
  const out: { [key: string]: Value } = { Name: name, Annotations: {} };
  if (!isMapValue(chart)) return out;
  for (const key of Object.keys(chart)) defineLazy(out, key.charAt(0).toUpperCase() + key.slice(1), () => chart[key]);
  return out;
}

export function readValuesFile(file: { path: string; text: string }, cache?: ValuesCache): ValuesReading {
  const cached = cache?.get(file.path);
  if (cached && cached.text === file.text) return cached;
  const reading = readValues(file.text, file.path);
  cache?.set(file.path, reading);
  return reading;
}

/** The `.` of one template file. */
export function templateRoot(context: ChartContext, file: string): Value {
  const relative = file.startsWith(context.dir) ? file.slice(context.dir.length + 1) : file;
  // Made for this file: `set . "flag" …` (vault's helpers) changes this file's dot and nothing shared.
  const root = { ...context.root, Template: { Name: `${context.name}/${relative}`, BasePath: `${context.name}/templates` } };
  FILE_ROOTS.add(root);
  return root;
}

export { parseTemplate };
