import { isScalar, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Fix } from '../edits/types';
import { nameRange, nodeRange, objectRange } from '../model/locate';
import type { BindingObject, K8sObject, Range, RoleObject, SourceFile } from '../model/types';
import type { Subject } from '../rbac/types';
import { mapItems, pairOf, scalarString, seqAt, valueNode } from '../model/yaml-nodes';
import { deref } from '../model/yaml-aliases';
import { REMOVED_GROUPS } from '../catalog/removed-resources';
import { ruleAllows } from '../rbac/rule-matches';
import { patchedSubjects } from '../kustomize/patched-fields';
import type { CheckContext } from './check';
import type { CheckInfo, Finding, RelatedInformation } from './types';
import { positioned } from '../model/syntax-trees';

/** Builds a finding with the check's code, category and default severity. */
export function finding(
  info: CheckInfo,
  file: SourceFile,
  range: Range,
  message: string,
  fixes: Fix[] = [],
  related?: RelatedInformation[],
): Finding {
  return { code: info.code, severity: info.defaultSeverity, category: info.category, message, file: file.path, range, fixes, related };
}

/** One rule of a Role/ClusterRole with the nodes a check needs to point at or edit. */
export interface RuleNodes {
  role: RoleObject;
  file: SourceFile;
  index: number;
  node: YAMLMap;
  fields: Partial<Record<RuleField, YAMLSeq>>;
}

export type RuleField = 'verbs' | 'apiGroups' | 'resources' | 'resourceNames' | 'nonResourceURLs';
const FIELDS: RuleField[] = ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'];

/** Every rule of every workspace role whose document could be positioned. */
export function* ruleNodes(context: CheckContext): Generator<RuleNodes> {
  for (const role of context.index.roles) {
    // What a kustomize patch wrote is judged in the patch, at its own lines.
    for (const view of context.index.kustomizePatchedRoles.get(role) ?? []) {
      const file = context.model.getFile(view.role.doc.file);
      if (file && (role.kustomize?.rulesReplaced || view.role.doc !== role.doc)) yield* roleRuleNodes(view.role, file);
    }
    // Rules a kustomize patch replaced are not what the build emits: judging them would contradict it.
    if (!positioned(role.doc) || role.kustomize?.rulesReplaced) continue;
    yield* roleRuleNodes(role, context.fileOf(role));
  }
}

/** The rules of one role, with their fields' nodes. */
export function roleRuleNodes(role: RoleObject, file: SourceFile): RuleNodes[] {
  const rules = mapItems(seqAt(role.node, 'rules'));
  return rules.map((node, index) => {
    const fields: RuleNodes['fields'] = {};
    for (const field of FIELDS) {
      const seq = seqAt(node, field);
      if (seq) fields[field] = seq;
    }
    return { role, file, index, node, fields };
  });
}

/** The scalar items of a list with their string values. */
export function scalarItems(seq: YAMLSeq | undefined): { node: Node; value: string; index: number }[] {
  if (!seq) return [];
  const out: { node: Node; value: string; index: number }[] = [];
  seq.items.forEach((aliased, index) => {
    const item = deref(aliased);
    const value = scalarString(item);
    if (value !== undefined && isScalar(item)) out.push({ node: item, value, index });
  });
  return out;
}

export function rangeOfNode(file: SourceFile, object: K8sObject, node: Node | null | undefined): Range {
  return node ? nodeRange(file, object.doc, node) : objectRange(file, object);
}

/** The range of `key:` in a mapping (the key itself), or of the mapping when absent. */
export function keyRange(file: SourceFile, object: K8sObject, map: YAMLMap | undefined, key: string): Range {
  const pair = pairOf(map, key);
  const keyNode = pair?.key as Node | undefined;
  if (keyNode && typeof keyNode === 'object') return nodeRange(file, object.doc, keyNode);
  return map ? nodeRange(file, object.doc, map) : objectRange(file, object);
}

export function valueRange(file: SourceFile, object: K8sObject, map: YAMLMap | undefined, key: string): Range {
  const node = valueNode(map, key);
  return node ? nodeRange(file, object.doc, node) : keyRange(file, object, map, key);
}

export { nameRange, objectRange };

/** `Role shop/reader`, `ClusterRole view`: how messages name an object. */
export function describe(object: { kind: string; name: string; namespace?: { value: string } }): string {
  return object.namespace ? `${object.kind} ${object.namespace.value}/${object.name}` : `${object.kind} ${object.name}`;
}

/** Words for lists in messages: `a`, `a and b`, `a, b and c`. */
export function listWords(items: string[]): string {
  const quoted = items.map((i) => `\`${i}\``);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/** The subject mappings of a binding, paired with their parsed values. */
export function subjectNodes(binding: { node: YAMLMap }): YAMLMap[] {
  return mapItems(seqAt(binding.node, 'subjects'));
}

/** Whether another rule of the same role already allows `verbs` on group/resource (a legacy entry is then harmless). */
export function grantedElsewhere(rule: RuleNodes, group: string, resource: string, verbs: string[]): boolean {
  const [base, sub] = resource.split('/', 2);
  return rule.role.rules.some((other, index) => index !== rule.index && verbs.every((verb) =>
    ruleAllows(other, { kind: 'resource', verb, apiGroup: group, resource: base, subresource: sub })));
}

/**
 * The rule's API groups when every one is a group we know completely (built-in, removed, or served by
 * a workspace CRD); undefined otherwise. Names in unknown groups are never judged. `spelled` maps an
 * entry to the group its author meant, for checks that judge a rule whose group spelling another reports.
 */
export function judgeableGroups(context: CheckContext, rule: RuleNodes, spelled: (group: string) => string = (group) => group): string[] | undefined {
  const groups = scalarItems(rule.fields.apiGroups).map((g) => spelled(g.value));
  if (groups.length === 0 || groups.includes('*')) return undefined;
  return groups.every((g) => context.catalog.isKnownGroup(g) || g in REMOVED_GROUPS) ? groups : undefined;
}

/**
 * The rule's groups when the catalog lists every resource of each (Kubernetes' own groups, removed ones,
 * a connected cluster's): only then is a resource missing from them really not served. A group known
 * only from the workspace's CRDs is not judged by another group's resource of the same name.
 */
export function fullyListedGroups(context: CheckContext, rule: RuleNodes, spelled?: (group: string) => string): string[] | undefined {
  const groups = judgeableGroups(context, rule, spelled);
  return groups?.every((g) => context.catalog.listsAllResourcesOf(g) || g in REMOVED_GROUPS) ? groups : undefined;
}

export interface SubjectEntry {
  /** The binding, seen in the document where the subject is written (a kustomize patch's, for a subject a patch wrote). */
  binding: BindingObject;
  file: SourceFile;
  node: YAMLMap;
  subject: Subject;
}

/** Every subject of every positioned workspace binding, with its mapping node. */
export function* subjectEntries(context: CheckContext): Generator<SubjectEntry> {
  for (const binding of context.index.bindings) yield* positionedSubjects(context, binding);
}

/**
 * A binding's built subjects with their mapping nodes: one a kustomize patch wrote is positioned in the
 * patch; the others where the binding writes them, unless a patch removed or reordered those.
 */
export function positionedSubjects(context: CheckContext, binding: BindingObject): SubjectEntry[] {
  const patched = patchedSubjects(binding);
  // Subjects a kustomize patch removed or reordered no longer line up with their nodes.
  const written = !positioned(binding.doc) || binding.kustomize?.subjectsReplaced ? [] : subjectNodes(binding);
  const out: SubjectEntry[] = [];
  binding.subjects.forEach((subject, i) => {
    const at = patched.get(i);
    if (at) {
      const view = { ...binding, doc: at.doc };
      out.push({ binding: view, file: context.fileOf(view), node: at.map, subject });
    } else if (i < written.length) out.push({ binding, file: context.fileOf(binding), node: written[i], subject });
  });
  return out;
}
