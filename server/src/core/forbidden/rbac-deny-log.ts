import { splitOldResource } from './resource-words';
import { subjectOf, type Located } from './types';

/**
 * The RBAC authorizer's own log line at -v=2 (1.6 and later): `RBAC DENY: user "u" groups ["g1" "g2"]
 * cannot "verb" resource "res[.group][/sub]" [named "name"] (in namespace "ns" | cluster-wide)`, or
 * `cannot "verb" nonResourceURL "/path" cluster-wide`. The resource carries its group only when it has
 * one, so a bare resource is in the core group.
 */
const RBAC_DENY = /RBAC DENY: user "([^"]*)" groups \[([^[\]\n]*)\] cannot "([^"]*)" (?:resource "([^"]*)"(?: named "([^"]*)")?|nonResourceURL "([^"]*)") (?:in namespace "([^"]*)"|(cluster-wide))/g;

export function findRbacDenyLines(text: string): Located[] {
  if (!text.includes('RBAC DENY')) return [];
  const out: Located[] = [];
  for (const m of text.matchAll(RBAC_DENY)) {
    const [whole, user, groupList, verb, written, name, path, namespace] = m;
    const groups = [...groupList.matchAll(/"([^"]*)"/g)].map((g) => g[1]);
    const subject = subjectOf(user, groups);
    const at = m.index!;
    if (path !== undefined) {
      out.push({ at, end: at + whole.length, denial: {
        rbac: true, kind: 'rbac', subject, verb, apiGroup: null, resource: null, subresource: null, resourceName: null,
        namespace: null, scope: 'non-resource', nonResourceURL: path,
      } });
      continue;
    }
    const { resource, subresource, group } = splitOldResource(written);
    out.push({ at, end: at + whole.length, denial: {
      rbac: true, kind: 'rbac', subject, verb, apiGroup: group ?? '', resource, subresource, resourceName: name ?? null,
      namespace: namespace ?? null, scope: namespace !== undefined ? 'namespaced' : 'cluster', nonResourceURL: null,
    } });
  }
  return out;
}
