import { isMap, type YAMLMap } from 'yaml';
import type { LabelSelector, PolicyRule, RoleRef, Subject } from '../rbac/types';
import { isNamespacedKind, isRelevantKind } from './relevant-kinds';
import type { K8sObject, SourceDocument, WorkloadKind, WorkloadObject } from './types';
import { WORKLOAD_KINDS } from './types';
import {
  booleanAt, mapAt, mapItems, seqAt, stringAt, stringListAt, stringMapAt,
} from './yaml-nodes';

/** Reads the Kubernetes objects RBAC cares about from one parsed document's top-level mapping. */
export function extractObjects(root: YAMLMap, doc: SourceDocument, fileIsKustomization: boolean): K8sObject[] {
  const kind = stringAt(root, 'kind');
  if (fileIsKustomization && (kind === undefined || kind === 'Kustomization' || kind === 'Component')) {
    return [readKustomization(root, doc)];
  }
  if (kind === undefined || !isRelevantKind(kind)) return [];
  if (kind === 'List' || kind.endsWith('List')) {
    const out: K8sObject[] = [];
    mapItems(seqAt(root, 'items')).forEach((item, index) => {
      const object = readObject(item, doc);
      if (object) out.push({ ...object, listIndex: index });
    });
    return out;
  }
  const object = readObject(root, doc);
  return object ? [object] : [];
}

function readObject(node: YAMLMap, doc: SourceDocument): K8sObject | undefined {
  const kind = stringAt(node, 'kind');
  const apiVersion = stringAt(node, 'apiVersion');
  const metadata = mapAt(node, 'metadata');
  const name = stringAt(metadata, 'name');
  if (kind === undefined || apiVersion === undefined || name === undefined) return undefined;
  const writtenNamespace = stringAt(metadata, 'namespace');
  const base = {
    apiVersion,
    name,
    labels: stringMapAt(metadata, 'labels'),
    annotations: stringMapAt(metadata, 'annotations'),
    node,
    doc,
    writtenNamespace,
    namespace: isNamespacedKind(kind)
      ? writtenNamespace
        ? { value: writtenNamespace, source: 'explicit' as const }
        : { value: 'default', source: 'implicit' as const }
      : undefined,
  };
  switch (kind) {
    case 'Role':
    case 'ClusterRole':
      return { ...base, kind, rules: readRules(node), aggregationRule: readAggregation(node) };
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return { ...base, kind, roleRef: readRoleRef(node), subjects: readSubjects(node) };
    case 'ServiceAccount':
      return { ...base, kind, automountServiceAccountToken: booleanAt(node, 'automountServiceAccountToken') };
    case 'Namespace':
      return { ...base, kind };
    case 'CustomResourceDefinition':
      return readCrd(node, base);
    default:
      if ((WORKLOAD_KINDS as readonly string[]).includes(kind)) return readWorkload(node, kind as WorkloadKind, base);
      return undefined;
  }
}

export function readRules(node: YAMLMap): PolicyRule[] {
  return mapItems(seqAt(node, 'rules')).map((rule) => {
    const out: PolicyRule = { verbs: stringListAt(rule, 'verbs') ?? [] };
    for (const key of ['apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const) {
      const list = stringListAt(rule, key);
      if (list !== undefined) out[key] = list;
    }
    return out;
  });
}

export function readAggregation(node: YAMLMap): { clusterRoleSelectors: LabelSelector[] } | undefined {
  const aggregation = mapAt(node, 'aggregationRule');
  if (!aggregation) return undefined;
  const selectors = mapItems(seqAt(aggregation, 'clusterRoleSelectors')).map((selector) => {
    const out: LabelSelector = {};
    if (mapAt(selector, 'matchLabels')) out.matchLabels = stringMapAt(selector, 'matchLabels');
    const expressions = mapItems(seqAt(selector, 'matchExpressions'));
    if (expressions.length > 0) {
      out.matchExpressions = expressions.map((e) => ({
        key: stringAt(e, 'key') ?? '',
        operator: stringAt(e, 'operator') ?? '',
        values: stringListAt(e, 'values'),
      }));
    }
    return out;
  });
  return { clusterRoleSelectors: selectors };
}

export function readRoleRef(node: YAMLMap): RoleRef {
  const ref = mapAt(node, 'roleRef');
  return { apiGroup: stringAt(ref, 'apiGroup') ?? '', kind: stringAt(ref, 'kind') ?? '', name: stringAt(ref, 'name') ?? '' };
}

export function readSubjects(node: YAMLMap): Subject[] {
  return mapItems(seqAt(node, 'subjects')).map((s) => {
    const subject: Subject = { kind: stringAt(s, 'kind') ?? '', name: stringAt(s, 'name') ?? '' };
    const namespace = stringAt(s, 'namespace');
    const apiGroup = stringAt(s, 'apiGroup');
    if (namespace !== undefined) subject.namespace = namespace;
    if (apiGroup !== undefined) subject.apiGroup = apiGroup;
    return subject;
  });
}

type Base = Omit<WorkloadObject, 'kind'>;

/** Where each workload kind keeps its pod spec. */
export const POD_SPEC_PATH: Record<WorkloadKind, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

function readWorkload(node: YAMLMap, kind: WorkloadKind, base: Base): WorkloadObject {
  const podSpec = mapAt(node, ...POD_SPEC_PATH[kind]);
  const byName = stringAt(podSpec, 'serviceAccountName');
  const deprecated = stringAt(podSpec, 'serviceAccount');
  return {
    ...base,
    kind,
    serviceAccountName: byName ?? deprecated,
    serviceAccountField: byName !== undefined ? 'serviceAccountName' : deprecated !== undefined ? 'serviceAccount' : undefined,
    automountServiceAccountToken: booleanAt(podSpec, 'automountServiceAccountToken'),
    podSpecNode: isMap(podSpec) ? podSpec : undefined,
  };
}

function readCrd(node: YAMLMap, base: Base): K8sObject | undefined {
  const spec = mapAt(node, 'spec');
  const names = mapAt(spec, 'names');
  const group = stringAt(spec, 'group');
  const plural = stringAt(names, 'plural');
  if (group === undefined || plural === undefined) return undefined;
  const versions = mapItems(seqAt(spec, 'versions'));
  const subresources = new Set<string>();
  const readSubresources = (holder: YAMLMap | undefined) => {
    const sub = mapAt(holder, 'subresources');
    if (mapAt(sub, 'status') || sub?.has('status')) subresources.add('status');
    if (mapAt(sub, 'scale') || sub?.has('scale')) subresources.add('scale');
  };
  readSubresources(spec);
  versions.forEach(readSubresources);
  const versionNames = versions.map((v) => stringAt(v, 'name')).filter((v): v is string => v !== undefined);
  const single = stringAt(spec, 'version');
  if (single && !versionNames.includes(single)) versionNames.push(single);
  return {
    ...base,
    namespace: undefined,
    kind: 'CustomResourceDefinition',
    group,
    plural,
    singular: stringAt(names, 'singular'),
    crdKind: stringAt(names, 'kind') ?? '',
    shortNames: stringListAt(names, 'shortNames') ?? [],
    scope: stringAt(spec, 'scope') === 'Cluster' ? 'Cluster' : 'Namespaced',
    versions: versionNames,
    subresources: [...subresources],
  };
}

function readKustomization(root: YAMLMap, doc: SourceDocument): K8sObject {
  return {
    kind: 'Kustomization',
    apiVersion: stringAt(root, 'apiVersion') ?? 'kustomize.config.k8s.io/v1beta1',
    name: doc.file,
    labels: {},
    annotations: {},
    node: root,
    doc,
    setNamespace: stringAt(root, 'namespace'),
    resources: [...(stringListAt(root, 'resources') ?? []), ...(stringListAt(root, 'bases') ?? []), ...(stringListAt(root, 'components') ?? [])],
    namePrefix: stringAt(root, 'namePrefix'),
    nameSuffix: stringAt(root, 'nameSuffix'),
  };
}
