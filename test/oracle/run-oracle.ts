import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { helmBinary } from './helm-binary';
import { compareRows, readWithUs, renderWithHelm, type Comparison } from './rbac-rows';

export interface CaseResult { chart: string; variant: string; comparison?: Comparison; helmError?: string; unknownCount: number; helmRows: number }

/** One chart with one set of values files, read by Helm and by us. */
export function runCase(helm: string, chart: string, variant: string, valuesFiles: string[]): CaseResult {
  const rendered = renderWithHelm(helm, chart, valuesFiles);
  const ours = readWithUs(chart, valuesFiles);
  if ('error' in rendered) return { chart, variant, helmError: rendered.error, unknownCount: ours.unknownCount, helmRows: 0 };
  return { chart, variant, comparison: compareRows(rendered, ours), unknownCount: ours.unknownCount, helmRows: rendered.length };
}

/** The chart's own `ci/*.yaml` values files. */
export function ciValues(chart: string): string[] {
  const ci = join(chart, 'ci');
  if (!existsSync(ci)) return [];
  return readdirSync(ci).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(ci, f));
}

/** Writes a values file for a variant into a temporary folder. */
export function valuesFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-oracle-'));
  const path = join(dir, 'values.yaml');
  writeFileSync(path, text);
  return path;
}

// `node out/test/oracle/run-oracle.js CORPUS`: every chart folder under CORPUS (a folder holding Chart.yaml),
// with default values and each ci/*.yaml, compared with helm template. Prints one line per case and the totals.
if (require.main === module) {
  const corpus = process.argv[2];
  if (!corpus) { console.error('usage: node out/test/oracle/run-oracle.js CORPUS_DIR'); process.exit(2); }
  const binary = helmBinary();
  if ('missing' in binary) { console.error(binary.missing); process.exit(2); }
  const charts = readdirSync(corpus).map((d) => join(corpus, d)).filter((d) => statSync(d).isDirectory() && existsSync(join(d, 'Chart.yaml')));
  const totals = { cases: 0, same: 0, helmRows: 0, onlyHelm: 0, onlyOurs: 0, unknown: 0, helmErrors: 0, chartsExact: 0 };
  for (const chart of charts.sort()) {
    let exact = true;
    for (const [variant, files] of [['default', []] as [string, string[]], ...ciValues(chart).map((f) => [`ci/${f.split('/').pop()}`, [f]] as [string, string[]])]) {
      const started = Date.now();
      const result = runCase(binary.path, chart, variant, files);
      totals.cases++;
      if (result.helmError) { totals.helmErrors++; console.log(`${chart} ${variant}: helm refused: ${result.helmError}`); continue; }
      const c = result.comparison!;
      totals.same += c.same; totals.helmRows += result.helmRows; totals.onlyHelm += c.onlyHelm.length; totals.onlyOurs += c.onlyOurs.length; totals.unknown += c.unknown.length;
      if (c.onlyHelm.length || c.onlyOurs.length) exact = false;
      console.log(`${chart.split('/').pop()} ${variant}: ${c.same}/${result.helmRows} rows same, ${c.onlyHelm.length} only in helm, ${c.onlyOurs.length} only ours, ${c.unknown.length} unknown (${Date.now() - started} ms)`);
      if (process.env.ORACLE_VERBOSE) for (const r of [...c.onlyHelm.map((r) => `  helm: ${r}`), ...c.onlyOurs.map((r) => `  ours: ${r}`)]) console.log(r.slice(0, 400));
    }
    if (exact) totals.chartsExact++;
  }
  console.log(JSON.stringify({ charts: charts.length, ...totals }));
}
