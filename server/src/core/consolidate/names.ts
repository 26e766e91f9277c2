import type { Subject } from '../rbac/types';

/** Lower-case DNS-style words from any text: `alice@example.com` → `alice-example-com`. */
function words(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * The part of a generated name that says whose it is: a ServiceAccount by its name inside its own
 * namespace and by `namespace-name` elsewhere (a ClusterRole is shared by all namespaces), a user by
 * its name. Deterministic: the same subject always gets the same name.
 */
export function subjectStem(subject: Subject, objectNamespace: string | undefined): string {
  if (subject.kind === 'ServiceAccount') {
    const name = words(subject.name);
    return objectNamespace === subject.namespace ? name : `${words(subject.namespace ?? '')}-${name}`;
  }
  return words(subject.name) || 'user';
}

/** `<stem>-<purpose>`, cut to the 63 characters tools expect of names, never ending in `-`. */
export function generatedName(stem: string, purpose: string): string {
  const suffix = `-${purpose}`;
  return `${stem.slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
}

/** The Role (and its RoleBinding) holding what a subject lacked in one namespace. */
export const namespaceRoleName = (subject: Subject, namespace: string) => generatedName(subjectStem(subject, namespace), 'access');
/** The ClusterRole (and ClusterRoleBinding) holding what a subject lacked cluster-wide. */
export const clusterRoleName = (subject: Subject) => generatedName(subjectStem(subject, undefined), 'cluster-access');
/** The ClusterRole holding what a subject lacked identically in several namespaces, bound in each of them. */
export const sharedRoleName = (subject: Subject) => generatedName(subjectStem(subject, undefined), 'namespaced-access');
