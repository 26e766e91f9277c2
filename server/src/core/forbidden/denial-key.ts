import type { Denial } from './types';

/**
 * Identical denials (explanation aside) share a key: a log repeats the same 403 many times. Each field
 * is written with its length, so no name, however odd its characters, can make two denials' keys meet.
 * `unnamed` leaves the object's name out (a restated denial without it is the same request).
 */
export function denialKey(denial: Denial, unnamed = false): string {
  const s = denial.subject;
  let key = `${denial.rbac ? 1 : 0}${denial.kind}|${denial.scope ?? '-'}|`;
  key += s ? `${s.kind}${field(s.name)}${field(s.namespace)}${s.groups ? `${s.groups.length}${s.groups.map(field).join('')}` : '-'}` : '-';
  key += field(denial.verb) + field(denial.apiGroup) + field(denial.resource) + field(denial.subresource);
  key += field(unnamed ? null : denial.resourceName) + field(denial.namespace) + field(denial.nonResourceURL);
  if (denial.missingRules !== undefined) key += `r${JSON.stringify(denial.missingRules)}`;
  if (denial.rbacErrors !== undefined) key += `e${field(denial.rbacErrors)}`;
  return key;
}

function field(value: string | null): string {
  return value === null ? '-' : `${value.length}:${value}`;
}
