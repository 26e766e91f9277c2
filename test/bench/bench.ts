// `npm run bench -- DIR`: how fast the workspace model and checks are on a corpus of real manifests.
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { parseAllDocuments } from 'yaml';
import { WorkspaceModel } from '../../server/src/core/model/workspace-model';
import { findYamlFiles } from '../../server/src/node/find-yaml-files';

function time<T>(fn: () => T): { ms: number; result: T } {
  const start = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function main(): void {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: npm run bench -- DIR   (e.g. ../shared/corpus/real)');
    process.exit(2);
  }
  const files = findYamlFiles([resolve(dir)]).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const bytes = files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0);
  const mb = bytes / 1024 / 1024;
  const runs = 5;
  const modelTimes: number[] = [];
  const yamlTimes: number[] = [];
  let documents = 0;
  let objects = 0;
  for (let run = 0; run < runs; run++) {
    const model = time(() => {
      const m = new WorkspaceModel();
      for (const f of files) m.setFile(f.path, f.text);
      return m.index;
    });
    modelTimes.push(model.ms);
    objects = model.result.objects.length;
    const baseline = time(() => {
      let count = 0;
      for (const f of files) count += parseAllDocuments(f.text).length;
      return count;
    });
    yamlTimes.push(baseline.ms);
    documents = baseline.result;
  }
  const indexMs = median(modelTimes);
  const yamlMs = median(yamlTimes);
  console.log(`corpus            ${resolve(dir)}`);
  console.log(`files             ${files.length}`);
  console.log(`size              ${mb.toFixed(1)} MB`);
  console.log(`documents         ${documents} (${objects} RBAC-relevant objects)`);
  console.log(`index time        ${indexMs.toFixed(1)} ms (median of ${runs}), ${(mb / (indexMs / 1000)).toFixed(1)} MB/s`);
  console.log(`yaml.parseAllDocuments ${yamlMs.toFixed(1)} ms (median of ${runs}), ${(mb / (yamlMs / 1000)).toFixed(1)} MB/s`);
  console.log(`speed-up         ${(yamlMs / indexMs).toFixed(1)}x faster than parseAllDocuments`);
  console.log(`peak RSS          ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

main();
