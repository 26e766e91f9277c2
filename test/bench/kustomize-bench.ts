// `npm run bench -- --kustomize-keystroke [DIR]`: a keystroke in each kustomization and patch file of the
// kustomize fixtures (test/fixtures/kustomize by default), with the whole tree's builds and checks redone.
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, resolve } from 'path';
import { analyse } from '../../server/src/core/analysis';
import { createWorkspaceModel } from '../../server/src/core/workspace';
import { findYamlFiles } from '../../server/src/node/find-yaml-files';
import { DEFAULT_SETTINGS } from '../../server/src/protocol/settings';
import type { BenchReport } from './report';

const WARM_UP = 10;
const EDITS = 40;

export function kustomizeKeystrokes(root: string, report: BenchReport): void {
  const all: number[] = [];
  let worst = { file: '', p95: 0 };
  let files = 0;
  for (const tree of trees(resolve(root))) {
    const paths = findYamlFiles([tree]);
    const model = createWorkspaceModel();
    for (const path of paths) model.setFile(path, readFileSync(path, 'utf8'));
    analyse(model, DEFAULT_SETTINGS);
    // Every kustomization, and every file a build reads as a patch (its objects are not objects of their own).
    const kept = new Set(model.index.objects.map((o) => o.doc.file));
    const edited = paths.filter((p) => /(^|\/)kustomization\.ya?ml$/.test(p) || (!kept.has(p) && /patch/i.test(p)));
    for (const path of edited) {
      const original = readFileSync(path, 'utf8');
      const match = /: [A-Za-z0-9./-]+$/m.exec(original);
      if (!match) continue;
      const at = match.index + match[0].length;
      const samples: number[] = [];
      for (let i = 0; i < WARM_UP + EDITS; i++) {
        const text = i % 2 ? original : `${original.slice(0, at)}x${original.slice(at)}`;
        const start = process.hrtime.bigint();
        model.setFile(path, text);
        analyse(model, DEFAULT_SETTINGS);
        if (i >= WARM_UP) samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      model.setFile(path, original);
      files++;
      all.push(...samples);
      const p95 = percentile(samples, 95);
      if (p95 > worst.p95) worst = { file: relative(resolve(root), path), p95 };
    }
  }
  const line = `p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms over ${files} files (worst file p95 ${worst.p95.toFixed(1)} ms: ${worst.file})`;
  console.log(`kustomize keystroke    kustomization and patch files of ${resolve(root)}, ${EDITS} edits each after ${WARM_UP} to warm up`);
  console.log(`  fresh diagnostics    ${line}`);
  report.add('keystroke in a kustomization or patch file → fresh diagnostics (kustomize fixtures)', line);
}

/** Each project or case folder is one workspace, as the oracle reads them. */
function trees(root: string): string[] {
  return ['trees', 'synthetic'].flatMap((group) => {
    const dir = join(root, group);
    try {
      return readdirSync(dir).sort().map((name) => join(dir, name)).filter((p) => statSync(p).isDirectory());
    } catch {
      return [];
    }
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
