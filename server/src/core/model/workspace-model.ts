import { applyKustomizeBuilds } from '../kustomize/workspace-builds';
import { newBuildCache } from '../kustomize/build';
import type { BuildNote } from '../kustomize/types';
import type { NotBuilt } from '../kustomize/workspace-builds';
import type { PatchedRoleView } from '../kustomize/patch-origins';
import { assumeImplicitNamespaces } from './implicit-namespaces';
import { readGuarded } from './not-analysed';
import { surroundingsOf, updateIndexInPlace, type FileChange, type IndexChange, type IndexSurroundings } from './index-update';
import { existingLookupOf } from './object-lookup';
import { numberObjects } from './object-order';
import { parseFile } from './parse-file';
import type { TemplateOptions, TemplateReader } from './template-reader';
import type {
  BindingObject, CrdObject, K8sObject, KustomizationObject, NamespaceObject, RoleObject,
  ServiceAccountObject, SourceDocument, SourceFile, WorkloadObject,
} from './types';
import { releaseTree } from './syntax-trees';
import { WORKLOAD_KINDS } from './types';

/** The workspace's objects, grouped by what RBAC needs. Rebuilt lazily after a change. */
export interface WorkspaceIndex {
  objects: K8sObject[];
  roles: RoleObject[];
  bindings: BindingObject[];
  serviceAccounts: ServiceAccountObject[];
  namespaces: NamespaceObject[];
  workloads: WorkloadObject[];
  crds: CrdObject[];
  kustomizations: KustomizationObject[];
  /** What kustomize builds could not read or apply (remote bases, generators, unknown transformers…). */
  kustomizeNotes: BuildNote[];
  /** Objects in a kustomization's folder (or read for one) that no build kubectl can make emits: never deployed. */
  kustomizeNotBuilt: NotBuilt[];
  /** Roles whose rules a kustomize patch changed, as views positioned in the patches that wrote the rules. */
  kustomizePatchedRoles: Map<RoleObject, PatchedRoleView[]>;
}

/**
 * Every Kubernetes YAML file of the workspace, parsed once. `setFile` re-parses only the documents of
 * that file whose text changed. On next use the index is updated in place when the changed files'
 * objects touch nothing beyond themselves, else built again (see index-update.ts).
 */
export class WorkspaceModel<Reader extends TemplateReader = TemplateReader> {
  private readonly files = new Map<string, SourceFile>();
  private cachedIndex: WorkspaceIndex | undefined;
  private revision = 0;
  /** Each file's place in workspace order (the order files were first read). */
  private readonly ranks = new Map<string, number>();
  private nextRank = 1;
  /** Files changed since the index was built or updated; 'all' when it must be built again. */
  private pending: Map<string, FileChange> | 'all' = 'all';
  private surroundings: IndexSurroundings = { implicitAccountDirs: new Set(), kustomizeDirs: new Set() };
  /** The in-place updates of the current index, in order (a new index starts a new list). */
  private changes: IndexChange[] = [];
  /** Templated files (Helm charts) are read by this reader, each with its package's values. */
  readonly charts: Reader;
  /** Chart templates to read before the next use: a chart's templates are evaluated once its files are in. */
  private readonly staleTemplates = new Set<string>();
  /** Files read only because a kustomization names them (outside the paths read): their objects count only as built. */
  readonly followedFiles = new Set<string>();
  /** Kustomize builds kept from one index to the next: only builds that read an edited file are built again. */
  private readonly kustomizeBuilds = newBuildCache();
  /** Files whose trees the next release looks at ('all' before the first); documents parsed again since. */
  private treesToRelease: Set<string> | 'all' = 'all';
  private readonly parsedAgain = new Set<SourceDocument>();

  constructor(reader: Reader) {
    this.charts = reader;
  }

  setFile(path: string, text: string): SourceFile {
    const previous = this.files.get(path);
    if (previous && previous.text === text) return previous;
    let chart = false;
    const file = readGuarded(path, text, () => {
      const chartFile = this.charts.note(path, text);
      chart = chartFile !== undefined;
      return chartFile === 'template' ? this.pendingTemplate(path, text) : chartFile ?? parseFile(path, text, previous);
    });
    if (!this.ranks.has(path)) this.ranks.set(path, this.nextRank++);
    this.files.set(path, file);
    if (this.treesToRelease !== 'all') this.treesToRelease.add(path);
    const dependents = this.charts.dependents(path);
    for (const dependent of dependents) this.staleTemplates.add(dependent);
    this.note(path, previous, file, chart || dependents.length > 0);
    this.invalidate();
    return file;
  }

  /** Remembers a change for the next in-place update of the index (the first `previous` is what the index holds). */
  private note(path: string, previous: SourceFile | undefined, current: SourceFile | undefined, chart: boolean): void {
    if (this.pending === 'all') return;
    // A file read for a kustomization outside the paths read counts only as built: the builds decide.
    if (this.followedFiles.has(path)) {
      this.pending = 'all';
      return;
    }
    const earlier = this.pending.get(path);
    this.pending.set(path, { path, previous: earlier ? earlier.previous : previous, current, chart: chart || (earlier?.chart ?? false) });
  }

  removeFile(path: string): void {
    this.charts.remove(path);
    this.staleTemplates.delete(path);
    const followed = this.followedFiles.delete(path);
    const previous = this.files.get(path);
    if (this.files.delete(path)) {
      this.ranks.delete(path);
      const dependents = this.charts.dependents(path);
      for (const dependent of dependents) this.staleTemplates.add(dependent);
      if (followed) this.pending = 'all';
      this.note(path, previous, undefined, dependents.length > 0);
      this.invalidate();
    }
  }

  /** Release names and extra values files for templates; they are read again. */
  setHelmOptions(options: TemplateOptions): void {
    for (const path of this.charts.setOptions(options)) this.staleTemplates.add(path);
    this.pending = 'all';
    this.invalidate();
  }

  private pendingTemplate(path: string, text: string): SourceFile {
    this.staleTemplates.add(path);
    return { path, text, lineStarts: [0], documents: [] };
  }

  private readStaleTemplates(): void {
    if (this.staleTemplates.size === 0) return;
    for (const path of this.staleTemplates) {
      const current = this.files.get(path);
      if (current) this.files.set(path, readGuarded(path, current.text, () => this.charts.readTemplate(path, current.text) ?? parseFile(path, current.text)));
    }
    this.staleTemplates.clear();
    // Templates read again change what charts render: the index is built again.
    this.pending = 'all';
  }

  getFile(path: string): SourceFile | undefined {
    this.readStaleTemplates();
    return this.files.get(path);
  }

  hasFile(path: string): boolean {
    return this.files.has(path);
  }

  allFiles(): SourceFile[] {
    this.readStaleTemplates();
    return [...this.files.values()];
  }

  /**
   * Releases the parsed trees of files that are not open (they are parsed again on first use, see
   * syntax-trees.ts): after the whole workspace was checked, and after each update, for what was read
   * or parsed again since.
   */
  releaseSyntaxTrees(isOpen: (path: string) => boolean): void {
    const paths = this.treesToRelease === 'all' ? [...this.files.keys()] : [...this.treesToRelease];
    for (const doc of this.parsedAgain) paths.push(doc.file);
    this.treesToRelease = new Set();
    this.parsedAgain.clear();
    const onParsedAgain = (doc: SourceDocument) => this.parsedAgain.add(doc);
    for (const path of paths) {
      // An open file keeps its trees, and is looked at again once closed.
      if (isOpen(path)) {
        this.treesToRelease.add(path);
        continue;
      }
      const file = this.files.get(path);
      if (!file || file.helm) continue;
      for (const doc of file.documents) releaseTree(doc, onParsedAgain);
    }
  }

  /** Increases on every change; lets callers cache derived results. */
  get version(): number {
    return this.revision;
  }

  get index(): WorkspaceIndex {
    this.readStaleTemplates();
    // Files read for a kustomization (marked after they are set) count only as built: the builds decide.
    if (this.pending !== 'all' && [...this.pending.keys()].some((path) => this.followedFiles.has(path))) this.pending = 'all';
    // Many files changed at once (the rest of the workspace read after an open file): built again, in one pass.
    if (this.pending !== 'all' && this.pending.size > 64 && this.pending.size * 8 > this.files.size) this.pending = 'all';
    if (this.cachedIndex && this.pending !== 'all' && this.pending.size > 0) {
      const lookup = existingLookupOf(this.cachedIndex);
      const change = updateIndexInPlace(this.cachedIndex, lookup, [...this.pending.values()], this.surroundings, (path) => this.ranks.get(path)!);
      if (change) this.changes.push(change);
      else this.cachedIndex = undefined;
    }
    if (!this.cachedIndex || this.pending === 'all') {
      this.cachedIndex = this.buildIndex();
      this.changes = [];
      this.surroundings = surroundingsOf(this.cachedIndex, (path) => this.files.get(path)?.text);
    }
    this.pending = new Map();
    return this.cachedIndex;
  }

  /**
   * The index and the in-place updates it went through since it was built: what derived results
   * (policy, findings) need to follow it. A different index object means it was built again.
   */
  get indexHistory(): { index: WorkspaceIndex; changes: readonly IndexChange[] } {
    const index = this.index;
    return { index, changes: this.changes };
  }

  private invalidate(): void {
    this.revision++;
  }

  private buildIndex(): WorkspaceIndex {
    const all: K8sObject[] = [];
    for (const file of this.files.values()) {
      numberObjects(file, this.ranks.get(file.path) ?? 0);
      for (const doc of file.documents) all.push(...doc.objects);
    }
    resetNamespaces(all);
    const kustomize = applyKustomizeBuilds(all, all.filter((o): o is KustomizationObject => o.kind === 'Kustomization'), this.files.values(), this.followedFiles, this.kustomizeBuilds);
    const objects = kustomize.notObjects.size > 0 ? all.filter((o) => !kustomize.notObjects.has(o)) : all;
    const index: WorkspaceIndex = { ...groupByKind(objects), kustomizeNotes: kustomize.notes, kustomizeNotBuilt: kustomize.notBuilt, kustomizePatchedRoles: kustomize.patchedRoles };
    assumeImplicitNamespaces(index);
    return index;
  }
}

/** The objects in the groups RBAC needs, in one pass (a keystroke in a large workspace rebuilds them). */
function groupByKind(objects: K8sObject[]): Omit<WorkspaceIndex, 'kustomizeNotes' | 'kustomizeNotBuilt' | 'kustomizePatchedRoles'> {
  const groups: Omit<WorkspaceIndex, 'kustomizeNotes' | 'kustomizeNotBuilt' | 'kustomizePatchedRoles'> = {
    objects, roles: [], bindings: [], serviceAccounts: [], namespaces: [], workloads: [], crds: [], kustomizations: [],
  };
  for (const o of objects) {
    if (o.kind === 'Role' || o.kind === 'ClusterRole') groups.roles.push(o as RoleObject);
    else if (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') groups.bindings.push(o as BindingObject);
    else if (o.kind === 'ServiceAccount') groups.serviceAccounts.push(o as ServiceAccountObject);
    else if (o.kind === 'Namespace') groups.namespaces.push(o as NamespaceObject);
    else if (o.kind === 'CustomResourceDefinition') groups.crds.push(o as CrdObject);
    else if (o.kind === 'Kustomization') groups.kustomizations.push(o as KustomizationObject);
    else if (WORKLOAD_SET.has(o.kind)) groups.workloads.push(o as WorkloadObject);
  }
  return groups;
}

const WORKLOAD_SET: ReadonlySet<string> = new Set(WORKLOAD_KINDS);

/** Namespaces as written (assumptions of an earlier index are dropped). */
function resetNamespaces(objects: K8sObject[]): void {
  for (const object of objects) {
    if (!object.namespace) continue;
    object.namespace = object.writtenNamespace ? { value: object.writtenNamespace, source: 'explicit' } : { value: 'default', source: 'implicit' };
  }
}
