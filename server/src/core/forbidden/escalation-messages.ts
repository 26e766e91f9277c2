import { denialFromRequest } from './request-urls';
import { splitQualified } from './resource-words';
import { subjectOf, type Denial, type Located, type MissingRule } from './types';

const PREFIX = String.raw`(?:(?<![a-z0-9./-])([a-z0-9][a-z0-9.\/-]*)\s(?:"([^"]*)"\s)?is forbidden:\s)?`;
/**
 * Since 1.12: `user "u" (groups=["a" "b"]) is attempting to grant RBAC permissions not currently held: {APIGroups:[…], …}…`.
 * The rules and resolution errors after the heading are read by `readCompactRules`.
 */
const CURRENT = new RegExp(`${PREFIX}user\\s"([^"]*)"\\s\\(groups=\\[([^[\\]]*)\\]\\)\\sis attempting to grant RBAC permissions not currently held:?`, 'g');
/** `; resolution errors: [e1, e2]` after the rules (the closing bracket lost when the paste was cut). */
const RESOLUTION_ERRORS = /;\sresolution errors:\s(\[[^[\]]*\]?)/y;
/**
 * Before 1.12: `attempt to grant extra privileges: [{[verbs] [groups] [resources] [names] [urls]} …] user=&{name uid [groups] map[]} …`.
 * The rule dump after the heading is read by `oldRuleDump`.
 */
const OLD = new RegExp(`${PREFIX}attempt to grant extra privileges:?`, 'g');
const OLD_USER = /\s?user=(<nil>|&\{[^{}]*\})/y;

/** ClusterRoles with an aggregationRule need full authority (or `escalate`). */
const AGGREGATION = new RegExp(`${PREFIX}must have cluster-admin privileges to use the aggregationRule`, 'g');

export function findEscalations(text: string): Located[] {
  const out: Located[] = [];
  if (!text.includes('grant') && !text.includes('aggregationRule')) return out;
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
  const current = [...text.matchAll(CURRENT)];
  current.forEach((m, i) => {
    const [, prefix, name, user, groups] = m;
    const limit = current[i + 1]?.index ?? text.length;
    const rules = compactRulesAfter(text, m.index! + m[0].length, limit);
    const groupList = [...groups.matchAll(/"([^"]*)"/g)].map((g) => g[1]);
    const ruleText = text.slice(m.index! + m[0].length, rules.end);
    const denial = escalation(text, m.index!, prefix, name, subjectOf(user, groupList), ruleText.trim() ? parseCompactRules(ruleText) : null, false);
    let end = rules.end;
    RESOLUTION_ERRORS.lastIndex = end;
    const resolution = RESOLUTION_ERRORS.exec(text);
    if (resolution && resolution.index + resolution[0].length <= limit) {
      denial.rbacErrors = resolution[1].replace(/^\[|\]$/g, '');
      end = resolution.index + resolution[0].length;
    }
    out.push({ at: m.index!, end, denial });
  });
  const old = [...text.matchAll(OLD)];
  old.forEach((m, i) => {
    const [, prefix, name] = m;
    const limit = old[i + 1]?.index ?? text.length;
    const dump = oldRuleDump(text, m.index! + m[0].length, limit);
    OLD_USER.lastIndex = dump?.end ?? m.index! + m[0].length;
    const user = OLD_USER.exec(text);
    const userEnd = user ? user.index + user[0].length : undefined;
    const subject = parseOldUser(userEnd !== undefined && userEnd <= limit ? user![1] : undefined);
    const end = userEnd !== undefined && userEnd <= limit ? userEnd : dump?.end ?? m.index! + m[0].length;
    out.push({ at: m.index!, end, denial: escalation(text, m.index!, prefix, name, subject, dump ? parseOldRules(dump.text) : null, true) });
  });
  return out;
}

/** The `{…}` rules that follow a current-format heading, each after an optional blank, up to `limit`. */
function compactRulesAfter(text: string, from: number, limit: number): { end: number } {
  let end = from;
  for (;;) {
    const open = text[end] === ' ' ? end + 1 : end;
    if (text[open] !== '{') return { end };
    const close = text.indexOf('}', open);
    const nested = text.indexOf('{', open + 1);
    if (close === -1 || close >= limit || (nested !== -1 && nested < close)) return { end };
    end = close + 1;
  }
}

/**
 * The Go slice dump after an old-format heading: `[` then rules whose fields are `[…]` lists, up to the
 * closing `]`; a dump cut by the end of the paste (or by the next heading) ends at the cut, or at its
 * last `...` when a list inside was cut. Undefined when no `[` follows.
 */
function oldRuleDump(text: string, from: number, limit: number): { text: string; end: number } | undefined {
  const start = text[from] === ' ' ? from + 1 : from;
  if (text[start] !== '[') return undefined;
  let depth = 1;
  let listOpen = -1;
  for (let i = start + 1; i < limit; i++) {
    const c = text[i];
    if (depth === 1 && c === ']') return { text: text.slice(start, i + 1), end: i + 1 };
    if (depth === 1 && c === '[') [depth, listOpen] = [2, i];
    else if (depth === 2 && c === ']') depth = 1;
  }
  if (depth === 1) return { text: text.slice(start, limit), end: limit };
  const ellipsis = text.lastIndexOf('...', listOpen - 3);
  return ellipsis > start ? { text: text.slice(start, ellipsis + 3), end: ellipsis + 3 } : undefined;
}

function escalation(
  text: string, at: number, prefix: string | undefined, name: string | undefined, subject: Denial['subject'],
  missingRules: MissingRule[] | null, old: boolean,
): Denial {
  const context = text.slice(Math.max(0, at - 200), at);
  const qualified = prefix ? splitQualified(prefix) : undefined;
  // The API server's own log names the request on the line before: `Forbidden: "/apis/…/clusterroles", Reason: …`.
  const logged = prefix ? undefined : loggedRequest(context);
  const resource = qualified?.resource ?? logged?.resource ?? null;
  const group = qualified ? qualified.group ?? (resource && /^(cluster)?role(binding)?s$/.test(resource) ? 'rbac.authorization.k8s.io' : '') : logged?.apiGroup ?? null;
  const action = /error when (creating|replacing|patching|updating)[^:]*:\s*$/.exec(context)?.[1] ?? /error when (creating|replacing|patching|updating)/.exec(context)?.[1];
  const verb = action === 'creating' ? 'create' : action === 'replacing' || action === 'updating' ? 'update' : action === 'patching' ? 'patch' : old ? 'create' : null;
  const namespace = logged?.namespace ?? null;
  return {
    rbac: true,
    kind: 'rbac-escalation',
    subject,
    verb,
    apiGroup: group,
    resource,
    subresource: null,
    resourceName: name ?? logged?.resourceName ?? null,
    namespace,
    scope: resource && /^cluster/.test(resource) ? 'cluster' : namespace ? 'namespaced' : 'unknown',
    nonResourceURL: null,
    missingRules,
  };
}

/** The role or binding a `Forbidden: "PATH", Reason: …` log line just before names (a collection path is a create). */
function loggedRequest(context: string): Denial | undefined {
  const line = /Forbidden: "(\/apis?\/[^"]*)", Reason: [^"]*$/.exec(context);
  if (!line) return undefined;
  const request = denialFromRequest('POST', line[1]);
  return request && /^(cluster)?role(binding)?s$/.test(request.resource ?? '') ? request : undefined;
}

/** `{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}` (CompactString), one per missing rule. */
export function parseCompactRules(text: string): MissingRule[] {
  return [...text.matchAll(/\{([^{}]*)\}/g)].map((m) => {
    const field = (name: string) => {
      const f = new RegExp(`${name}:\\[([^[\\]]*)\\]`).exec(m[1]);
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
  return ruleStructs(text).map((struct) => {
    let fields = [...struct.matchAll(/\[([^[\]]*)\]|<nil>/g)].map((f) => (f[1] === undefined ? null : f[1].split(/\s+/).filter(Boolean)));
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

/** The insides of each `{…}` whose fields are only `[…]` lists and `<nil>`, separated by blanks. */
function ruleStructs(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
    const fields = m[1].split(/(\[[^[\]]*\]|<nil>)/);
    // split() alternates between separators (even) and fields (odd); separators are blanks only.
    const wellFormed = fields.length > 1 && fields.every((part, i) => (i % 2 === 1 ? true : i === 0 || i === fields.length - 1 ? part === '' : /^\s+$/.test(part)));
    if (wellFormed) out.push(m[1]);
  }
  return out;
}

function parseOldUser(user: string | undefined): Denial['subject'] {
  if (!user || user === '<nil>') return subjectOf(undefined);
  // `&{NAME UID [GROUPS] map[…]}`: the UID is the last word before the groups (marked when Go printed it
  // empty), so a name may hold spaces.
  const m = /^&\{([^[]*) ([^\s[]+) ?\[([^[\]]*)\]/.exec(user) ?? /^&\{([^\s[]*)() ?\[([^[\]]*)\]/.exec(user);
  if (!m) return subjectOf(undefined);
  const groups = m[3].split(/\s+/).filter(Boolean);
  return subjectOf(m[1], groups.length ? groups : null);
}
