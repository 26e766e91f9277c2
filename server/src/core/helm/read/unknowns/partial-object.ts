import type { YAMLMap } from 'yaml';
import { readAggregation, readRoleRef, readRules, readSubjects } from '../../../model/extract-objects';
import type { PartialObject } from '../../../model/types';
import { mapAt, stringAt, stringMapAt } from '../../../model/yaml-nodes';
import { NOT_KNOWN, type UnknownParts } from '../../../rbac/types';
import type { Unknowns } from '../settle-unknowns';

/**
 * A role or binding left out whole because its name, namespace, roleRef or API is not known, as far as
 * it can be read (unknown items already removed): what it might grant is judged on these known parts.
 * Undefined for other kinds, and when its kind itself is not known.
 */
export function partialObject(root: YAMLMap, kind: string, unknowns: Unknowns, unread: PartialObject['unread']): PartialObject | undefined {
  const { parts } = unknowns;
  if (parts.has('kind')) return undefined;
  const metadata = mapAt(root, 'metadata');
  const name = parts.has('metadata.name') ? undefined : stringAt(metadata, 'name');
  const namespaced = kind === 'Role' || kind === 'RoleBinding';
  const namespaceUnknown = namespaced && parts.has('metadata.namespace');
  const writtenNamespace = namespaced && !namespaceUnknown ? stringAt(metadata, 'namespace') : undefined;
  const unknownParts: UnknownParts = {
    why: unknowns.dropObject ?? 'it could not be read',
    ...(name === undefined ? { name: true } : {}),
    ...(namespaceUnknown ? { namespace: true } : {}),
  };
  // Labels printed where they cannot be read (`metadata.labels` or metadata itself) might be any labels.
  if (parts.has('metadata.labels') || parts.has('metadata.')) unknownParts.labels = true;
  const base = {
    name: name ?? NOT_KNOWN,
    ...(namespaced ? { namespace: namespaceUnknown ? NOT_KNOWN : writtenNamespace } : {}),
    ...(namespaced && !namespaceUnknown && writtenNamespace === undefined ? { inReleaseNamespace: true } : {}),
    ...(unread?.length ? { unread } : {}),
    ...(root.range ? { start: root.range[0] } : {}),
  };
  if (kind === 'Role' || kind === 'ClusterRole') {
    return { ...base, kind, labels: stringMapAt(metadata, 'labels'), rules: readRules(root), aggregationRule: readAggregation(root), unknownParts };
  }
  if (kind !== 'RoleBinding' && kind !== 'ClusterRoleBinding') return undefined;
  const written = readRoleRef(root);
  // Text printed into roleRef where it cannot be read may set any of its fields.
  const wholeRef = parts.has('roleRef');
  if (wholeRef || parts.has('roleRef.kind')) unknownParts.roleRefKind = true;
  if (wholeRef || parts.has('roleRef.name')) unknownParts.roleRefName = true;
  if (unknowns.dropSubjects.size > 0 || unknowns.subjectsGenerated) unknownParts.subjects = true;
  const roleRef = { apiGroup: written.apiGroup, kind: unknownParts.roleRefKind ? NOT_KNOWN : written.kind, name: unknownParts.roleRefName ? NOT_KNOWN : written.name };
  return { ...base, kind, roleRef, subjects: readSubjects(root), unknownParts };
}
