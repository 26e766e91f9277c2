// `forbidden` at scale: a controller log of N distinct denials over N/10 ServiceAccounts, read, consolidated and
// written by the real CLI (`rbac-doctor forbidden @FILE`, output to /dev/null) in a child process, so that its CPU
// time and peak RSS are its own. Half the input in the same run gives the growth ratio.
import { spawnSync } from 'child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeSync } from 'fs';
import { cpus, loadavg } from 'os';
import { join } from 'path';
import { denialLine } from '../helpers/denial-log';
import { loadRealTexts, scoreRealTexts } from '../helpers/forbidden-real';

function generate(path: string, denials: number, subjects: number): void {
  if (existsSync(path)) return;
  const fd = openSync(path, 'w');
  let chunk: string[] = [];
  for (let i = 0; i < denials; i++) {
    chunk.push(denialLine(i, subjects));
    if (chunk.length === 10_000) {
      writeSync(fd, chunk.join(''));
      chunk = [];
    }
  }
  if (chunk.length) writeSync(fd, chunk.join(''));
  closeSync(fd);
}

/** Runs the CLI in this child; its own CPU time and peak RSS are written to fd 3 when it exits. */
const MEASURE = `
const { writeSync } = require('fs');
process.on('exit', () => {
  const cpu = process.cpuUsage();
  writeSync(3, JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.resourceUsage().maxRSS / 1024, code: process.exitCode ?? 0 }));
});
process.argv = [process.argv[0], 'rbac-doctor', ...process.argv.slice(1)];
require(process.env.RBAC_DOCTOR_CLI);`;

export function forbiddenScaleBench(dir: string, cli: string): void {
  mkdirSync(dir, { recursive: true });
  const empty = join(dir, 'empty');
  mkdirSync(empty, { recursive: true });
  const rows: { denials: number; cpuMs: number; wallMs: number; rssMb: number }[] = [];
  for (const denials of [50_000, 100_000]) {
    const subjects = denials / 10;
    const path = join(dir, `forbidden-${denials}.log`);
    generate(path, denials, subjects);
    const began = Date.now();
    const child = spawnSync(process.execPath, ['-e', MEASURE, 'forbidden', `@${path}`], {
      cwd: empty, env: { ...process.env, RBAC_DOCTOR_CLI: cli }, stdio: ['ignore', 'ignore', 'ignore', 'pipe'], maxBuffer: 1024 * 1024,
    });
    const wallMs = Date.now() - began;
    const result = JSON.parse(String(child.output[3]));
    if (result.code !== 0) throw new Error(`forbidden @${path} exited ${result.code}`);
    rows.push({ denials, cpuMs: result.cpuMs, wallMs, rssMb: result.rssMb });
    const load = loadavg()[0].toFixed(1);
    console.log(`forbidden at scale     ${denials.toLocaleString('en')} denials, ${subjects.toLocaleString('en')} subjects: ${(result.cpuMs / 1000).toFixed(1)} s CPU, ${(wallMs / 1000).toFixed(1)} s wall, peak RSS ${result.rssMb.toFixed(0)} MB, load ${load} on ${cpus().length} cores (target: < 10 s, < 300 MB)`);
  }
  console.log(`forbidden growth       50k → 100k denials: ×${(rows[1].cpuMs / rows[0].cpuMs).toFixed(2)} CPU (linear: ×2)`);
}

/** The 403 reader on the real texts of test/fixtures/forbidden-real: how many it reads exactly. */
export function realTextsFigure(dir: string): void {
  const score = scoreRealTexts(loadRealTexts(dir));
  console.log(`403 real texts         ${score.exact} of ${score.total} read exactly (${((100 * score.exact) / score.total).toFixed(1)}%), look-alikes read as RBAC: ${score.lookalikesAsRbac} of ${score.lookalikes}`);
}
