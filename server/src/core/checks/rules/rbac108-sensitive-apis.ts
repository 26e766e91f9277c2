import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, rangeOfNode, ruleNodes, scalarItems } from '../helpers';
import { allows, hasWildcard, heldByPeople, ruleOf } from '../risky-helpers';
import type { Finding } from '../types';

const info = checkInfo('RBAC108')!;
const SENSITIVE: { group: string; resource: string; sub?: string; verbs: string[]; why: string }[] = [
  { group: '', resource: 'nodes', sub: 'proxy', verbs: ['get', 'create', 'update', 'patch', 'delete'], why: 'nodes/proxy reaches the kubelet API: exec into any pod on the node' },
  { group: '', resource: 'serviceaccounts', sub: 'token', verbs: ['create'], why: 'serviceaccounts/token mints tokens for ServiceAccounts, with their permissions' },
  { group: 'certificates.k8s.io', resource: 'certificatesigningrequests', sub: 'approval', verbs: ['update', 'patch'], why: 'approving CSRs can issue client certificates for any user or node' },
  { group: 'certificates.k8s.io', resource: 'signers', verbs: ['approve', 'sign'], why: 'approving or signing for a signer issues certificates it trusts' },
  { group: 'admissionregistration.k8s.io', resource: 'mutatingwebhookconfigurations', verbs: ['create', 'update', 'patch'], why: 'a mutating webhook sees and can change every matching object' },
  { group: 'admissionregistration.k8s.io', resource: 'validatingwebhookconfigurations', verbs: ['create', 'update', 'patch'], why: 'a validating webhook sees every matching object and can block them' },
  { group: '', resource: 'services', sub: 'status', verbs: ['update', 'patch'], why: 'services/status sets load-balancer IPs that others trust (CVE-2020-8554)' },
];

export const rbac108: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const rule of ruleNodes(context)) {
      const data = ruleOf(rule);
      if (hasWildcard(data)) continue;
      for (const s of SENSITIVE) {
        const verbs = allows(data, s.verbs, s.group, s.resource, s.sub);
        if (verbs.length === 0) continue;
        const name = s.sub ? `${s.resource}/${s.sub}` : s.resource;
        const item = scalarItems(rule.fields.resources).find((i) => i.value === name);
        const f = finding(info, rule.file, rangeOfNode(rule.file, rule.role, item?.node ?? rule.node), `${verbs.join(', ')} on ${name}: ${s.why}.`);
        findings.push(heldByPeople(context, rule.role) ? f : { ...f, severity: 'information' });
      }
    }
    return findings;
  },
};
