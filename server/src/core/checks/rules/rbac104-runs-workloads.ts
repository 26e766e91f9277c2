import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, rangeOfNode, ruleNodes, scalarItems } from '../helpers';
import { allows, hasWildcard, ruleOf } from '../risky-helpers';
import type { Finding } from '../types';

const info = checkInfo('RBAC104')!;
const WORKLOADS: [string, string][] = [['', 'pods'], ['', 'replicationcontrollers'], ['apps', 'deployments'], ['apps', 'replicasets'],
  ['apps', 'statefulsets'], ['apps', 'daemonsets'], ['batch', 'jobs'], ['batch', 'cronjobs']];
const CHANGING = ['create', 'update', 'patch'];
// A Job's pod template is immutable once created (the API server refuses the change): only creating one runs code.
const verbsThatRun = (resource: string) => (resource === 'jobs' ? ['create'] : CHANGING);

export const rbac104: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const rule of ruleNodes(context)) {
      const data = ruleOf(rule);
      if (hasWildcard(data)) continue;
      const hits = WORKLOADS.filter(([g, r]) => allows(data, verbsThatRun(r), g, r).length > 0 && !data.resourceNames?.length);
      if (hits.length === 0) continue;
      const item = scalarItems(rule.fields.resources).find((i) => hits.some(([, r]) => r === i.value));
      findings.push(finding(info, rule.file, rangeOfNode(rule.file, rule.role, item?.node ?? rule.node),
        `Can create or change ${hits.map(([, r]) => r).join(', ')}: that runs any image as any ServiceAccount of the namespace, so it carries those ServiceAccounts' permissions too.`));
    }
    return findings;
  },
};
