import { promises as fs } from 'fs';
import type { Connection } from 'vscode-languageserver';
import { findYamlFiles, globToRegExp } from '../node/find-yaml-files';
import type { Session } from './session';

/** Reads every YAML file of the workspace folders once, reporting progress for large workspaces. */
export async function indexWorkspace(connection: Connection, session: Session): Promise<number> {
  const files = session.roots.flatMap((root) => {
    try {
      return findYamlFiles([root], session.settings.exclude);
    } catch (error) {
      connection.console.warn(`cannot list ${root}: ${(error as Error).message}`);
      return [];
    }
  });
  const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
  progress?.begin('Kubernetes RBAC: indexing manifests', 0, `${files.length} files`, false);
  let done = 0;
  let reported = 0;
  for (const path of files) {
    if (!session.openFiles.has(path)) {
      try {
        session.model.setFile(path, await fs.readFile(path, 'utf8'));
      } catch (error) {
        connection.console.warn(`cannot read ${path}: ${(error as Error).message}`);
      }
    }
    done++;
    const percentage = Math.floor((done / files.length) * 100);
    if (percentage > reported) {
      reported = percentage;
      progress?.report(percentage, `${done}/${files.length} files`);
    }
  }
  progress?.done();
  return files.length;
}

export function isExcluded(path: string, exclude: string[]): boolean {
  return /(^|[\\/])(node_modules|\.git)([\\/]|$)/.test(path) || exclude.some((glob) => globToRegExp(glob).test(path));
}
