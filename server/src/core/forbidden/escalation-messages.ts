import { splitQualified } from './resource-words';
import { subjectOf, type Denial, type Located, type MissingRule } from './types';

const PREFIX = String.raw`(?:(?<![a-z0-9./-])([a-z0-9][a-z0-9.\/-]*)\s(?:"([^"]*)"\s)?is forbidden:\s)?`;
/** Since 1.12: `user "u" (groups=["a" "b"]) is attempting to grant RBAC permissions not currently held: {APIGroups:[…], …}…` */
const CURRENT = new RegExp(`${PREFIX}user\\s"([^"]*)"\\s\\(groups=\\[([^\\]]*)\\]\\)\\sis attempting to grant RBAC permissions not currently held:?((?:\\s*\\{[^}]*\\})*)(?:;\\sresolution errors:\\s(\\[[^\\]]*\\]?))?`, 'g');
/** Before 1.12: `attempt to grant extra privileges: [{[verbs] [groups] [resources] [names] [urls]} …] user=&{name uid [groups] map[]} …` */
const OLD = new RegExp(`${PREFIX}attempt to grant extra privileges:?\\s*(\\[(?:[^\\]\\[]|\\[[^\\]]*\\])*(?:\\]|\\.\\.\\.|$))?(?:\\s*user=(<nil>|&\\{[^}]*\\}))?`, 'g');

/** ClusterRoles with an aggregationRule need full authority (or `escalate`). */
const AGGREGATION = new RegExp(`${PREFIX}must have cluster-admin privileges to use the aggregationRule`, 'g');

export function findEscalations(text: string): Located[] {
  const out: Located[] = [];
  for (const m of text.matchAll(AGGREGATION)) {
    const [, prefix, name] = m;
    const fullAuthority: MissingRule[] = [
      { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
      { verbs: ['*'], apiGroups: [], resources: [], nonResourceURLs: ['*'] },
    ];
    const denial = escalation(text, m.index!, prefix ?? 'clusterroles.rbac.authorization.k8s.io', name, subjectOf(undefined), fullAuthority, false);
    denial.explanation = 'Only a user with full authority (cluster-admin) may create a ClusterRole with an aggregationRule, unless granted `escalate` on clusterroles (rbac.authorization.k8s.io): apply it as an administrator, or grant escalate to this deployer.';
    out.push({ at: m.index!, end: m.index! + m[0].length, denial });
  }
  for (const m of text.matchAll(CURRENT)) {
    const [, prefix, name, user, groups, rules, resolutionErrors] = m;
    const groupList = [...groups.matchAll(/"([^"]*)"/g)].map((g) => g[1]);
    const denial = escalation(text, m.index!, prefix, name, subjectOf(user, groupList), rules.trim() ? parseCompactRules(rules) : null, false);
    if (resolutionErrors) denial.rbacErrors = resolutionErrors.replace(/^\[|\]$/g, '');
    out.push({ at: m.index!, end: m.index! + m[0].length, denial });
  }
  for (const m of text.matchAll(OLD)) {
    const [, prefix, name, rules, user] = m;
    const subject = parseOldUser(user);
    out.push({ at: m.index!, end: m.index! + m[0].length, denial: escalation(text, m.index!, prefix, name, subject, rules ? parseOldRules(rules) : null, true) });
  }
  return out;
}

function escalation(
  text: string, at: number, prefix: string | undefined, name: string | undefined, subject: Denial['subject'],
  missingRules: MissingRule[] | null, old: boolean,
): Denial {
  const qualified = prefix ? splitQualified(prefix) : undefined;
  const resource = qualified?.resource ?? null;
  const group = qualified ? qualified.group ?? (resource && /^(cluster)?role(binding)?s$/.test(resource) ? 'rbac.authorization.k8s.io' : '') : null;
  const context = text.slice(Math.max(0, at - 200), at);
  const action = /error when (creating|replacing|patching|updating)[^:]*:\s*$/.exec(context)?.[1] ?? /error when (creating|replacing|patching|updating)/.exec(context)?.[1];
  const verb = action === 'creating' ? 'create' : action === 'replacing' || action === 'updating' ? 'update' : action === 'patching' ? 'patch' : old ? 'create' : null;
  return {
    rbac: true,
    kind: 'rbac-escalation',
    subject,
    verb,
    apiGroup: group,
    resource,
    subresource: null,
    resourceName: name ?? null,
    namespace: null,
    scope: resource && /^cluster/.test(resource) ? 'cluster' : 'unknown',
    nonResourceURL: null,
    missingRules,
  };
}

/** `{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}` (CompactString), one per missing rule. */
export function parseCompactRules(text: string): MissingRule[] {
  return [...text.matchAll(/\{([^}]*)\}/g)].map((m) => {
    const field = (name: string) => {
      const f = new RegExp(`${name}:\\[([^\\]]*)\\]`).exec(m[1]);
      return f ? [...f[1].matchAll(/"([^"]*)"/g)].map((v) => v[1]) : [];
    };
    const rule: MissingRule = { verbs: field('Verbs'), apiGroups: field('APIGroups'), resources: field('Resources') };
    const names = field('ResourceNames');
    const urls = field('NonResourceURLs');
    if (names.length) rule.resourceNames = names;
    if (urls.length) rule.nonResourceURLs = urls;
    return rule;
  });
}

/** Go struct dumps `{[get] [] [pods] [] []}`; 1.3-era dumps add a `<nil>` AttributeRestrictions second field. */
export function parseOldRules(text: string): MissingRule[] {
  return [...text.matchAll(/\{((?:\[[^\]]*\]|<nil>)(?:\s+(?:\[[^\]]*\]|<nil>))*)\}/g)].map((m) => {
    let fields = [...m[1].matchAll(/\[([^\]]*)\]|<nil>/g)].map((f) => (f[1] === undefined ? null : f[1].split(/\s+/).filter(Boolean)));
    if (fields.length === 6) fields = [fields[0], ...fields.slice(2)];
    const [verbs, groups, resources, names, urls] = fields.map((f) => f ?? []);
    return {
      verbs: verbs ?? [],
      // An empty group list in the dump is the core group.
      apiGroups: groups && groups.length ? groups : (resources ?? []).length ? [''] : [],
      resources: resources ?? [],
      resourceNames: names ?? [],
      nonResourceURLs: urls ?? [],
    };
  });
}

function parseOldUser(user: string | undefined): Denial['subject'] {
  if (!user || user === '<nil>') return subjectOf(undefined);
  const m = /&\{(\S*)\s+\S*\s*\[([^\]]*)\]/.exec(user);
  if (!m) return subjectOf(undefined);
  const groups = m[2].split(/\s+/).filter(Boolean);
  return subjectOf(m[1], groups.length ? groups : null);
}
