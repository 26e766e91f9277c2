import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';

/**
 * Reads YAML texts the way kubectl does: `kubectl kustomize` over one folder whose kustomization.yaml
 * lists them (offline; kubectl's Go YAML reader, which takes U+0085, U+2028 and U+2029 as line breaks).
 * Without kubectl, Debian's python3-yaml (PyYAML: a YAML 1.1 reader with the same line breaks). Texts
 * are read in batches: kustomize's time grows faster than linearly with the objects of one folder.
 * Each text's objects must have names no other text uses (kustomize refuses duplicate objects).
 */
export type Yaml11Reader = 'kubectl kustomize' | 'python3-yaml';

export function availableReader(): Yaml11Reader | undefined {
  if (spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0) return 'kubectl kustomize';
  if (spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' }).status === 0) return 'python3-yaml';
  return undefined;
}

/** Every object read from all the texts, keyed `Kind/namespace/name`. */
export function readAll(reader: Yaml11Reader, texts: string[], batchSize = 150): Map<string, unknown> {
  const objects = new Map<string, unknown>();
  for (let from = 0; from < texts.length; from += batchSize) {
    for (const object of readBatch(reader, texts.slice(from, from + batchSize))) {
      const o = object as { kind?: string; metadata?: { name?: string; namespace?: string } };
      const key = `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
      if (objects.has(key)) throw new Error(`${reader} read ${key} twice`);
      objects.set(key, object);
    }
  }
  return objects;
}

const PYTHON = 'import json, sys, yaml\nout = []\nfor path in sys.argv[1:]:\n    with open(path, encoding="utf-8") as f:\n        out.extend(d for d in yaml.safe_load_all(f) if d is not None)\nprint(json.dumps(out))';

function readBatch(reader: Yaml11Reader, texts: string[]): unknown[] {
  const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-yaml11-'));
  try {
    const files = texts.map((text, i) => {
      writeFileSync(join(dir, `out-${i}.yaml`), text);
      return `out-${i}.yaml`;
    });
    writeFileSync(join(dir, 'kustomization.yaml'), `resources:\n${files.map((f) => `- ${f}`).join('\n')}\n`);
    const run = reader === 'kubectl kustomize'
      ? spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
      : spawnSync('python3', ['-c', PYTHON, ...files.map((f) => join(dir, f))], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`${reader} refused the batch: ${run.stderr || run.error?.message}`);
    if (reader === 'python3-yaml') return JSON.parse(run.stdout) as unknown[];
    // kustomize writes YAML with everything outside printable text escaped: any reader reads it alike.
    return parseAllDocuments(run.stdout).map((d) => d.toJS() as unknown).filter((o) => o !== null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
