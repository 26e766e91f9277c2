import { relativeFolder } from '../../kustomize/paths';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, nameRange } from '../helpers';
import type { Finding } from '../types';
import { positioned } from '../../model/syntax-trees';

const info = checkInfo('RBAC036')!;
const SAID_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ServiceAccount']);

/**
 * An object in a kustomization's folder that no build emits is never deployed by `kubectl apply -k`:
 * said at its name, and it satisfies no roleRef or subject elsewhere (the model leaves it out).
 */
export const rbac036: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const { object, refusedBuilds } of context.index.kustomizeNotBuilt) {
      // Said for what RBAC resolves against (roles, bindings, ServiceAccounts); a workload left out is
      // usually a patch a scaffold keeps commented out in the kustomization (kubebuilder's config/default).
      if (!positioned(object.doc) || !SAID_KINDS.has(object.kind)) continue;
      const file = context.fileOf(object);
      const why = refusedBuilds.length > 0
        ? `the only builds that include it are refused by kubectl (${refusedBuilds.map((b) => relativeFolder(file.path, b)).join(', ')})`
        : 'no kustomization includes this file';
      findings.push(finding(info, file, nameRange(file, object),
        `${object.kind} ${object.name} is not part of any build: ${why}, so kubectl kustomize never emits it and nothing here counts it as deployed.`));
    }
    return findings;
  },
};
