import { spawn, spawnSync } from 'child_process';
import { join } from 'path';

export const REPO = join(__dirname, '../../..');
export const CLI = join(REPO, 'bin/rbac-doctor.js');

/** Runs the built CLI as a user would, returning exit code and output. */
export function rbacDoctor(args: string[], options: { cwd?: string; input?: string } = {}): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? REPO, input: options.input ?? '', encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The same, without blocking this process: for tests whose server (a stand-in cluster) runs in it. */
export function rbacDoctorAsync(args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? REPO, env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
