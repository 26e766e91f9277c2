import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import { pathAt, type PathStep } from './node-paths';

/** What could not be known in one object, and what that costs. */
export interface Unknowns {
  /** The whole object is left out: its name, kind, roleRef or ServiceAccount is unknown. */
  dropObject?: string;
  /** Rules / subjects left out because part of them is unknown (indexes). */
  dropRules: Set<number>;
  dropSubjects: Set<number>;
  /** The rules / subjects list has items generated where they cannot be read. */
  rulesGenerated: boolean;
  subjectsGenerated: boolean;
  /** aggregationRule selectors left out because what they select is printed where it cannot be read (offsets). */
  selectorsDropped: number[];
  /** The parts that are not known, for an object left out whole: `metadata.name`, `roleRef.kind`, `roleRef` (all of it)… */
  parts: Set<string>;
}

/** Kinds whose metadata.namespace the API server ignores. */
const CLUSTER_SCOPED = new Set(['ClusterRole', 'ClusterRoleBinding', 'Namespace', 'CustomResourceDefinition']);

const SERVICE_ACCOUNT_FIELDS = new Set(['serviceAccountName', 'serviceAccount', 'automountServiceAccountToken']);

/** Classifies one unknown place (an unknown scalar, or generated text) of an object by its path. */
export function noteUnknown(unknowns: Unknowns, kind: string | undefined, path: PathStep[], inItem: boolean, cause?: string): void {
  const [first, second] = path;
  // The real cause, when it is known (a function not evaluated, a `range` not decided…), instead of "values".
  if (cause && (first === 'metadata' && (second === 'name' || second === 'namespace') || first === 'roleRef' || first === 'kind')) {
    const field = first === 'metadata' ? String(second) : first;
    if (first !== 'metadata' || second === 'name' || !CLUSTER_SCOPED.has(kind ?? '')) unknowns.dropObject ??= `its ${field} ${cause}`;
  }
  if (first === 'metadata' || first === 'roleRef' || first === 'kind' || first === 'apiVersion') unknowns.parts.add(first === 'roleRef' && typeof second === 'string' ? `roleRef.${second}` : first === 'metadata' ? `metadata.${second ?? ''}` : first);
  if (first === 'metadata' && second === 'name') unknowns.dropObject ??= 'its name is computed from values that are not known';
  // Read blank, it would be placed in the release namespace: a guess.
  else if (first === 'metadata' && second === 'namespace' && !CLUSTER_SCOPED.has(kind ?? '')) unknowns.dropObject ??= 'its namespace is computed from values that are not known';
  else if (first === 'kind') unknowns.dropObject ??= 'its kind is not known';
  // `apiVersion: {{ template "x.rbac.apiVersion" . }}` (often `.Capabilities.APIVersions.Has`): the API the kind belongs to is unknown.
  else if (first === 'apiVersion') unknowns.dropObject ??= 'its apiVersion is not known, so neither is the API its kind belongs to';
  else if (first === 'roleRef') unknowns.dropObject ??= 'its roleRef is not known';
  else if (first === 'rules') {
    if (typeof second === 'number' && inItem) unknowns.dropRules.add(second);
    else unknowns.rulesGenerated = true;
  } else if (first === 'subjects') {
    if (typeof second === 'number' && inItem) unknowns.dropSubjects.add(second);
    else unknowns.subjectsGenerated = true;
  } else if (kind !== 'ServiceAccount' && SERVICE_ACCOUNT_FIELDS.has(String(path[path.length - 1]))) {
    unknowns.dropObject ??= 'its ServiceAccount is not known';
  }
}

export function emptyUnknowns(): Unknowns {
  return { dropRules: new Set(), dropSubjects: new Set(), rulesGenerated: false, subjectsGenerated: false, selectorsDropped: [], parts: new Set() };
}

/** Where an offset of a document sits in its object. */
export function classify(root: YAMLMap, offset: number): { path: PathStep[]; inItem: boolean } {
  return pathAt(root, offset);
}

/** Removes the rules and subjects that hold unknowns, so that no check judges half a rule. */
export function dropUnknownItems(root: YAMLMap, unknowns: Unknowns): void {
  const remove = (key: string, indexes: Set<number>) => {
    const seq = root.get(key, true);
    if (!isSeq(seq) || indexes.size === 0) return;
    seq.items = seq.items.filter((_, index) => !indexes.has(index));
  };
  remove('rules', unknowns.dropRules);
  remove('subjects', unknowns.dropSubjects);
}

/** Whether a node is a scalar or collection (used to skip keys that are plain JS values). */
export function isYamlNode(value: unknown): boolean {
  return isScalar(value) || isMap(value) || isSeq(value);
}
