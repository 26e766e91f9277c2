import { printable } from '../emit/yaml-scalar';
import type { DenialFacts } from './denial';
import { qualifiedResource } from '../rbac/resource-name';

/**
 * One line a person reads: "ServiceAccount shop/web cannot list pods in namespace shop". Pasted text
 * is made printable: a name may carry control characters or line breaks meant for a terminal or a parser.
 */
export function summariseDenial(denial: DenialFacts): string {
  return printable(summary(denial));
}

/** Longest pasted field shown whole; a longer one (a 2 MB namespace) is cut, so one line stays one line. */
const FIELD_CHARS = 120;

function cut(value: string | null | undefined): string | null | undefined {
  return value && value.length > FIELD_CHARS ? `${value.slice(0, FIELD_CHARS - 3)}...` : value;
}

function summary(full: DenialFacts): string {
  const denial: DenialFacts = {
    ...full,
    subject: full.subject && { ...full.subject, name: cut(full.subject.name) ?? null, namespace: cut(full.subject.namespace) ?? null },
    verb: cut(full.verb) ?? null, apiGroup: cut(full.apiGroup) ?? null, resource: cut(full.resource) ?? null,
    subresource: cut(full.subresource) ?? null, resourceName: cut(full.resourceName) ?? null, namespace: cut(full.namespace) ?? null,
    nonResourceURL: cut(full.nonResourceURL) ?? null,
  };
  if (!denial.rbac) return `Not an RBAC denial (${denial.kind})`;
  const s = denial.subject;
  const who = !s || s.kind === 'unknown' || !s.name ? 'An unknown subject' : s.kind === 'ServiceAccount' ? `ServiceAccount ${s.namespace}/${s.name}` : `User ${s.name}`;
  if (denial.kind === 'rbac-escalation') {
    const what = `${denial.resource ?? 'a role or binding'}${denial.resourceName ? ` "${denial.resourceName}"` : ''}`;
    return `${who} may not grant permissions it does not hold (writing ${what})`;
  }
  if (denial.nonResourceURL) return `${who} cannot ${denial.verb} path ${denial.nonResourceURL}`;
  const type = qualifiedResource(denial.resource ?? 'a resource it does not name', denial.apiGroup, denial.subresource);
  const name = denial.resourceName ? ` "${denial.resourceName}"` : '';
  const where = denial.scope === 'cluster' ? ' at cluster scope' : denial.namespace ? ` in namespace ${denial.namespace}` : '';
  return `${who} cannot ${denial.verb ?? 'access'} ${type}${name}${where}`;
}
