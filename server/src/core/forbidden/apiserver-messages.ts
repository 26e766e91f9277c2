import { inferGroup, splitQualified, splitSubresource } from './resource-words';
import { subjectOf, type Denial, type Located } from './types';

// `<qualified resource> ["<name>"] is forbidden: ` — the optional prefix before the authorizer's text.
const PREFIX = String.raw`(?:([a-z0-9][a-z0-9.\/-]*)\s(?:"([^"]*)"\s)?is forbidden:\s)?`;
const SCOPE = String.raw`(?:\s(?:in the namespace|in project)\s"([^"]*)"|\s(at the cluster scope))?`;

/** Kubernetes ≥ 1.12: `User "u" cannot VERB resource "res[/sub]" in API group "g" (in the namespace "ns" | at the cluster scope)`. */
const MODERN = new RegExp(`${PREFIX}User\\s"([^"]*)"\\scannot\\s(\\S+)\\sresource\\s"([^"]*)"(?:\\sin API group\\s"([^"]*)")?${SCOPE}(:\\s[^,"]*)?`, 'g');
/** Non-resource requests: `User "u" cannot get path "/healthz"`. */
const NON_RESOURCE = new RegExp(`${PREFIX}User\\s"([^"]*)"\\scannot\\s(\\S+)\\spath\\s"([^"]*)"`, 'g');
/** Before 1.12: `User "u" cannot VERB res[.group] (in the namespace "ns" | at the cluster scope)`, user possibly redacted. */
const OLD = new RegExp(`${PREFIX}User\\s(?:"([^"]*)"\\s)?cannot\\s(\\S+)\\s(?!resource\\s"|path\\s")(all namespaces in the cluster|[a-z0-9][a-z0-9.\\/-]*[a-z0-9])${SCOPE}(\\.?:?\\s"?Unknown user[^(]*)?(?:\\s?\\((\\S+)\\s(\\S+)(?:\\s([^)\\s]+))?\\))?`, 'g');

export function findApiserverDenials(text: string): Located[] {
  const out: Located[] = [];
  for (const m of text.matchAll(MODERN)) {
    const [, prefix, prefixName, user, verb, combined, group, namespace, cluster, suffix] = m;
    const { resource, subresource } = splitSubresource(combined);
    out.push({ at: m.index!, end: m.index! + m[0].length, denial: withSuffix(build(prefix, prefixName, user, verb, resource, subresource, group ?? groupOf(prefix, resource), namespace, cluster), suffix) });
  }
  for (const m of text.matchAll(NON_RESOURCE)) {
    const [, , , user, verb, path] = m;
    out.push({ at: m.index!, end: m.index! + m[0].length, denial: {
      rbac: true, kind: 'rbac', subject: subjectOf(user), verb, apiGroup: null, resource: null, subresource: null,
      resourceName: null, namespace: null, scope: 'non-resource', nonResourceURL: path,
    } });
  }
  for (const m of text.matchAll(OLD)) {
    const [, prefix, prefixName, user, verb, written, namespace, cluster, , hintVerb, hintResource, hintName] = m;
    if (written === 'resource' || written === 'path') continue;
    const allNamespaces = written === 'all namespaces in the cluster';
    const qualified = splitQualified(allNamespaces ? 'namespaces' : written);
    const { resource, subresource } = splitSubresource(qualified.resource);
    const group = qualified.group ?? groupOf(prefix, resource) ?? inferGroup(resource);
    const name = prefixName ?? (hintName && hintResource && hintVerb ? hintName : undefined);
    const denial = build(prefix, name, user, verb, resource, subresource, group ?? undefined, namespace, cluster || (allNamespaces ? 'cluster' : undefined));
    if (group === null) denial.apiGroup = null;
    out.push({ at: m.index!, end: m.index! + m[0].length, denial });
  }
  return out;
}

/** The group from the `resource.group is forbidden` prefix, when it names the same resource. */
function groupOf(prefix: string | undefined, resource: string): string | undefined {
  if (!prefix) return undefined;
  const { resource: prefixResource, group } = splitQualified(splitSubresource(prefix).resource);
  if (prefixResource !== resource) return undefined;
  return group ?? '';
}

function build(
  prefix: string | undefined, name: string | undefined, user: string | undefined, verb: string, resource: string,
  subresource: string | null, group: string | undefined, namespace: string | undefined, cluster: string | undefined,
): Denial {
  const subject = subjectOf(user);
  const denial: Denial = {
    rbac: true,
    kind: subject.kind === 'unknown' ? 'rbac-partial' : verb === 'impersonate' ? 'impersonation' : 'rbac',
    subject,
    verb,
    apiGroup: group ?? (prefix ? '' : inferGroup(resource)),
    resource,
    subresource,
    resourceName: name ?? null,
    namespace: namespace ?? null,
    scope: namespace !== undefined ? 'namespaced' : cluster ? 'cluster' : 'unknown',
    nonResourceURL: null,
  };
  return denial;
}

/** Authorizer suffixes: the node authorizer's, and RBAC's own resolution errors. */
function withSuffix(denial: Denial, suffix: string | undefined): Denial {
  if (!suffix) return denial;
  if (/no relationship found between node/.test(suffix)) return { ...denial, kind: 'node-authorizer' };
  const rbacError = /RBAC:\s(.*)$/.exec(suffix);
  if (rbacError) return { ...denial, rbacErrors: rbacError[1].trim() };
  return denial;
}
