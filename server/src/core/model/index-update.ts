import { dirname, joinPath, normalise } from '../kustomize/paths';
import type { ObjectLookup } from './object-lookup';
import { insertInOrder, numberObjects, removeInOrder, replaceInOrder } from './object-order';
import { isKustomizationFile } from './relevant-kinds';
import type { K8sObject, SourceFile } from './types';
import { WORKLOAD_KINDS } from './types';
import type { WorkspaceIndex } from './workspace-model';

/** One file changed since the index was built or last updated. */
export interface FileChange {
  path: string;
  /** The file as the index holds it (undefined when it is new). */
  previous: SourceFile | undefined;
  /** The file now (undefined when it was removed). */
  current: SourceFile | undefined;
  /** Helm reads it (a chart's file, a template, or a file templates depend on). */
  chart: boolean;
}

/** What an in-place update of the index changed: the files, their objects before and after. */
export interface IndexChange {
  files: string[];
  removed: K8sObject[];
  added: K8sObject[];
}

/**
 * What of the workspace a change elsewhere cannot move: directories whose implicit namespaces are
 * guesses from the bindings beside them, and directories kustomize builds read. Computed with each
 * full build; in-place updates never add to it (a change that would is refused).
 */
export interface IndexSurroundings {
  implicitAccountDirs: Set<string>;
  kustomizeDirs: Set<string>;
}

export function surroundingsOf(index: WorkspaceIndex, fileText: (path: string) => string | undefined): IndexSurroundings {
  const implicitAccountDirs = new Set<string>();
  for (const sa of index.serviceAccounts) if (sa.namespace?.source === 'implicit') implicitAccountDirs.add(dirname(sa.doc.file));
  const kustomizeDirs = new Set<string>();
  for (const kustomization of index.kustomizations) {
    const dir = dirname(kustomization.doc.file);
    kustomizeDirs.add(dir);
    // Whatever a kustomization names outside its folder (`../base`, `../../patches/x.yaml`) is read by its builds too.
    const text = fileText(kustomization.doc.file) ?? '';
    for (const token of text.split(/[\s'"[\],{}#]/)) {
      if (!token.includes('..')) continue;
      const target = normalise(joinPath(dir, token));
      kustomizeDirs.add(target);
      kustomizeDirs.add(dirname(target));
    }
  }
  return { implicitAccountDirs, kustomizeDirs };
}

/**
 * Replaces the objects of changed files in the index (and its lookup, when one was built) in place,
 * keeping every list in workspace order. Refused (undefined, nothing changed) when a change reaches
 * beyond its own objects: Helm charts, kustomize builds, Namespaces and CRDs, implicit namespaces.
 */
export function updateIndexInPlace(
  index: WorkspaceIndex, lookup: ObjectLookup | undefined, changes: FileChange[], surroundings: IndexSurroundings, rankOf: (path: string) => number,
): IndexChange | undefined {
  const removed: K8sObject[] = [];
  const added: K8sObject[] = [];
  // Objects of the same kinds in the same order (most edits) keep their places: replaced where they stand, no list moves.
  const replaced: [K8sObject, K8sObject][] = [];
  const moved: { removed: K8sObject[]; added: K8sObject[] } = { removed: [], added: [] };
  for (const change of changes) {
    if (change.chart || change.previous?.helm || change.current?.helm || isKustomizationFile(change.path)) return undefined;
    if (insideAny(change.path, surroundings.kustomizeDirs) || surroundings.implicitAccountDirs.has(dirname(change.path))) return undefined;
    const before = objectsOf(change.previous);
    const after = objectsOf(change.current);
    if (![...before, ...after].every(keepsToItself)) return undefined;
    removed.push(...before);
    added.push(...after);
    if (before.length === after.length && before.every((object, i) => object.kind === after[i].kind)) {
      before.forEach((object, i) => replaced.push([object, after[i]]));
    } else {
      moved.removed.push(...before);
      moved.added.push(...after);
    }
  }
  for (const object of moved.removed) {
    removeInOrder(index.objects, object);
    const list = listOf(index, object);
    if (list) removeInOrder(list, object);
  }
  for (const object of removed) lookup?.remove(object);
  for (const change of changes) if (change.current) numberObjects(change.current, rankOf(change.path));
  for (const [before, after] of replaced) {
    replaceInOrder(index.objects, before, after);
    const list = listOf(index, after);
    if (list) replaceInOrder(list, before, after);
  }
  for (const object of moved.added) {
    insertInOrder(index.objects, object);
    const list = listOf(index, object);
    if (list) insertInOrder(list, object);
  }
  for (const object of added) lookup?.add(object);
  return { files: changes.map((c) => c.path), removed, added };
}

function objectsOf(file: SourceFile | undefined): K8sObject[] {
  return file ? file.documents.flatMap((doc) => doc.objects) : [];
}

/** An object whose change touches nothing but its own entries: no build, no namespace guess, no catalog. */
function keepsToItself(object: K8sObject): boolean {
  if (object.kind === 'Namespace' || object.kind === 'CustomResourceDefinition' || object.kind === 'Kustomization') return false;
  if (object.kustomize) return false;
  return !object.namespace || object.namespace.source === 'explicit';
}

function insideAny(path: string, dirs: Set<string>): boolean {
  if (dirs.size === 0) return false;
  for (let dir = dirname(path), up = ''; dir !== up; up = dir, dir = dirname(dir)) if (dirs.has(dir) || dirs.has(normalise(dir))) return true;
  return dirs.has(path) || dirs.has(normalise(path));
}

const WORKLOADS: ReadonlySet<string> = new Set(WORKLOAD_KINDS);

function listOf(index: WorkspaceIndex, object: K8sObject): K8sObject[] | undefined {
  switch (object.kind) {
    case 'Role': case 'ClusterRole': return index.roles;
    case 'RoleBinding': case 'ClusterRoleBinding': return index.bindings;
    case 'ServiceAccount': return index.serviceAccounts;
    default: return WORKLOADS.has(object.kind) ? index.workloads : undefined;
  }
}
