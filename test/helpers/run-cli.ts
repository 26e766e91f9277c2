import { spawnSync } from 'child_process';
import { join } from 'path';

export const REPO = join(__dirname, '../../..');
export const CLI = join(REPO, 'bin/rbac-doctor.js');

/** Runs the built CLI as a user would, returning exit code and output. */
export function rbacDoctor(args: string[], options: { cwd?: string; input?: string } = {}): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? REPO, input: options.input ?? '', encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
