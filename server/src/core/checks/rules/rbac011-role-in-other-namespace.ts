import { replaceScalar } from '../../edits/yaml-edits';
import { mapAt, valueNode } from '../../model/yaml-nodes';
import { objectLocation } from '../../model/locate';
import { lookupOf } from '../../model/object-lookup';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, valueRange } from '../helpers';
import type { BindingObject } from '../../model/types';
import type { Policy, RbacRole } from '../../rbac/types';
import type { Finding } from '../types';
import { positioned } from '../../model/syntax-trees';

const info = checkInfo('RBAC011')!;

export const rbac011: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    const defaultRoles = defaultRolesByName(context.builtinPolicy);
    for (const binding of context.index.bindings) {
      if (binding.kind !== 'RoleBinding' || binding.roleRef.kind !== 'Role' || !positioned(binding.doc)) continue;
      const namespace = binding.namespace;
      if (!namespace || namespace.source === 'implicit') continue;
      if (context.resolveRoleRef(binding.roleRef, namespace.value)) continue;
      const elsewhere = lookupOf(context.index).rolesNamed('Role', binding.roleRef.name).filter((r) => r.namespace && r.namespace.source !== 'implicit');
      // A namespace written on the binding, or given by a kustomize build (which the model follows, patches
      // that put such a binding back into kube-system included, as kueue's visibility server does).
      const defaults = namespace.source === 'explicit' || namespace.source === 'kustomize' ? defaultRoles.get(binding.roleRef.name) ?? [] : [];
      if (elsewhere.length === 0 && defaults.length === 0) continue;
      const file = context.fileOf(binding);
      const others = [...new Set([...elsewhere.map((r) => r.namespace!.value), ...defaults.map((r) => r.namespace!)])];
      const isDefault = defaults.length > 0 ? ' (a default Role of Kubernetes)' : '';
      const metadataNs = valueNode(mapAt(binding.node, 'metadata'), 'namespace');
      const fixes = others.length === 1 && namespace.source === 'explicit' && metadataNs
        ? [{ title: `Move the RoleBinding to namespace ${others[0]}`, isPreferred: true, edits: [replaceScalar(file, binding.doc, metadataNs, others[0])] }]
        : [];
      findings.push(finding(info, file, valueRange(file, binding, mapAt(binding.node, 'roleRef'), 'name'),
        `Role "${binding.roleRef.name}"${isDefault} exists only in ${others.join(', ')}, but a RoleBinding can only refer to a Role of its own namespace (${namespace.value}${movedBy(binding)}): this binding grants nothing. Move the binding there${defaults.length > 0 ? '' : ', or make the role a ClusterRole'}.`,
        fixes,
        elsewhere.map((r) => ({ location: objectLocation(context.fileOf(r), r), message: `Role ${r.namespace!.value}/${r.name}` }))));
    }
    return findings;
  },
};

/** Where the namespace came from, when a kustomize build moved the binding there. */
function movedBy(binding: BindingObject): string {
  if (binding.namespace?.source !== 'kustomize') return '';
  const written = binding.kustomize?.written.namespace;
  return `, where the kustomize build's \`namespace:\` moves it${written ? ` from ${written}` : ''}`;
}

/** The namespaced Roles Kubernetes creates itself (kube-system, kube-public), by name: from the bootstrap policy. */
function defaultRolesByName(builtins: Policy): Map<string, RbacRole[]> {
  const byName = new Map<string, RbacRole[]>();
  for (const role of builtins.roles) {
    if (role.kind === 'Role' && role.namespace) byName.set(role.name, [...(byName.get(role.name) ?? []), role]);
  }
  return byName;
}
