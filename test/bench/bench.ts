// `npm run bench -- DIR [--hover DIR] [--keystroke FILE]`: speed of the workspace model, the checks,
// a keystroke's fresh diagnostics and hovers, on real manifests. Prints figures; asserts nothing.
import { readFileSync, statSync } from 'fs';
import { dirname, resolve } from 'path';
import { parseAllDocuments } from 'yaml';
import { analyse, checkContext } from '../../server/src/core/analysis';
import { hoverAt } from '../../server/src/core/explain/hover';
import { WorkspaceModel } from '../../server/src/core/model/workspace-model';
import { findYamlFiles } from '../../server/src/node/find-yaml-files';
import { DEFAULT_SETTINGS } from '../../server/src/protocol/settings';

function time<T>(fn: () => T): { ms: number; result: T } {
  const start = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function read(paths: string[]) {
  return findYamlFiles(paths.map((p) => resolve(p))).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

function load(files: { path: string; text: string }[]): WorkspaceModel {
  const model = new WorkspaceModel();
  for (const f of files) model.setFile(f.path, f.text);
  return model;
}

function corpus(dir: string): void {
  const files = read([dir]);
  const mb = files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0) / 1024 / 1024;
  const runs = 5;
  const index: number[] = [];
  const check: number[] = [];
  const baseline: number[] = [];
  let documents = 0;
  let objects = 0;
  let findings = 0;
  for (let run = 0; run < runs; run++) {
    const model = time(() => load(files).index);
    index.push(model.ms);
    objects = model.result.objects.length;
    const checked = time(() => analyse(load(files), DEFAULT_SETTINGS));
    check.push(checked.ms);
    findings = checked.result.findings.length;
    const yaml = time(() => files.reduce((n, f) => n + parseAllDocuments(f.text).length, 0));
    baseline.push(yaml.ms);
    documents = yaml.result;
  }
  const [i, c, y] = [index, check, baseline].map((v) => percentile(v, 50));
  console.log(`corpus                 ${resolve(dir)}`);
  console.log(`files                  ${files.length}`);
  console.log(`size                   ${mb.toFixed(1)} MB`);
  console.log(`documents              ${documents} (${objects} RBAC-relevant objects, ${findings} findings)`);
  console.log(`index time             ${i.toFixed(0)} ms (median of ${runs}), ${(mb / (i / 1000)).toFixed(1)} MB/s`);
  console.log(`index + all checks     ${c.toFixed(0)} ms (median of ${runs}), ${(mb / (c / 1000)).toFixed(1)} MB/s`);
  console.log(`yaml.parseAllDocuments ${y.toFixed(0)} ms (median of ${runs}), ${(mb / (y / 1000)).toFixed(1)} MB/s`);
  console.log(`speed-up               index ${(y / i).toFixed(1)}x, index + checks ${(y / c).toFixed(1)}x faster than parseAllDocuments`);
}

/** Type one character at a time into a document of the file, re-checking the workspace after each. */
function keystrokes(file: string): void {
  const files = read([dirname(file)]);
  const model = load(files);
  analyse(model, DEFAULT_SETTINGS);
  let text = readFileSync(file, 'utf8');
  const anchor = text.indexOf('\nkind: ClusterRole\n');
  const at = text.indexOf('  name: ', anchor) + '  name: '.length;
  const samples: number[] = [];
  for (let i = 0; i < 200; i++) {
    text = `${text.slice(0, at)}${i % 2 ? '' : 'x'}${text.slice(at + (i % 2 ? 1 : 0))}`;
    samples.push(time(() => {
      model.setFile(resolve(file), text);
      return analyse(model, DEFAULT_SETTINGS).findings.length;
    }).ms);
  }
  console.log(`keystroke              ${resolve(file)} (${(statSync(file).size / 1024 / 1024).toFixed(2)} MB), 200 edits`);
  console.log(`  fresh diagnostics    p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms`);
}

/** Hover on every list item and value of every RBAC object of a workspace. */
function hovers(dir: string): void {
  const model = load(read([dir]));
  const context = checkContext(model, DEFAULT_SETTINGS);
  const samples: number[] = [];
  for (const file of model.allFiles()) {
    const lines = file.text.split('\n');
    lines.forEach((line, index) => {
      const character = line.search(/\S/);
      if (character < 0) return;
      const position = { line: index, character: Math.min(line.length - 1, character + (line.trimStart().startsWith('- ') ? 3 : 1)) };
      samples.push(time(() => hoverAt(context, file, position)).ms);
    });
  }
  console.log(`hover                  ${resolve(dir)}: ${samples.length} positions`);
  console.log(`  latency              p50 ${percentile(samples, 50).toFixed(2)} ms, p95 ${percentile(samples, 95).toFixed(2)} ms, max ${Math.max(...samples).toFixed(1)} ms`);
}

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i === -1 ? undefined : args.splice(i, 2)[1];
  };
  const hoverDir = option('--hover');
  const keystrokeFile = option('--keystroke');
  const dir = args[0];
  if (!dir && !hoverDir && !keystrokeFile) {
    console.error('usage: npm run bench -- DIR [--hover DIR] [--keystroke FILE]\n  e.g. npm run bench -- ../shared/corpus/real --hover ../shared/corpus/real/kube-prometheus --keystroke ../shared/corpus/real/argo-cd/install.yaml');
    process.exit(2);
  }
  if (dir) corpus(dir);
  if (keystrokeFile) keystrokes(keystrokeFile);
  if (hoverDir) hovers(hoverDir);
  console.log(`peak RSS               ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

main();
