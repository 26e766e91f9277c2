import { splitOldResource, splitQualified, splitSubresource, type GroupGuess } from './resource-words';
import { subjectOf, UNKNOWN_SUBJECT, type Denial, type Located } from './types';

// `<qualified resource> ["<name>"] is forbidden: ` — the optional prefix before the authorizer's text.
const PREFIX = String.raw`(?:(?<![a-z0-9./-])([a-z0-9][a-z0-9.\/-]*)\s(?:"([^"]*)"\s)?is forbidden:\s)?`;
const SCOPE = String.raw`(?:\s(?:in the namespace|in project)\s"([^"]*)"|\s(at the cluster scope))?`;
/**
 * Reasons appended by the authorizers: RBAC's resolution errors (`RBAC: x "y" not found`, several as
 * `[e1, e2]`, optionally after the authorizer's configured name), the Node authorizer's, and the cloud
 * authorizers' (GKE's IAM permission, AKS's Azure RBAC).
 */
const REASON = String.raw`(?::\s(?:[\w-]+:\s)?RBAC:\s(\[[^[\]]*\]|[\w.-]+\s"[^"]*"\s[a-z]+(?:\s[a-z]+)?|[^,"]*)|:\s(no relationship found between node)|:\s(requires one of \[[^[\]]*\] permission|Required "[^"]*" permission|User does not have access to the resource in Azure))?`;

const CLOUD_EXPLANATIONS: [RegExp, string][] = [
  [/permission/, 'GKE consults IAM as well as RBAC: either the RBAC rule below or an IAM role with the permission named in the message lets this through.'],
  [/Azure/, 'This AKS cluster authorizes with Azure RBAC as well: an Azure role assignment on the cluster (or namespace) grants this too, and may be what the team manages instead of Kubernetes Roles.'],
];

/**
 * Who was denied: `User "u" `, a user whose closing quote was lost (`User "u cannot`), an empty user
 * (`User cannot`), or nothing at all (a fragment starting at `cannot …`). Two groups: quoted, unclosed.
 */
const USER = String.raw`(?:User\s(?:"([^"]*)"\s|"([^"\s]*)\s)?)?`;

/** A resource whose opening quote was lost in the copy: `resource clusters/status" in API group …`. */
const UNOPENED = String.raw`([a-z0-9][a-z0-9.-]*(?:\/[a-z0-9-]+)?)(")(?=\s(?:in API group|in the namespace|at the cluster scope))`;
/** Kubernetes ≥ 1.12: `User "u" cannot VERB resource "res[/sub]" in API group "g" (in the namespace "ns" | at the cluster scope)`. */
const MODERN = new RegExp(`${PREFIX}${USER}cannot\\s(\\S+)\\sresource\\s(?:"([^"]*)("|$)|${UNOPENED})(?:\\sin API group\\s"([^"]*)")?${SCOPE}${REASON}`, 'g');
/** Non-resource requests: `User "u" cannot get path "/healthz"`. */
const NON_RESOURCE = new RegExp(`${PREFIX}${USER}cannot\\s(\\S+)\\spath\\s(?:"([^"]*)"|(\\/[^\\s"]*))`, 'g');
/** OpenShift 3's wording for paths, verb and path quoted: `User "u" cannot "get" on "/version"`. */
const QUOTED_PATH = new RegExp(`${PREFIX}${USER}cannot\\s"([^"\\s]*)"\\son\\s"(\\/[^"]*)"`, 'g');
/** Before 1.12: `User "u" cannot VERB res[.group][/sub] (in the namespace "ns" | at the cluster scope)`, user possibly redacted. */
const OLD = new RegExp(`${PREFIX}User\\s(?:"([^"]*)"\\s)?cannot\\s(?!")(\\S+)\\s(?!resource\\s"|resource\\s[a-z0-9][a-z0-9./-]*"|path\\s)(all [a-z0-9][a-z0-9.\\/-]*[a-z0-9] in the cluster|[a-z0-9][a-z0-9.\\/-]*[a-z0-9])${SCOPE}(\\.?:?\\s"?Unknown user[^(]{0,300})?\\.?(?:\\s?\\((\\S+)\\s(\\S+)(?:\\s([^)\\s]+))?\\))?`, 'g');
/**
 * A denial whose reason is empty: `pods "web-0" is forbidden: ` and nothing more (the exec/attach
 * WebSocket `create` check since 1.35, create-on-update before 1.32). Only the object is known.
 */
const NO_REASON = /(?<![a-z0-9./-])([a-z0-9][a-z0-9.-]*)\s(?:"([^"]*)"\s)?is forbidden:(?:\s?$|\s?(?="\s?[,}\]])|\sno reason\b)/g;

/** The denial a match stands for; undefined when the match names no resource (nothing to grant). */
type Reader = (m: RegExpMatchArray, groupFor: GroupGuess) => Denial | undefined;

/** A message that ends inside its API group (`… in API group "ap`): the group is not known. */
const CUT_GROUP = /\sin API group\s"[^"]*$/y;

const readModern: Reader = (m, groupFor) => {
  const [, prefix, prefixName, quotedUser, unclosedUser, verb, quoted, quotedClosing, unopened, unopenedClosing, group, namespace, cluster, rbacErrors, node, cloud] = m;
  const combined = quoted ?? unopened;
  const complete = (quotedClosing ?? unopenedClosing) === '"';
  if (!complete) return combined ? cutResource(prefix, prefixName, quotedUser ?? unclosedUser, verb) : undefined;
  const denial = modern(prefix, prefixName, quotedUser ?? unclosedUser, verb, combined, group, namespace, cluster, groupFor);
  if (!denial.resource) return undefined;
  CUT_GROUP.lastIndex = m.index! + m[0].length;
  if (group === undefined && CUT_GROUP.test(m.input!)) {
    return { ...denial, kind: 'rbac-partial', apiGroup: null, explanation: 'The message is cut inside its API group: paste the whole message.' };
  }
  if (node) denial.kind = 'node-authorizer';
  const cloudExplanation = cloud ? CLOUD_EXPLANATIONS.find(([re]) => re.test(cloud)) : undefined;
  if (cloudExplanation) denial.explanation = cloudExplanation[1];
  if (rbacErrors?.trim()) denial.rbacErrors = rbacErrors.trim().replace(/^\[(.*)\]$/, '$1');
  return denial;
};

const readNonResource: Reader = (m) => {
  const [, , , quotedUser, unclosedUser, verb, quotedPath, barePath] = m;
  // An unquoted path ends at the sentence's punctuation: `cannot get path /metrics: no RBAC policy matched`.
  const path = quotedPath ?? barePath?.replace(/[.,:;)]+$/, '');
  const user = quotedUser ?? unclosedUser;
  if (!path) return undefined;
  return {
    rbac: true, kind: user ? 'rbac' : 'rbac-partial', subject: subjectOf(user), verb, apiGroup: null, resource: null, subresource: null,
    resourceName: null, namespace: null, scope: 'non-resource', nonResourceURL: path,
  };
};

const readOld: Reader = (m, groupFor) => {
  const [, prefix, prefixName, user, verb, written, namespace, cluster, , hintVerb, hintResource, hintName] = m;
  // OpenShift 3 lists across all namespaces as `cannot list all RESOURCE in the cluster`.
  const acrossCluster = /^all (\S+) in the cluster$/.exec(written)?.[1];
  const { resource, subresource, group: writtenGroup } = splitOldResource(acrossCluster ?? written);
  const group = writtenGroup ?? groupOf(prefix, resource) ?? groupFor(resource);
  const name = prefixName ?? (hintName && hintResource && hintVerb ? hintName : undefined);
  return build(name, user, verb, resource, subresource, group, namespace, cluster || (acrossCluster ? 'cluster' : undefined));
};

const readNoReason: Reader = (m, groupFor) => {
  const [, prefix, name] = m;
  const { resource, group } = splitQualified(prefix);
  // Only the object is known, so it must be one: a group-qualified resource, or a known core one.
  if (group === undefined && groupFor(resource) !== '') return undefined;
  return {
    rbac: true, kind: 'rbac-partial', subject: { ...UNKNOWN_SUBJECT }, verb: null, apiGroup: group ?? '', resource,
    subresource: null, resourceName: name ?? null, namespace: null, scope: 'unknown', nonResourceURL: null,
    explanation: 'The API server gave no reason: for exec, attach and port-forward it checks `create` on the subresource as well as `get` (since 1.35), and before 1.32 an update or apply of a missing object was checked as `create`; grant both verbs.',
  };
};

/** Each shape with a word it cannot match without: a text lacking it is not scanned (a long log, mostly). */
const SHAPES: [RegExp, Reader, string][] = [
  [MODERN, readModern, 'cannot'], [NON_RESOURCE, readNonResource, ' path '], [QUOTED_PATH, readNonResource, '" on "'], [OLD, readOld, 'cannot'], [NO_REASON, readNoReason, 'is forbidden:'],
];

/** Every apiserver-format denial in normalised text; `groupFor` names the group of a bare old-format resource. */
export function findApiserverDenials(text: string, groupFor: GroupGuess): Located[] {
  const out: Located[] = [];
  for (const [re, read, word] of SHAPES) {
    if (!text.includes(word)) continue;
    for (const m of text.matchAll(re)) {
      const denial = read(m, groupFor);
      if (denial) out.push({ at: m.index!, end: m.index! + m[0].length, denial });
    }
  }
  return out;
}

/** A current-format denial. */
function modern(
  prefix: string | undefined, prefixName: string | undefined, user: string | undefined, verb: string, combined: string,
  group: string | undefined, namespace: string | undefined, cluster: string | undefined, groupFor: GroupGuess,
): Denial {
  const { resource, subresource } = splitSubresource(combined);
  return build(prefixName, user, verb, resource, subresource || null, group ?? groupOf(prefix, resource) ?? (prefix ? '' : groupFor(resource)), namespace, cluster);
}

/**
 * A resource cut off by the end of the paste (`resource "po`): neither the resource nor a subresource is
 * known (`pods/exec` shares the prefix `pods "x" is forbidden` with `pods`), so nothing can be granted.
 */
function cutResource(prefix: string | undefined, prefixName: string | undefined, user: string | undefined, verb: string): Denial {
  const qualified = prefix ? splitQualified(prefix) : undefined;
  const denial = build(prefixName, user, verb, '', null, qualified ? qualified.group ?? '' : null, undefined, undefined);
  return {
    ...denial, kind: 'rbac-partial', resource: null,
    explanation: 'The message is cut inside its resource: paste the whole message.',
  };
}

/** The group from the `resource.group is forbidden` prefix, when it names the same resource. */
function groupOf(prefix: string | undefined, resource: string): string | undefined {
  if (!prefix) return undefined;
  const { resource: prefixResource, group } = splitQualified(splitSubresource(prefix).resource);
  if (prefixResource !== resource) return undefined;
  return group ?? '';
}

function build(
  name: string | undefined, user: string | undefined, verb: string, resource: string, subresource: string | null,
  group: string | null, namespace: string | undefined, cluster: string | undefined,
): Denial {
  const subject = subjectOf(user);
  return {
    rbac: true,
    kind: subject.kind === 'unknown' ? 'rbac-partial' : verb === 'impersonate' ? 'impersonation' : 'rbac',
    subject,
    verb,
    apiGroup: group,
    resource,
    subresource,
    resourceName: name ?? null,
    namespace: namespace ?? null,
    scope: namespace !== undefined ? 'namespaced' : cluster ? 'cluster' : 'unknown',
    nonResourceURL: null,
  };
}
