import { replaceScalar } from '../../edits/yaml-edits';
import { mapAt, valueNode } from '../../model/yaml-nodes';
import { objectLocation } from '../../model/locate';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, valueRange } from '../helpers';
import type { Finding } from '../types';

const info = checkInfo('RBAC011')!;

export const rbac011: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const binding of context.index.bindings) {
      if (binding.kind !== 'RoleBinding' || binding.roleRef.kind !== 'Role' || !binding.doc.yaml) continue;
      const namespace = binding.namespace;
      if (!namespace || namespace.source === 'implicit') continue;
      if (context.resolveRoleRef(binding.roleRef, namespace.value)) continue;
      const elsewhere = context.index.roles.filter((r) => r.kind === 'Role' && r.name === binding.roleRef.name && r.namespace && r.namespace.source !== 'implicit');
      if (elsewhere.length === 0) continue;
      const file = context.fileOf(binding);
      const others = [...new Set(elsewhere.map((r) => r.namespace!.value))];
      const metadataNs = valueNode(mapAt(binding.node, 'metadata'), 'namespace');
      const fixes = others.length === 1 && namespace.source === 'explicit' && metadataNs
        ? [{ title: `Move the RoleBinding to namespace ${others[0]}`, isPreferred: true, edits: [replaceScalar(file, binding.doc, metadataNs, others[0])] }]
        : [];
      findings.push(finding(info, file, valueRange(file, binding, mapAt(binding.node, 'roleRef'), 'name'),
        `Role "${binding.roleRef.name}" exists only in ${others.join(', ')}, but a RoleBinding can only refer to a Role of its own namespace (${namespace.value}): this binding grants nothing. Move the binding there, or make the role a ClusterRole.`,
        fixes,
        elsewhere.map((r) => ({ location: objectLocation(context.fileOf(r), r), message: `Role ${r.namespace!.value}/${r.name}` }))));
    }
    return findings;
  },
};
