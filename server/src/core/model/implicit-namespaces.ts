import { dirname } from '../kustomize/paths';
import type { K8sObject, ServiceAccountObject } from './types';

interface IndexLike {
  objects: K8sObject[];
  serviceAccounts: ServiceAccountObject[];
  bindings: { subjects: { kind: string; name: string; namespace?: string }[]; namespace?: { source: string }; doc: { file: string } }[];
}

/**
 * Objects without a namespace get the one `kubectl apply -n` will most likely be given: the namespace
 * that explicit ServiceAccount subjects name for ServiceAccounts these files define without one
 * (argo-cd's ClusterRoleBindings say `argocd` for the ServiceAccounts of the same files). Decided per
 * file, then per directory; `default` otherwise. The source stays 'implicit' so checks treat it as a guess.
 */
export function assumeImplicitNamespaces(index: IndexLike): void {
  const implicitAccounts = new Map<string, ServiceAccountObject[]>();
  for (const sa of index.serviceAccounts) {
    if (sa.namespace?.source !== 'implicit') continue;
    const same = implicitAccounts.get(sa.name);
    if (same) same.push(sa);
    else implicitAccounts.set(sa.name, [sa]);
  }
  if (implicitAccounts.size === 0) return;

  const byFile = new Map<string, Set<string>>();
  const byDir = new Map<string, Set<string>>();
  for (const binding of index.bindings) {
    for (const subject of binding.subjects) {
      if (subject.kind !== 'ServiceAccount' || !subject.namespace) continue;
      for (const sa of implicitAccounts.get(subject.name) ?? []) {
        if (dirname(sa.doc.file) !== dirname(binding.doc.file)) continue;
        add(byFile, sa.doc.file, subject.namespace);
        add(byDir, dirname(sa.doc.file), subject.namespace);
      }
    }
  }
  for (const object of index.objects) {
    if (object.namespace?.source !== 'implicit') continue;
    const assumed = single(byFile.get(object.doc.file)) ?? single(byDir.get(dirname(object.doc.file)));
    if (assumed) object.namespace = { value: assumed, source: 'implicit' };
  }
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}

function single(set: Set<string> | undefined): string | undefined {
  return set && set.size === 1 ? [...set][0] : undefined;
}
