import type { Document, YAMLMap } from 'yaml';
import type { LabelSelector, PolicyRule, RbacBinding, RbacRole, RoleRef, Subject, Undecided } from '../rbac/types';

/** 0-based, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Location {
  file: string;
  range: Range;
}

/** Where a namespaced object's namespace comes from. */
export type NamespaceSource = 'explicit' | 'kustomize' | 'implicit';

export interface NamespaceInfo {
  /**
   * The namespace. When `source` is 'implicit' it is an assumption (whatever `kubectl apply -n` will
   * say): the namespace the workspace's own references point at, else `default`. Checks never treat
   * an implicit namespace as a fact.
   */
  value: string;
  source: NamespaceSource;
}

/** Why a YAML document yields no Kubernetes objects. */
export type SkipReason = 'empty' | 'not-kubernetes' | 'template' | 'broken' | 'not-rbac-relevant';

/** One YAML document of a file. Parsed lazily: only documents RBAC cares about are parsed in full. */
export interface SourceDocument {
  file: string;
  index: number;
  /** Character offsets of the document's text in the file. */
  start: number;
  end: number;
  /** Top-level `kind`, when it could be read. */
  kind?: string;
  apiVersion?: string;
  /** The parsed document (offsets in it are relative to `start`), when parsed. */
  yaml?: Document.Parsed;
  skipped?: SkipReason;
  /** First YAML syntax error of a broken document. */
  error?: { message: string; offset: number };
  objects: K8sObject[];
}

export interface SourceFile {
  path: string;
  text: string;
  /** Offsets where each line starts. */
  lineStarts: number[];
  documents: SourceDocument[];
  /** Set for a template a reader evaluated (a Helm chart template): what reading it found. */
  helm?: TemplateFileInfo;
  /** Set when reading the file failed in a way no budget foresaw: the one-line reason; it has no documents then. */
  notAnalysed?: string;
}

/**
 * A role or binding a template renders but that could not be read whole (its name, namespace or roleRef
 * is not known): its known parts, with `unknownParts` set and NOT_KNOWN in place of what is not known.
 * `unread`: rules or subjects left out for unknown values, at offsets relative to the object's.
 * `inReleaseNamespace`: a namespaced kind that writes no namespace (Helm installs it in the release's).
 */
export type PartialObject = (Omit<RbacRole, 'origin' | 'undecided'> | Omit<RbacBinding, 'origin' | 'undecided'>) & {
  unread?: { offset: number; why: string; rule?: PolicyRule }[];
  inReleaseNamespace?: boolean;
  /** Where the object's mapping starts, relative to the entry's offset (past a `---` line). */
  start?: number;
};

/** A span of template code (a Helm `{{ … }}` action): no edit may touch it. */
export interface TemplateCodeSpan {
  start: number;
  end: number;
}

/**
 * What a template reader hands the model for one file, beside its documents: the package the file
 * belongs to (a chart folder), the template code no edit may touch, and what was read, left out or
 * could not be judged. A reader may keep more of its own in the same object.
 */
export interface TemplateFileInfo {
  chartDir: string;
  /** Every span of template code in the file, sorted. */
  actions: TemplateCodeSpan[];
  /** RBAC objects rendered and read. */
  analysed: { kind: string; offset: number }[];
  /** RBAC objects rendered but left out, and why; a role or binding as far as it could be read. */
  skipped: { kind: string; offset: number; reason: string; partial?: PartialObject }[];
  /** Rules and subjects that could not be judged (generated, or holding unknown values). */
  notJudged: { kind: string; offset: number; reason: string }[];
  problems: { message: string; offset: number }[];
}

/** An object as kustomize builds render it; the object's own fields then hold the built values. */
export interface KustomizeBuiltAs {
  /** The root kustomization files whose build emits the object. */
  builds: string[];
  /** Name and namespace as written in the file. */
  written: { name: string; namespace?: string };
  /** Set when builds render the object differently: it then keeps what is written. */
  variants?: { build: string; name: string; namespace?: string }[];
  /** A patch changed the rules (not only the names in resourceNames): the written rules are not what the build emits. */
  rulesReplaced?: boolean;
  /** A patch removed or reordered subjects: the written subjects no longer line up with the built ones. */
  subjectsReplaced?: boolean;
}

interface ObjectBase {
  apiVersion: string;
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The object's mapping node (offsets relative to `doc.start`). */
  node: YAMLMap;
  doc: SourceDocument;
  /** Set for namespaced kinds only. */
  namespace?: NamespaceInfo;
  /** metadata.namespace as written, also on cluster-scoped kinds (where it is ignored); in a chart template without one, the release namespace Helm installs it in. */
  writtenNamespace?: string;
  /** What kustomize builds of the workspace make of this object, when a kustomization includes its file. */
  kustomize?: KustomizeBuiltAs;
  /** Index in a `List`'s items, when the object came from one. */
  listIndex?: number;
  /** In a chart template: what renders only under a condition that could not be decided (never read as granted). */
  undecided?: Undecided;
  /** In a chart template: rules or subjects left out because their values are not known (offsets relative to `doc.start`). */
  unread?: { offset: number; why: string; rule?: PolicyRule }[];
}

export interface RoleObject extends ObjectBase {
  kind: 'Role' | 'ClusterRole';
  rules: PolicyRule[];
  aggregationRule?: { clusterRoleSelectors: LabelSelector[] };
}

export interface BindingObject extends ObjectBase {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  roleRef: RoleRef;
  subjects: Subject[];
}

export interface ServiceAccountObject extends ObjectBase {
  kind: 'ServiceAccount';
  automountServiceAccountToken?: boolean;
}

export interface NamespaceObject extends ObjectBase {
  kind: 'Namespace';
}

export const WORKLOAD_KINDS = [
  'Pod',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ReplicationController',
] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export interface WorkloadObject extends ObjectBase {
  kind: WorkloadKind;
  /** `serviceAccountName`, else the deprecated `serviceAccount`; undefined means `default`. */
  serviceAccountName?: string;
  serviceAccountField?: 'serviceAccountName' | 'serviceAccount';
  automountServiceAccountToken?: boolean;
  /** The pod spec mapping node, where `serviceAccountName` lives or would be added. */
  podSpecNode?: YAMLMap;
}

export interface CrdObject extends ObjectBase {
  kind: 'CustomResourceDefinition';
  group: string;
  plural: string;
  singular?: string;
  crdKind: string;
  shortNames: string[];
  scope: 'Namespaced' | 'Cluster';
  versions: string[];
  subresources: string[];
}

export interface KustomizationObject extends ObjectBase {
  kind: 'Kustomization';
  /** The `namespace:` transformer value. */
  setNamespace?: string;
  resources: string[];
  namePrefix?: string;
  nameSuffix?: string;
}

export type K8sObject =
  | RoleObject
  | BindingObject
  | ServiceAccountObject
  | NamespaceObject
  | WorkloadObject
  | CrdObject
  | KustomizationObject;
