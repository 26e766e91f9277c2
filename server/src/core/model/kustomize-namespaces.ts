import type { KustomizationObject } from './types';

/**
 * The namespace kustomize will give each file's objects: an outer kustomization's `namespace:` wins
 * over an inner one, as kustomize applies the outer transformer last. A file reached from several
 * root kustomizations with different namespaces gets none (we cannot know which build is applied).
 */
export function kustomizeNamespaces(
  kustomizations: KustomizationObject[],
  fileExists: (path: string) => boolean,
): Map<string, string> {
  const byDir = new Map<string, KustomizationObject>();
  for (const k of kustomizations) byDir.set(dirname(k.doc.file), k);

  const referenced = new Set<KustomizationObject>();
  const children = new Map<KustomizationObject, { files: string[]; kids: KustomizationObject[] }>();
  for (const k of kustomizations) {
    const dir = dirname(k.doc.file);
    const files: string[] = [];
    const kids: KustomizationObject[] = [];
    for (const resource of k.resources) {
      if (/^[a-z]+:\/\//i.test(resource) || resource.startsWith('github.com/')) continue;
      const target = normalise(join(dir, resource));
      const child = byDir.get(target);
      if (child && child !== k) {
        kids.push(child);
        referenced.add(child);
      } else if (fileExists(target)) files.push(target);
    }
    children.set(k, { files, kids });
  }

  const result = new Map<string, Set<string | undefined>>();
  const visit = (k: KustomizationObject, inherited: string | undefined, seen: Set<KustomizationObject>) => {
    if (seen.has(k)) return;
    seen.add(k);
    const namespace = inherited ?? k.setNamespace;
    const node = children.get(k);
    if (!node) return;
    for (const file of node.files) {
      const set = result.get(file) ?? new Set();
      set.add(namespace);
      result.set(file, set);
    }
    for (const kid of node.kids) visit(kid, namespace, seen);
    seen.delete(k);
  };
  for (const k of kustomizations) if (!referenced.has(k)) visit(k, undefined, new Set());

  const out = new Map<string, string>();
  for (const [file, namespaces] of result) {
    if (namespaces.size === 1) {
      const [only] = namespaces;
      if (only) out.set(file, only);
    }
  }
  return out;
}

export function dirname(path: string): string {
  const index = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return index === -1 ? '.' : path.slice(0, index);
}

function join(dir: string, relative: string): string {
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
