import { mapAt } from '../../model/yaml-nodes';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { describe, finding, valueRange } from '../helpers';
import { isFullWildcard } from '../risky-helpers';
import type { Finding } from '../types';
import { positioned } from '../../model/syntax-trees';

const info = checkInfo('RBAC102')!;

export const rbac102: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const binding of context.index.bindings) {
      if (!positioned(binding.doc) || binding.roleRef.kind !== 'ClusterRole' && binding.roleRef.kind !== 'Role') continue;
      const role = context.resolveRoleRef(binding.roleRef, binding.kind === 'RoleBinding' ? binding.namespace?.value : undefined);
      const admin = binding.roleRef.name === 'cluster-admin' || (role !== undefined && role.rules.length > 0 && role.rules.some(isFullWildcard));
      if (!admin) continue;
      const file = context.fileOf(binding);
      const where = binding.kind === 'ClusterRoleBinding' ? 'over the whole cluster' : `over everything in namespace ${binding.namespace?.value}`;
      findings.push(finding(info, file, valueRange(file, binding, mapAt(binding.node, 'roleRef'), 'name'),
        `${describe(binding)} gives full control ${where} (${binding.roleRef.name} allows every verb on every resource): its subjects can read every Secret and grant themselves anything.`));
    }
    return findings;
  },
};
