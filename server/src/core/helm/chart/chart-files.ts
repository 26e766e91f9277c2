import { buildLineStarts } from '../../model/positions';
import type { TemplateReader } from '../../model/template-reader';
import type { SourceFile } from '../../model/types';
import type { WorkspaceModel } from '../../model/workspace-model';
import { buildChartContext, readValuesFile, type ChartContext, type HelmOptions, type ValuesCache } from './chart-context';
import { isMapValue, mergeValues, type Value } from '../template/template-values';
import { ignoredByHelm, parseHelmIgnore, type HelmIgnore } from './helm-ignore';
import { parseTemplate, type ParsedTemplate } from '../template/parse-template';
import { readTemplateFile } from '../read/read-template';
import { coalesceSubchartDefaults, subchartView, type SubchartDefaults } from './subchart-values';
import { PositionedValuesCache } from './values-source';

/** Where a path sits in a chart: `<dir>/Chart.yaml`, `<dir>/values.yaml`, `<dir>/.helmignore`, `<dir>/templates/**`. */
export function chartPlace(path: string): { dir: string; role: 'chart' | 'values' | 'ignore' | 'template' | 'helper' } | undefined {
  const normal = path.replace(/\\/g, '/');
  const slash = normal.lastIndexOf('/');
  const base = normal.slice(slash + 1);
  if (base === 'Chart.yaml') return { dir: path.slice(0, slash), role: 'chart' };
  if (base === '.helmignore') return { dir: path.slice(0, slash), role: 'ignore' };
  if (base === 'values.yaml') return { dir: path.slice(0, slash), role: 'values' };
  const templates = normal.lastIndexOf('/templates/');
  if (templates === -1) return undefined;
  const dir = path.slice(0, templates);
  if (/\.tpl$/i.test(base)) return { dir, role: 'helper' };
  if (/\.ya?ml$/i.test(base)) return { dir, role: 'template' };
  return undefined;
}

/**
 * The charts of a workspace: which files belong to one, the evaluation context of each (rebuilt only
 * when its Chart.yaml, values or helpers change), and the template files to read again when they do.
 */
export class ChartFiles implements TemplateReader {
  private readonly texts = new Map<string, string>();
  private readonly helpers = new Map<string, { text: string; parsed: ParsedTemplate }>();
  private readonly contexts = new Map<string, ChartContext>();
  private options: HelmOptions = { valuesFiles: [] };
  private readonly lastReadings = new Map<string, SourceFile>();
  private readonly valuesReadings: ValuesCache = new Map();
  /** Packaged subcharts (`<chart>/charts/*.tgz`) seen in the workspace; read ones hold a Chart.yaml at `<archive>/Chart.yaml`. */
  private readonly archives = new Set<string>();
  private readFolders: string[] = [];
  /** Values files parsed with positions, only when a template prints rules or subjects from them. */
  readonly positionedValues = new PositionedValuesCache();
  /** Each chart's `.helmignore`, parsed once per text, by chart folder. */
  private readonly ignores = new Map<string, HelmIgnore>();
  /** What `.helmignore` leaves out, by chart folder: computed on use, dropped whenever a chart file changes. */
  private ignoredMemo: Map<string, string[]> | undefined;

  /**
   * Notes a file of a chart. A helper is returned as a file without documents; a template is only
   * remembered ('template': the model reads it with `readTemplate` once its chart is complete).
   */
  note(path: string, text: string): SourceFile | 'template' | undefined {
    const place = chartPlace(path);
    if (!place) return undefined;
    this.texts.set(path, text);
    this.ignoredMemo = undefined;
    if (place.role === 'ignore') this.ignores.set(place.dir, parseHelmIgnore(text));
    if (place.role === 'helper') this.helpers.set(path, { text, parsed: parseTemplate(text) });
    // Helpers and ignore files are never manifests: nothing of them is a document.
    if (place.role === 'helper' || place.role === 'ignore') return { path, text, lineStarts: buildLineStarts(text), documents: [] };
    return place.role === 'template' ? 'template' : undefined;
  }

  /** A template read with its chart's values and helpers (reusing its last reading); undefined when it belongs to no chart. */
  readTemplate(path: string, text: string): SourceFile | undefined {
    const place = chartPlace(path);
    const context = place?.role === 'template' ? this.contextOf(place.dir) : undefined;
    if (!context) return undefined;
    if (this.ignored(path) || context.switchedOff) {
      // Helm never loads it: no document, no define.
      this.lastReadings.delete(path);
      return { path, text, lineStarts: buildLineStarts(text), documents: [] };
    }
    const file = readTemplateFile(path, text, context, this.lastReadings.get(path));
    this.lastReadings.set(path, file);
    return file;
  }

  noteArchive(path: string): void {
    this.archives.add(path);
  }

  /** The packaged subcharts in a chart's `charts/` folder that could not be read (file names). */
  archivesOf(dir: string): string[] {
    return this.archivesIn(dir).filter((name) => !this.isChart(`${dir}/charts/${name}`) && !this.isChart(`${dir}\\charts\\${name}`));
  }

  /** The packaged subcharts read as charts (their files are `<archive>/…`), by archive path. */
  readArchivesOf(dir: string): string[] {
    return this.archivesIn(dir).filter((name) => this.isChart(`${dir}/charts/${name}`) || this.isChart(`${dir}\\charts\\${name}`));
  }

  private archivesIn(dir: string): string[] {
    const out: string[] = [];
    for (const path of this.archives) {
      const match = /^(.*)[\\/]charts[\\/]([^\\/]+)$/.exec(path);
      if (match && match[1] === dir) out.push(match[2]);
    }
    return out.sort();
  }

  remove(path: string): void {
    this.archives.delete(path);
    if (this.texts.delete(path)) this.ignoredMemo = undefined;
    this.lastReadings.delete(path);
    this.helpers.delete(path);
    this.valuesReadings.delete(path);
    this.positionedValues.forget(path);
    const place = chartPlace(path);
    if (place?.role === 'ignore') this.ignores.delete(place.dir);
  }

  /** After `path` changed or went away: the templates whose reading depends on it. */
  dependents(path: string): string[] {
    const place = chartPlace(path);
    const extra = this.options.valuesFiles.some((f) => f.path === path);
    if (!extra && (!place || place.role === 'template')) return [];
    const dirs = place && place.role !== 'template' ? [place.dir] : [...this.chartDirs()];
    // A chart's `.helmignore` also decides for the subcharts Helm loads with it (`charts/<name>/…`), and
    // whether a chart's Chart.yaml is there decides which `.helmignore` its subcharts follow.
    // A chart's values (and Chart.yaml's dependency conditions) are what its subcharts are rendered with.
    if (place?.role === 'ignore' || place?.role === 'chart' || place?.role === 'values') dirs.push(...this.subchartDirs(place.dir));
    // Helpers and Chart.yaml files change the template set of the chart's whole tree (its parents' and subcharts' defines).
    // A subchart's values are defaults its parents read (Helm coalesces them under its name).
    if (place?.role === 'helper' || place?.role === 'chart' || place?.role === 'values') dirs.push(...this.treeOf(place.dir));
    for (const dir of dirs) this.contexts.delete(dir);
    return [...this.texts.keys()].filter((p) => {
      const other = chartPlace(p);
      return other?.role === 'template' && dirs.includes(other.dir);
    });
  }

  /** New release names or values files: every template is read again. */
  setOptions(options: HelmOptions): string[] {
    this.options = options;
    this.contexts.clear();
    for (const path of [...this.valuesReadings.keys()]) {
      if (!this.texts.has(path) && !options.valuesFiles.some((f) => f.path === path)) this.valuesReadings.delete(path);
    }
    return [...this.texts.keys()].filter((p) => chartPlace(p)?.role === 'template');
  }

  /** The context of a chart (undefined when its Chart.yaml is not in the workspace). */
  contextOf(dir: string): ChartContext | undefined {
    const cached = this.contexts.get(dir);
    if (cached) return cached;
    const chartYaml = this.texts.get(`${dir}/Chart.yaml`) ?? this.texts.get(`${dir}\\Chart.yaml`);
    if (chartYaml === undefined) return undefined;
    const valuesPath = [`${dir}/values.yaml`, `${dir}\\values.yaml`].find((p) => this.texts.has(p) && !this.ignored(p));
    const tree = new Set(this.treeOf(dir));
    const helpers = helperOrder([...this.helpers].filter(([p]) => tree.has(chartPlace(p)?.dir ?? '') && !this.ignored(p)));
    // A subchart gets the values its parent passes down (see subchart-values); files meant for the top reach it so.
    const parent = this.parentOf(dir);
    const parentContext = parent === undefined ? undefined : this.contextOf(parent);
    const valuesFiles = this.options.valuesFiles.filter((f) => (parentContext ? inside(f.path, dir) : appliesTo(f.path, dir, this.chartDirs())));
    const context = buildChartContext({
      dir,
      chartYaml,
      valuesYaml: valuesPath ? { path: valuesPath, text: this.texts.get(valuesPath)! } : undefined,
      helpers: helpers.map(([path, h]) => ({ path, parsed: h.parsed })),
    }, { ...this.options, valuesFiles }, this.valuesReadings);
    // The subcharts' defaults join these values under their names, as Helm coalesces them.
    const subcharts: SubchartDefaults[] = this.directSubcharts(dir).map((sub) => ({ name: this.chartName(sub), defaults: this.defaultsOf(sub, 0) }));
    if (subcharts.length > 0) {
      const coalesced = coalesceSubchartDefaults(context.root.Values, context.root.Chart, subcharts);
      context.root.Values = coalesced.values;
      context.dependencyValues = coalesced.dependencyValues;
    }
    if (parentContext) {
      const view = subchartView(context, parentContext);
      context.root.Values = view.values;
      if (!view.enabled) context.switchedOff = true;
    }
    this.contexts.set(dir, context);
    return context;
  }

  /**
   * Whether Helm leaves a file of a chart out: the `.helmignore` of the chart Helm loads it with (the
   * top chart of its tree: a subchart's files are walked, and ignored, as `charts/<name>/…` of its
   * parent) decides, with the path from that chart's folder.
   */
  ignored(path: string): boolean {
    const place = chartPlace(path);
    if (!place || place.role === 'chart' || place.role === 'ignore' || !this.isChart(place.dir)) return false;
    const root = this.rootOf(place.dir);
    return ignoredByHelm(this.ignores.get(root), path.slice(root.length + 1));
  }

  /** Why Helm renders nothing of a template file of the workspace; undefined when it renders it (or it is no template). */
  whyNotRendered(path: string): string | undefined {
    const place = chartPlace(path);
    if (place?.role !== 'template' || !this.isChart(place.dir)) return undefined;
    if (this.ignored(path)) return `the .helmignore of ${folderName(this.rootOf(place.dir))} leaves it out, so Helm never loads it`;
    const parent = this.parentOf(place.dir);
    if (this.contextOf(place.dir)?.switchedOff && parent !== undefined) {
      return `its chart is a dependency of ${folderName(parent)} that the values read switch off (its condition or tags)`;
    }
    return undefined;
  }

  /** Per chart folder, the files of the chart the workspace holds that Helm leaves out (one pass over the files). */
  ignoredFiles(): Map<string, string[]> {
    if (this.ignoredMemo) return this.ignoredMemo;
    const out = new Map<string, string[]>();
    for (const path of this.texts.keys()) {
      if (!this.ignored(path)) continue;
      const dir = chartPlace(path)!.dir;
      out.set(dir, [...(out.get(dir) ?? []), path]);
    }
    this.ignoredMemo = out;
    return out;
  }

  /** The defines of a chart's files that Helm leaves out, by name (the file each is in): calls of them are not judged. */
  ignoredDefines(dir: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const path of this.ignoredFiles().get(dir) ?? []) {
      const place = chartPlace(path);
      if (place?.role !== 'helper' && place?.role !== 'template') continue;
      const parsed = this.helpers.get(path)?.parsed ?? parseTemplate(this.texts.get(path)!);
      for (const define of parsed.defines) if (!out.has(define.name)) out.set(define.name, path);
    }
    return out;
  }

  /**
   * Why Helm cannot load a chart because of the `.helmignore` it is loaded with: a line Helm refuses, or
   * rules that leave out the chart's Chart.yaml. A subchart's own file is not read when its parent is.
   */
  ignoreProblems(dir: string): string[] {
    const root = this.rootOf(dir);
    const ignore = this.ignores.get(root);
    if (!ignore) return [];
    const problems = root === dir ? ignore.problems.map((p) => `.helmignore line ${p.line + 1}: ${p.message}; Helm refuses to load the chart`) : [];
    const chartYaml = root === dir ? 'Chart.yaml' : `${dir.slice(root.length + 1)}/Chart.yaml`;
    if (ignoredByHelm(ignore, chartYaml)) problems.push(`${root === dir ? '' : `the parent chart's `}.helmignore leaves out ${chartYaml}: Helm cannot load the chart`);
    return problems;
  }

  /** The chart folders under a chart's `charts/` folder, at any depth. */
  /** The charts directly in a chart's `charts/` folder that Helm loads (not left out by a .helmignore). */
  private directSubcharts(dir: string): string[] {
    return this.subchartDirs(dir).filter((d) => this.parentOf(d) === dir && !this.ignored(`${d}/Chart.yaml`));
  }

  /** A chart folder's Chart.yaml name (the folder's name without one). */
  private chartName(dir: string): string {
    const chart = readValuesFile({ path: `${dir}/Chart.yaml`, text: this.texts.get(`${dir}/Chart.yaml`) ?? this.texts.get(`${dir}\\Chart.yaml`) ?? '' }, this.valuesReadings).value;
    return isMapValue(chart) && typeof chart.name === 'string' ? chart.name : dir.split(/[\\/]/).pop() ?? '';
  }

  /** A chart's own defaults (its values.yaml), with those of its subcharts under their names. */
  private defaultsOf(dir: string, depth: number): Value {
    const path = [`${dir}/values.yaml`, `${dir}\\values.yaml`].find((p) => this.texts.has(p) && !this.ignored(p));
    const own: Value = path ? (readValuesFile({ path, text: this.texts.get(path)! }, this.valuesReadings).value as Value) : {};
    if (depth > 20) return own;
    const subs = this.directSubcharts(dir).map((sub) => ({ name: this.chartName(sub), defaults: this.defaultsOf(sub, depth + 1) }));
    return subs.length > 0 && isMapValue(own) ? mergeValues(Object.fromEntries(subs.map((s) => [s.name, s.defaults])) as Value, own) : own;
  }

  private subchartDirs(dir: string): string[] {
    return [...this.chartDirs()].filter((d) => d.startsWith(`${dir}/charts/`) || d.startsWith(`${dir}\\charts\\`));
  }

  /** The chart whose `charts/` folder holds `dir`, when that folder is a chart. */
  private parentOf(dir: string): string | undefined {
    const match = /^(.*)[\\/]charts[\\/][^\\/]+$/.exec(dir);
    return match && this.isChart(match[1]) ? match[1] : undefined;
  }

  private isChart(dir: string): boolean {
    return this.texts.has(`${dir}/Chart.yaml`) || this.texts.has(`${dir}\\Chart.yaml`);
  }

  /** The top chart a chart folder is loaded with: up through `<parent>/charts/<name>` while the parent is a chart. */
  private rootOf(dir: string): string {
    let current = dir;
    for (;;) {
      const match = /^(.*)[\\/]charts[\\/][^\\/]+$/.exec(current);
      if (!match || !this.isChart(match[1])) return current;
      current = match[1];
    }
  }

  /**
   * The chart folders rendered as one template set with `dir` (Helm's tree: the top chart, the charts in its
   * `charts/` folder, theirs).
   */
  treeOf(dir: string): string[] {
    const root = this.rootOf(dir);
    return [...this.chartDirs()].filter((d) => this.rootOf(d) === root);
  }

  /** Folders whose every YAML file the model holds (the workspace folders, the CLI's folder arguments). */
  setReadFolders(folders: string[]): void {
    // Without a trailing separator, so that `inside` reads the root folder `/` too.
    this.readFolders = folders.map((folder) => folder.replace(/[\\/]$/, ''));
  }

  /**
   * Whether a folder lies in one that was read whole: then its Chart.yaml would be here if it had one. A
   * chart repository's `charts/` folder (`repo/charts/<name>`) holds top charts, not subcharts of `repo`.
   */
  wasReadWhole(dir: string): boolean {
    return this.readFolders.some((folder) => dir === folder || inside(dir, folder));
  }

  chartDirs(): Set<string> {
    const dirs = new Set<string>();
    for (const path of this.texts.keys()) {
      const place = chartPlace(path);
      if (place?.role === 'chart') dirs.add(place.dir);
    }
    return dirs;
  }
}

/**
 * Helpers in the order Helm parses them, a later define replacing an earlier one of the same name: deepest
 * path first, paths of one depth in reverse order (Helm's engine sorts its templates so). A chart's own
 * helpers therefore win over its subcharts'.
 */
function helperOrder<T>(helpers: [string, T][]): [string, T][] {
  const depth = (p: string) => p.split(/[\\/]/).length;
  return helpers.sort(([a], [b]) => depth(b) - depth(a) || (a < b ? 1 : a > b ? -1 : 0));
}

/** A values file inside a chart's folder is that chart's; one outside every chart applies to all of them. */
function appliesTo(valuesPath: string, dir: string, dirs: Set<string>): boolean {
  if (inside(valuesPath, dir)) return true;
  return ![...dirs].some((d) => inside(valuesPath, d));
}

function inside(path: string, dir: string): boolean {
  return path.startsWith(`${dir}/`) || path.startsWith(`${dir}\\`);
}

/** The last segment of a folder's path, as the chart's folder is called. */
function folderName(dir: string): string {
  return dir.slice(Math.max(dir.lastIndexOf('/'), dir.lastIndexOf('\\')) + 1);
}

const NO_CHARTS = new ChartFiles();

/** The charts of a model whose template reader is Helm's (a model without one has none). */
export function chartFilesOf(model: WorkspaceModel): ChartFiles {
  return model.charts instanceof ChartFiles ? model.charts : NO_CHARTS;
}
