import { spawnSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { REPO } from './run-cli';

/**
 * A fresh copy of the repository: the files a clone of this working tree would hold (tracked, or new
 * and not ignored; no node_modules, no build output). With `commit`, it is a git repository with
 * those files committed, as a remote that pre-commit or git can clone.
 */
export function freshCopy(options: { commit?: boolean } = {}): { dir: string; sha?: string } {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files: ${listed.stderr}`);
  const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-clone-'));
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(REPO, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(REPO, file), join(dir, file));
  }
  if (!options.commit) return { dir };
  const git = (...args: string[]) => {
    const result = spawnSync('git', ['-c', 'user.name=rbac-doctor tests', '-c', 'user.email=tests@rbac-doctor.invalid', ...args], { cwd: dir, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    return result.stdout.trim();
  };
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '--no-verify', '-m', 'snapshot');
  return { dir, sha: git('rev-parse', 'HEAD') };
}
