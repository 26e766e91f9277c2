import { visitFieldPath } from './field-paths';
import { asMap, str } from './read-kustomization';
import { currentId, effectiveNamespace, isClusterScoped } from './resource';
import { fieldSpecSelects } from './transform-names';
import type { FieldSpec, JsonMap, NameReference, Resource } from './types';

/**
 * kustomize's last step (FixBackReferences): fields that name another object of the build by a name it
 * had before a transformer changed it are rewritten to its final name (and, for binding subjects, its
 * final namespace). Candidates are looked up by previous name through an index.
 */
export function fixNameReferences(resources: Resource[], table: NameReference[], onProblem: (message: string) => void): void {
  const byPreviousName = new Map<string, Resource[]>();
  const originalNamespaces = new Set(resources.map(originalNamespaceKey));
  for (const resource of resources) {
    for (const name of new Set(resource.previous.map((id) => id.name))) {
      const list = byPreviousName.get(name);
      if (list) list.push(resource);
      else byPreviousName.set(name, [resource]);
    }
  }
  if (byPreviousName.size === 0) return;
  for (const reference of table) {
    for (const spec of reference.fieldSpecs) {
      for (const referrer of resources) {
        if (!fieldSpecSelects(spec, currentId(referrer))) continue;
        const fix = new ReferenceFix(referrer, reference, spec, byPreviousName, originalNamespaces, onProblem);
        visitFieldPath(referrer.data, spec.path, (container, key) => fix.update(container, key));
      }
    }
  }
}

class ReferenceFix {
  constructor(
    private readonly referrer: Resource,
    private readonly reference: NameReference,
    private readonly spec: FieldSpec,
    private readonly byPreviousName: Map<string, Resource[]>,
    /** The namespaces objects of the build were written with: a subject's namespace is looked up among them first. */
    private readonly originalNamespaces: Set<string>,
    private readonly onProblem: (message: string) => void,
  ) {}

  update(container: JsonMap, key: string): void {
    const value = container[key];
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (asMap(item)) this.updateMapping(item as JsonMap);
        else if (typeof item === 'string') value[index] = this.newName(item) ?? item;
      });
    } else if (asMap(value)) this.updateMapping(value as JsonMap);
    else if (typeof value === 'string') container[key] = this.newName(value) ?? value;
  }

  private newName(old: string): string | undefined {
    return this.select(old, this.byPreviousName.get(old) ?? [], false)?.name;
  }

  /** A `{name, namespace}` mapping (a binding subject): both follow the referred object. */
  private updateMapping(map: JsonMap): void {
    const old = str(map.name);
    if (old === undefined) return;
    let candidates = this.byPreviousName.get(old) ?? [];
    const namespace = str(map.namespace);
    if (namespace !== undefined) {
      candidates = this.originalNamespaces.has(namespace)
        ? candidates.filter((c) => originalNamespaceKey(c) === namespace)
        : candidates.filter((c) => str(asMap(c.data.metadata)?.namespace) === namespace);
    }
    const referral = this.select(old, candidates, true);
    if (!referral || (referral.name === old && !referral.namespace)) return;
    map.name = referral.name;
    if (referral.namespace) map.namespace = referral.namespace;
  }

  private isReferralKind(resource: Resource): boolean {
    return resource.previous.some((id) => id.kind === this.reference.kind && (this.reference.group === undefined || id.group === this.reference.group));
  }

  private select(old: string, found: Resource[], withNamespace: boolean): { name: string; namespace: string } | undefined {
    let candidates = found.filter((r) => this.isReferralKind(r));
    if (this.spec.path.endsWith('roleRef/name')) {
      const roleRef = asMap(this.referrer.data.roleRef);
      candidates = candidates.filter((r) => r.previous.some((id) => id.kind === str(roleRef?.kind) && id.group === (str(roleRef?.apiGroup) ?? '')));
    }
    const referrerId = currentId(this.referrer);
    if (!isClusterScoped(referrerId.group, referrerId.kind)) {
      candidates = candidates.filter((r) => {
        const id = currentId(r);
        return isClusterScoped(id.group, id.kind) || id.kind === 'ServiceAccount' || effectiveNamespace(id) === effectiveNamespace(referrerId);
      });
    }
    if (candidates.length > 1) {
      candidates = candidates.filter((r) => sameList(r.prefixes, this.referrer.prefixes) && sameList(r.suffixes, this.referrer.suffixes));
    }
    if (candidates.length === 0) return undefined;
    const ids = candidates.map(currentId);
    const identical = ids.every((id) => id.name === ids[0].name && (!withNamespace || id.namespace === ids[0].namespace));
    if (!identical) {
      this.onProblem(`${old} in ${this.spec.path} of ${referrerId.kind} ${referrerId.name} could refer to ${ids.map((id) => id.name).join(', ')}`);
      return undefined;
    }
    return { name: ids[0].name, namespace: ids[0].namespace };
  }
}

/** kustomize groups candidates by the namespace they were written with, no namespace counting as `default`. */
function originalNamespaceKey(resource: Resource): string {
  return resource.original.namespace === '' ? 'default' : resource.original.namespace;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
