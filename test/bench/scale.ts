// Large workspaces: `--generate OUT` writes synthetic ones; `--scale DIR...` reads, indexes and checks
// each in a process of its own (so that peak RSS is that workspace's), then keystrokes in it.
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { cpus, loadavg } from 'os';
import { basename, dirname, join, resolve } from 'path';
import { analyse } from '../../server/src/core/analysis';
import { createWorkspaceModel } from '../../server/src/core/workspace';
import { findYamlFiles } from '../../server/src/node/find-yaml-files';
import { DEFAULT_SETTINGS } from '../../server/src/protocol/settings';
import { syntheticWorkspace, type SyntheticShape } from '../helpers/synthetic-workspace';
import { seconds, thousands, type BenchReport } from './report';

const DESCRIPTION = 'bench-workspace.json';
const KEYSTROKES = 5;
const SHAPES: Record<SyntheticShape, (n: number) => string> = {
  'sa-role-binding': (n) => `${thousands(n)} files of a ServiceAccount + Role + RoleBinding each`,
  'one-object': (n) => `${thousands(n)} one-object files (ServiceAccount, Role, RoleBinding, Deployment, ConfigMap)`,
  pairs: (n) => `one file of ${thousands(n)} Role + RoleBinding pairs`,
};

/** Writes the synthetic workspaces under `out`, one folder each; returns the folders. */
export function generate(out: string, sizes: number[], pairSizes: number[]): string[] {
  const plan: [SyntheticShape, number][] = [
    ...sizes.map((n): [SyntheticShape, number] => ['sa-role-binding', n]),
    ...sizes.map((n): [SyntheticShape, number] => ['one-object', n]),
    ...pairSizes.map((n): [SyntheticShape, number] => ['pairs', n]),
  ];
  const dirs: string[] = [];
  for (const [shape, count] of plan) {
    const dir = resolve(out, `${shape}-${count}`);
    for (const file of syntheticWorkspace(shape, count)) {
      const path = join(dir, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.text);
    }
    writeFileSync(join(dir, DESCRIPTION), JSON.stringify({ shape, count, description: SHAPES[shape](count) }));
    console.log(`generated              ${dir}`);
    dirs.push(dir);
  }
  return dirs;
}

export interface ScaleFigures {
  dir: string;
  description: string;
  files: number;
  mb: number;
  objects: number;
  findings: number;
  readMs: number;
  indexMs: number;
  checksMs: number;
  /** CPU time (user + system) of read, index and checks: what the work costs when the machine is busy with others. */
  cpuMs: number;
  keystrokeP50Ms: number;
  keystrokeCpuP50Ms: number;
  peakRssMb: number;
}

const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** In this process: read every file, build the model and its index, run every check, then type into one file. */
export function scaleOne(dir: string): ScaleFigures {
  const cpu = process.cpuUsage();
  let start = process.hrtime.bigint();
  const files = findYamlFiles([resolve(dir)]).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const readMs = since(start);
  start = process.hrtime.bigint();
  const model = createWorkspaceModel();
  for (const file of files) model.setFile(file.path, file.text);
  const objects = model.index.objects.length;
  const indexMs = since(start);
  start = process.hrtime.bigint();
  const findings = analyse(model, DEFAULT_SETTINGS).findings.length;
  const checksMs = since(start);
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  // Type into a Role's name in the middle of the workspace: fresh findings after each character.
  const target = files[Math.floor(files.length / 2)];
  const at = target.text.indexOf('name: ') + 'name: '.length;
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    const text = `${target.text.slice(0, at)}${'x'.repeat((i % 2) + 1)}${target.text.slice(at)}`;
    const typed = process.hrtime.bigint();
    const typedCpu = process.cpuUsage();
    model.setFile(target.path, text);
    analyse(model, DEFAULT_SETTINGS);
    samples.push(since(typed));
    const spent = process.cpuUsage(typedCpu);
    cpuSamples.push((spent.user + spent.system) / 1000);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const described = join(dir, DESCRIPTION);
  return {
    dir: resolve(dir),
    description: existsSync(described) ? (JSON.parse(readFileSync(described, 'utf8')) as { description: string }).description : basename(dir),
    files: files.length,
    mb: files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0) / 1024 / 1024,
    objects,
    findings,
    readMs,
    indexMs,
    checksMs,
    cpuMs,
    keystrokeP50Ms: median(samples),
    keystrokeCpuP50Ms: median(cpuSamples),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** Each folder in a child process of its own; prints the figures and adds them to the report. */
export function scale(dirs: string[], report: BenchReport): void {
  const load = loadavg()[0].toFixed(1);
  console.log(`scale                  read + index + all checks, then ${KEYSTROKES} keystrokes; each workspace in its own process (load average ${load} on ${cpus().length} cores)`);
  for (const dir of dirs) {
    const child = spawnSync(process.execPath, [__filename, '--scale-one', dir], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    if (child.status !== 0 || !line.startsWith('{')) {
      console.log(`  ${dir}: failed (${child.status}) ${child.stderr.trim().split('\n').slice(-3).join(' ')}`);
      continue;
    }
    const f = JSON.parse(line) as ScaleFigures;
    const total = f.readMs + f.indexMs + f.checksMs;
    console.log(`  ${f.description}`);
    console.log(`    ${thousands(f.files)} files, ${f.mb.toFixed(1)} MB, ${thousands(f.objects)} objects, ${f.findings} findings`);
    console.log(`    read ${seconds(f.readMs)}, index ${seconds(f.indexMs)}, checks ${seconds(f.checksMs)}: total ${seconds(total)} (CPU ${seconds(f.cpuMs)}); keystroke p50 ${f.keystrokeP50Ms.toFixed(0)} ms (CPU ${f.keystrokeCpuP50Ms.toFixed(0)} ms); peak RSS ${f.peakRssMb.toFixed(0)} MB`);
    report.add(`${f.description} (${f.mb.toFixed(1)} MB): read, index, all checks`,
      `${seconds(total)} wall, ${seconds(f.cpuMs)} CPU (read ${seconds(f.readMs)}, index ${seconds(f.indexMs)}, checks ${seconds(f.checksMs)}); keystroke → findings p50 ${f.keystrokeP50Ms.toFixed(0)} ms (CPU ${f.keystrokeCpuP50Ms.toFixed(0)} ms); peak RSS ${f.peakRssMb.toFixed(0)} MB; load average ${load}`);
  }
}
