import { assumeImplicitNamespaces } from './implicit-namespaces';
import { kustomizeNamespaces } from './kustomize-namespaces';
import { parseFile } from './parse-file';
import type {
  BindingObject, CrdObject, K8sObject, KustomizationObject, NamespaceObject, RoleObject,
  ServiceAccountObject, SourceFile, WorkloadObject,
} from './types';
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
}

/**
 * Every Kubernetes YAML file of the workspace, parsed once. `setFile` re-parses only the documents of
 * that file whose text changed; the index (and namespace resolution) is recomputed on next use.
 */
export class WorkspaceModel {
  private readonly files = new Map<string, SourceFile>();
  private cachedIndex: WorkspaceIndex | undefined;
  private revision = 0;

  setFile(path: string, text: string): SourceFile {
    const previous = this.files.get(path);
    if (previous && previous.text === text) return previous;
    const file = parseFile(path, text, previous);
    this.files.set(path, file);
    this.invalidate();
    return file;
  }

  removeFile(path: string): void {
    if (this.files.delete(path)) this.invalidate();
  }

  getFile(path: string): SourceFile | undefined {
    return this.files.get(path);
  }

  hasFile(path: string): boolean {
    return this.files.has(path);
  }

  allFiles(): SourceFile[] {
    return [...this.files.values()];
  }

  /** Increases on every change; lets callers cache derived results. */
  get version(): number {
    return this.revision;
  }

  get index(): WorkspaceIndex {
    if (!this.cachedIndex) this.cachedIndex = this.buildIndex();
    return this.cachedIndex;
  }

  private invalidate(): void {
    this.cachedIndex = undefined;
    this.revision++;
  }

  private buildIndex(): WorkspaceIndex {
    const objects: K8sObject[] = [];
    for (const file of this.files.values()) for (const doc of file.documents) objects.push(...doc.objects);
    const index: WorkspaceIndex = {
      objects,
      roles: objects.filter((o): o is RoleObject => o.kind === 'Role' || o.kind === 'ClusterRole'),
      bindings: objects.filter((o): o is BindingObject => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding'),
      serviceAccounts: objects.filter((o): o is ServiceAccountObject => o.kind === 'ServiceAccount'),
      namespaces: objects.filter((o): o is NamespaceObject => o.kind === 'Namespace'),
      workloads: objects.filter((o): o is WorkloadObject => (WORKLOAD_KINDS as readonly string[]).includes(o.kind)),
      crds: objects.filter((o): o is CrdObject => o.kind === 'CustomResourceDefinition'),
      kustomizations: objects.filter((o): o is KustomizationObject => o.kind === 'Kustomization'),
    };
    this.resolveNamespaces(index);
    return index;
  }

  private resolveNamespaces(index: WorkspaceIndex): void {
    const fromKustomize = kustomizeNamespaces(index.kustomizations, (path) => this.files.has(path));
    for (const object of index.objects) {
      object.kustomizeNamespace = fromKustomize.get(object.doc.file);
      if (!object.namespace) continue;
      if (object.kustomizeNamespace) object.namespace = { value: object.kustomizeNamespace, source: 'kustomize' };
      else if (object.writtenNamespace) object.namespace = { value: object.writtenNamespace, source: 'explicit' };
      else object.namespace = { value: 'default', source: 'implicit' };
    }
    assumeImplicitNamespaces(index);
  }
}
