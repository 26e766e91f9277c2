import type { Subject, UserInfo } from './types';

const SA_PREFIX = 'system:serviceaccount:';

export function serviceAccountUser(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

export function parseServiceAccountUser(user: string): { namespace: string; name: string } | undefined {
  if (!user.startsWith(SA_PREFIX)) return undefined;
  const parts = user.slice(SA_PREFIX.length).split(':');
  return parts.length === 2 && parts[0] && parts[1] ? { namespace: parts[0], name: parts[1] } : undefined;
}

/**
 * The identity Kubernetes authenticates: ServiceAccounts get `system:serviceaccounts` and
 * `system:serviceaccounts:NS`; everyone but `system:anonymous` gets `system:authenticated`;
 * the anonymous user gets `system:unauthenticated`.
 */
export function identityOf(user: string, extraGroups: string[] = []): UserInfo {
  const groups = [...extraGroups];
  const sa = parseServiceAccountUser(user);
  if (sa) groups.push('system:serviceaccounts', `system:serviceaccounts:${sa.namespace}`);
  groups.push(user === 'system:anonymous' ? 'system:unauthenticated' : 'system:authenticated');
  return { name: user, groups: [...new Set(groups)] };
}

/** Kubernetes' appliesToUser: exact, case-sensitive names; apiGroup ignored; SA namespace defaults to the binding's. */
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
