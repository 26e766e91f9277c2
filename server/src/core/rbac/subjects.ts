import type { Subject, UserInfo } from './types';

const SA_PREFIX = 'system:serviceaccount:';
export const ANONYMOUS_USER = 'system:anonymous';
export const AUTHENTICATED_GROUP = 'system:authenticated';
export const UNAUTHENTICATED_GROUP = 'system:unauthenticated';
export const SERVICE_ACCOUNTS_GROUP = 'system:serviceaccounts';
/** Members are allowed everything by the API server and are exempt from the escalation check. */
export const MASTERS_GROUP = 'system:masters';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The user name a ServiceAccount authenticates as: `system:serviceaccount:NS:NAME`. */
export function serviceAccountUser(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

/** The group every ServiceAccount of a namespace belongs to: `system:serviceaccounts:NS`. */
export function serviceAccountsGroup(namespace: string): string {
  return `${SERVICE_ACCOUNTS_GROUP}:${namespace}`;
}

/**
 * As Kubernetes' SplitUsername: exactly `system:serviceaccount:<namespace>:<name>` with a valid
 * namespace (DNS-1123 label, ≤63) and ServiceAccount name (DNS-1123 subdomain, ≤253); else undefined.
 */
export function parseServiceAccountUser(user: string): { namespace: string; name: string } | undefined {
  if (!user.startsWith(SA_PREFIX)) return undefined;
  const parts = user.slice(SA_PREFIX.length).split(':');
  if (parts.length !== 2) return undefined;
  const [namespace, name] = parts;
  if (namespace.length > 63 || !DNS1123_LABEL.test(namespace)) return undefined;
  if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) return undefined;
  return { namespace, name };
}

/**
 * The identity the authorizer sees for a user name plus extra groups: a ServiceAccount gets
 * `system:serviceaccounts` and `system:serviceaccounts:NS` (first, as its token does);
 * `system:anonymous` gets `system:unauthenticated`; everyone else gets `system:authenticated`
 * unless a group list already holds `system:authenticated` or `system:unauthenticated`.
 */
export function identityOf(user: string, extraGroups: string[] = []): UserInfo {
  const groups: string[] = [];
  const sa = parseServiceAccountUser(user);
  if (sa) groups.push(SERVICE_ACCOUNTS_GROUP, serviceAccountsGroup(sa.namespace));
  groups.push(...extraGroups);
  if (user === ANONYMOUS_USER) groups.push(UNAUTHENTICATED_GROUP);
  else if (!groups.includes(AUTHENTICATED_GROUP) && !groups.includes(UNAUTHENTICATED_GROUP)) groups.push(AUTHENTICATED_GROUP);
  return { name: user, groups: [...new Set(groups)] };
}

/**
 * Kubernetes' appliesToUser. User: exact, case-sensitive name (`*` is an ordinary name). Group: listed
 * in the user's groups. ServiceAccount: its namespace, or the binding's namespace when empty (only a
 * RoleBinding has one), must give the user name. apiGroup, and namespace of User/Group, are ignored.
 */
export function subjectMatches(subject: Subject, bindingNamespace: string | undefined, user: UserInfo): boolean {
  switch (subject.kind) {
    case 'User':
      return subject.name === user.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const namespace = subject.namespace || bindingNamespace;
      return !!namespace && user.name === serviceAccountUser(namespace, subject.name);
    }
    default:
      return false;
  }
}

/** How a subject is written in messages and `--as`: the user name a ServiceAccount authenticates as. */
export function subjectUserName(subject: Subject, bindingNamespace: string | undefined): string {
  if (subject.kind === 'ServiceAccount') return serviceAccountUser(subject.namespace || bindingNamespace || '', subject.name);
  return subject.name;
}
