import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import {
  deepDictChart, kustomizeDiamond, largeValuesChart, selfReferencingAliasChart, WILDCARD_ROLE, type Files,
} from '../fuzz/adversarial-inputs';

/**
 * `npm run bench -- --adversarial`: the inputs of the reliability issue, each checked by the CLI in a
 * process of its own beside a plain Role (wall time, peak RSS, exit code, the notes it gave), and the
 * growth ratios the issue asks for: a diamond of depth N against N+2, a values file of S against 2S.
 */
const CASES: Record<string, (root: string) => Files> = {
  'self-referencing alias + toYaml': (root) => selfReferencingAliasChart(root),
  'toYaml of a dict 1,000 deep': (root) => deepDictChart(root),
  'kustomize resources diamond, 20 levels': (root) => kustomizeDiamond(root, 20, 'resources'),
  'kustomize resources diamond, 22 levels': (root) => kustomizeDiamond(root, 22, 'resources'),
  'kustomize components diamond, 16 levels': (root) => kustomizeDiamond(root, 16, 'components'),
  'kustomize components diamond, 24 levels': (root) => kustomizeDiamond(root, 24, 'components'),
  'transforming components diamond, 22 levels': (root) => kustomizeDiamond(root, 22, 'transforming components'),
  'transforming components diamond, 24 levels': (root) => kustomizeDiamond(root, 24, 'transforming components'),
  'values.yaml 100,000 flow entries (3.9 MB)': (root) => largeValuesChart(root, 100_000),
  'values.yaml 200,000 flow entries (7.8 MB)': (root) => largeValuesChart(root, 200_000),
};

const PRINT_RSS = "process.on('exit', () => process.stderr.write(`\\nmaxRSS ${process.resourceUsage().maxRSS}\\n`));";

function runCheck(cli: string, files: Files): { ms: number; rssMb: number; code: number | null; notes: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rbac-bench-adversarial-'));
  try {
    for (const [path, text] of Object.entries({ ...files, 'other/role.yaml': WILDCARD_ROLE })) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const preload = join(dir, 'print-rss.js');
    writeFileSync(preload, PRINT_RSS);
    const began = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ['-r', preload, cli, 'check', '.', '--format', 'json'], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const ms = Number(process.hrtime.bigint() - began) / 1e6;
    const rss = Number(/maxRSS (\d+)/.exec(run.stderr)?.[1] ?? 0) / 1024;
    let notes = '';
    try {
      const findings = (JSON.parse(run.stdout) as { findings?: { code: string }[] }).findings ?? [];
      const counts = new Map<string, number>();
      for (const f of findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
      notes = [...counts].sort().map(([code, n]) => `${code}×${n}`).join(' ');
    } catch {
      notes = run.stdout.slice(0, 80);
    }
    return { ms, rssMb: rss, code: run.status, notes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function adversarialBench(cli: string): void {
  console.log('adversarial inputs, each checked by the CLI in its own process beside a plain Role');
  const results = new Map<string, ReturnType<typeof runCheck>>();
  for (const [name, make] of Object.entries(CASES)) {
    const result = runCheck(cli, make('input'));
    results.set(name, result);
    console.log(`  ${name.padEnd(44)} ${(result.ms / 1000).toFixed(2).padStart(6)} s  ${result.rssMb.toFixed(0).padStart(5)} MB  exit ${result.code}  ${result.notes}`);
  }
  const ratio = (a: string, b: string) => (results.get(b)!.ms / results.get(a)!.ms).toFixed(2);
  console.log(`  growth: resources diamond 20 → 22 levels ×${ratio('kustomize resources diamond, 20 levels', 'kustomize resources diamond, 22 levels')}, transforming components 22 → 24 ×${ratio('transforming components diamond, 22 levels', 'transforming components diamond, 24 levels')} (exponential work: ×4)`);
  console.log(`  growth: values.yaml S → 2S ×${ratio('values.yaml 100,000 flow entries (3.9 MB)', 'values.yaml 200,000 flow entries (7.8 MB)')} (linear: ×2; each includes the CLI's start)`);
}
