import { printable } from '../emit/yaml-scalar';
import type { DenialFacts } from './denial';

/**
 * One line a person reads: "ServiceAccount shop/web cannot list pods in namespace shop". Pasted text
 * is made printable: a name may carry control characters or line breaks meant for a terminal or a parser.
 */
export function summariseDenial(denial: DenialFacts): string {
  return printable(summary(denial));
}

function summary(denial: DenialFacts): string {
  if (!denial.rbac) return `Not an RBAC denial (${denial.kind})`;
  const s = denial.subject;
  const who = !s || s.kind === 'unknown' || !s.name ? 'An unknown subject' : s.kind === 'ServiceAccount' ? `ServiceAccount ${s.namespace}/${s.name}` : `User ${s.name}`;
  if (denial.kind === 'rbac-escalation') {
    const what = `${denial.resource ?? 'a role or binding'}${denial.resourceName ? ` "${denial.resourceName}"` : ''}`;
    return `${who} may not grant permissions it does not hold (writing ${what})`;
  }
  if (denial.nonResourceURL) return `${who} cannot ${denial.verb} path ${denial.nonResourceURL}`;
  const type = `${denial.resource ?? 'a resource it does not name'}${denial.subresource ? `/${denial.subresource}` : ''}${denial.apiGroup ? `.${denial.apiGroup}` : ''}`;
  const name = denial.resourceName ? ` "${denial.resourceName}"` : '';
  const where = denial.scope === 'cluster' ? ' at cluster scope' : denial.namespace ? ` in namespace ${denial.namespace}` : '';
  return `${who} cannot ${denial.verb ?? 'access'} ${type}${name}${where}`;
}
