import { visitFieldPath } from './field-paths';
import { asMap, str } from './read-kustomization';
import { metadataOf, rememberId } from './resource';
import type { FieldSpec, ResId, Resource } from './types';

/** Kinds kustomize never renames with a prefix or suffix. */
function keepsItsName(id: ResId): boolean {
  return id.kind === 'CustomResourceDefinition' || id.kind === 'Namespace' || (id.kind === 'APIService' && id.group === 'apiregistration.k8s.io');
}

export const NAME_FIELD: FieldSpec[] = [{ path: 'metadata/name' }];

export function fieldSpecSelects(spec: FieldSpec, id: ResId): boolean {
  return (spec.kind === undefined || spec.kind === id.kind) && (spec.group === undefined || spec.group === id.group);
}

/** namePrefix / nameSuffix, and the PrefixSuffixTransformer with its own field specs (e.g. subjects/name). */
export function applyPrefixSuffix(resources: Resource[], prefix: string, suffix: string, fieldSpecs: FieldSpec[] = NAME_FIELD): void {
  if (!prefix && !suffix) return;
  for (const resource of resources) {
    if (keepsItsName(resource.original)) continue;
    for (const spec of fieldSpecs) {
      if (!fieldSpecSelects(spec, resource.original)) continue;
      if (spec.path === 'metadata/name') {
        rememberId(resource);
        if (prefix) resource.prefixes.push(prefix);
        if (suffix) resource.suffixes.push(suffix);
        const metadata = metadataOf(resource.data);
        metadata.name = `${prefix}${str(metadata.name) ?? ''}${suffix}`;
        continue;
      }
      visitFieldPath(resource.data, spec.path, (container, key) => {
        const value = str(container[key]);
        if (value !== undefined) container[key] = `${prefix}${value}${suffix}`;
        else if (Array.isArray(container[key])) {
          container[key] = (container[key] as unknown[]).map((v) => (typeof v === 'string' ? `${prefix}${v}${suffix}` : v)) as never;
        }
      });
    }
  }
}

/** commonLabels / labels: added to metadata.labels (RBAC reads them for aggregation). */
export function applyLabels(resources: Resource[], labels: Record<string, string>): void {
  if (Object.keys(labels).length === 0) return;
  for (const resource of resources) {
    const metadata = metadataOf(resource.data);
    const existing = asMap(metadata.labels) ?? {};
    metadata.labels = { ...existing, ...labels };
  }
}
