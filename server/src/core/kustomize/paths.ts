/** Path arithmetic on the model's file paths ('/' or '\\' separated, possibly relative). */

export function dirname(path: string): string {
  const index = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return index === -1 ? '.' : path.slice(0, index);
}

export function joinPath(dir: string, relative: string): string {
  return relative.startsWith('/') ? relative : `${dir}/${relative}`;
}

/** Resolves `.` and `..` segments and drops a trailing slash. */
export function normalise(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return (absolute ? '/' : '') + out.join('/');
}

/** A base kustomize fetches over the network (git or http): never read here. */
export function isRemote(entry: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry) || /^git@/.test(entry);
}

/** The folder of `file` as seen from the folder of `from` ('.' when the same), for messages. */
export function relativeFolder(from: string, file: string): string {
  const a = normalise(dirname(from)).split('/');
  const b = normalise(dirname(file)).split('/');
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  const parts = [...a.slice(common).map(() => '..'), ...b.slice(common)];
  return parts.length ? parts.join('/') : '.';
}
