// Helm charts in `npm run bench -- --charts DIR [--chart-keystroke FILE]`: what reading templates costs over plain YAML.
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { parseAllDocuments } from 'yaml';
import { analyse } from '../../server/src/core/analysis';
import { maskTemplate } from '../../server/src/core/helm/read/mask-template';
import { chartReports } from '../../server/src/core/helm/chart/chart-report';
import { WorkspaceModel } from '../../server/src/core/model/workspace-model';
import { createWorkspaceModel } from '../../server/src/core/workspace';
import { findYamlFiles } from '../../server/src/node/find-yaml-files';
import { DEFAULT_SETTINGS } from '../../server/src/protocol/settings';
import { parseTemplate, type TemplateNode } from '../../server/src/core/helm/template/parse-template';
import { ChartFiles, chartPlace } from '../../server/src/core/helm/chart/chart-files';
import { traceTemplateFile } from '../../server/src/core/helm/read/read-template';

type Files = { path: string; text: string }[];

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function load(files: Files): WorkspaceModel {
  const model = createWorkspaceModel();
  for (const f of files) model.setFile(f.path, f.text);
  return model;
}

/** The chart's own files where no chart reading applies (no Chart.yaml beside them): every template is read as plain YAML. */
function asPlainYaml(files: Files): Files {
  return files.map((f) => ({ path: `/plain${f.path}`.replace(/Chart\.yaml$/, 'Chart.txt.yaml'), text: f.text }));
}

/**
 * The documents the chart reading itself parses, as plain YAML: each template as evaluated with the
 * default values (branches as they run, printed values as placeholders of the same length). The same
 * objects at the same offsets, with no template work: what reading templates adds is the difference.
 */
function maskedTwin(files: Files): Files {
  const charts = new ChartFiles();
  for (const f of files) charts.note(f.path, f.text);
  return files.filter((f) => !/\.tpl$/.test(f.path)).map((f) => {
    const place = chartPlace(f.path);
    const context = place?.role === 'template' ? charts.contextOf(place.dir) : undefined;
    const traced = context && traceTemplateFile(f.path, f.text, context);
    const text = traced ? maskTemplate(traced.template, traced.recorder).text : f.text;
    return { path: `/plain${f.path}`.replace(/Chart\.yaml$/, 'Chart.txt.yaml'), text };
  });
}

/**
 * The blanked twin of a chart: each template with its actions blanked (same bytes, same offsets,
 * every action treated as text that did not render), under a path outside any chart.
 */
function plainTwin(files: Files): Files {
  return files.filter((f) => !/\.tpl$/.test(f.path)).map((f) => {
    const template = parseTemplate(f.text);
    const trace = { executed: new Set(allTextNodes(template.nodes)), printed: new Map(), origins: new Map() };
    return { path: `/plain${f.path}`.replace(/Chart\.yaml$/, 'Chart.txt.yaml'), text: maskTemplate(template, trace).text };
  });
}

/** Every text node, in every branch: the twin keeps all the YAML the author wrote. */
function allTextNodes(nodes: TemplateNode[]): TemplateNode[] {
  return nodes.flatMap((node) => {
    if (node.kind === 'text') return [node];
    if (node.kind === 'if' || node.kind === 'with') return [...node.branches.flatMap((b) => allTextNodes(b.body)), ...allTextNodes(node.elseBody ?? [])];
    if (node.kind === 'range') return [...allTextNodes(node.body), ...allTextNodes(node.elseBody ?? [])];
    return [];
  });
}

export function charts(dir: string): void {
  const files = findYamlFiles([resolve(dir)]).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const variants: { name: string; files: Files; what: string }[] = [
    { name: 'index, templates', files, what: 'evaluated with values and helpers' },
    { name: 'index, as plain YAML', files: asPlainYaml(files), what: 'the same files with no chart reading: templates parsed as plain YAML' },
    { name: 'index, masked twin', files: maskedTwin(files), what: 'the documents the chart reading parses (as evaluated, printed values as placeholders), read as plain YAML' },
    { name: 'index, blanked twin', files: plainTwin(files), what: 'the same files with every action blanked and every branch kept, read as plain YAML' },
  ];
  const blanked = variants[3].files;
  // Interleaved after a warm-up, in a rotating order, so that load on the machine and the collector's
  // work left over from the previous variant fall on every variant alike.
  const warmUp = 3;
  const runs = 15;
  const times = variants.map(() => [] as number[]);
  const parseTimes: number[] = [];
  const steps = [...variants.map((v, i) => () => times[i].push(time(() => load(v.files).index))), () => parseTimes.push(time(() => blanked.forEach((f) => parseAllDocuments(f.text))))];
  for (let run = 0; run < warmUp + runs; run++) {
    for (let k = 0; k < steps.length; k++) steps[(run + k) % steps.length]();
    if (run < warmUp) [...times, parseTimes].forEach((list) => list.splice(0));
  }
  const medians = times.map(median);
  const model = load(files);
  const reports = chartReports(model);
  const analysed = reports.reduce((n, r) => n + r.analysed, 0);
  const skipped = reports.reduce((n, r) => n + r.skipped.length, 0);
  const kb = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0) / 1024;
  console.log(`charts                 ${resolve(dir)}: ${reports.length} charts, ${files.length} files, ${kb.toFixed(0)} KB`);
  console.log(`  RBAC objects         ${analysed} analysed, ${skipped} skipped (default values)`);
  variants.forEach((v, i) => {
    const read = load(v.files);
    const unreadable = read.allFiles().reduce((n, f) => n + f.documents.filter((d) => d.error).length, 0);
    console.log(`  ${v.name.padEnd(21)}${medians[i].toFixed(1)} ms (median of ${runs}), ${v.what}: ${read.index.objects.length} objects, ${unreadable} document${unreadable === 1 ? '' : 's'} unreadable`);
  });
  const parsed = median(parseTimes);
  console.log(`  parse, blanked twin  ${parsed.toFixed(1)} ms (median of ${runs}), yaml.parseAllDocuments of every file of the blanked twin, values.yaml included`);
  const chart = medians[0];
  const change = (over: number) => {
    const percent = Math.round(((chart - over) / over) * 100);
    return `${percent >= 0 ? '+' : '−'}${Math.abs(percent)}%`;
  };
  console.log(`  added by templates   ${change(medians[1])} over reading the same files as plain YAML; ${change(medians[2])} over the masked twin, ${change(medians[3])} over the blanked twin, ${change(parsed)} over parsing it`);
  helperEdits(files);
}

/** One edit in each `.tpl` helper, re-indexing after each: the chart's context is rebuilt and its templates read again. */
function helperEdits(files: Files): void {
  const model = load(files);
  void model.index;
  const helpers = files.filter((f) => /\.tpl$/.test(f.path));
  const samples: number[] = [];
  for (let run = 0; run < 9; run++) {
    samples.push(time(() => {
      for (const h of helpers) {
        model.setFile(h.path, run % 2 ? h.text : `${h.text}\n`);
        void model.index;
      }
    }));
  }
  console.log(`  helper edits         ${median(samples).toFixed(1)} ms (median of 9) for one edit in each of ${helpers.length} helper files, re-indexed after each`);
}

/** Types into a literal verb of a chart template, one character at a time, with fresh diagnostics after each. */
export function chartKeystrokes(file: string): void {
  const path = resolve(file);
  const chartDir = path.slice(0, path.lastIndexOf('/templates/'));
  const model = load(findYamlFiles([chartDir]).map((p) => ({ path: p, text: readFileSync(p, 'utf8') })));
  analyse(model, DEFAULT_SETTINGS);
  let text = readFileSync(path, 'utf8');
  const verbs = text.indexOf('verbs:');
  const at = text.indexOf('\n', verbs);
  const samples: number[] = [];
  // 20 edits warm the JIT first (as an editor session is warm); the next 200 are measured.
  for (let i = 0; i < 220; i++) {
    text = `${text.slice(0, at)}${i % 2 ? '' : 'x'}${text.slice(at + (i % 2 ? 1 : 0))}`;
    const ms = time(() => {
      model.setFile(path, text);
      analyse(model, DEFAULT_SETTINGS);
    });
    if (i >= 20) samples.push(ms);
  }
  console.log(`chart keystroke        ${path}, 200 edits after 20 to warm up`);
  console.log(`  fresh diagnostics    p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms`);
}
