import type { AccessRequest, UserInfo } from '../rbac/types';

/** The spec of a SubjectAccessReview (with a user) or a SelfSubjectAccessReview (without). */
export interface AccessReviewSpec {
  resourceAttributes?: { namespace?: string; verb: string; group: string; resource: string; subresource?: string; name?: string };
  nonResourceAttributes?: { path: string; verb: string };
  user?: string;
  groups?: string[];
}

/** What the authorizer answered. */
export interface AccessReviewStatus {
  allowed?: boolean;
  denied?: boolean;
  reason?: string;
  evaluationError?: string;
}

export function accessReviewSpec(request: AccessRequest, user?: UserInfo): AccessReviewSpec {
  const who = user ? { user: user.name, groups: user.groups } : {};
  if (request.kind === 'non-resource') return { nonResourceAttributes: { path: request.path, verb: request.verb }, ...who };
  const attributes = {
    verb: request.verb,
    group: request.apiGroup,
    resource: request.resource,
    ...(request.namespace ? { namespace: request.namespace } : {}),
    ...(request.subresource ? { subresource: request.subresource } : {}),
    ...(request.name ? { name: request.name } : {}),
  };
  return { resourceAttributes: attributes, ...who };
}

/** The review object to POST to `/apis/authorization.k8s.io/v1/(self)subjectaccessreviews`. */
export function accessReviewBody(spec: AccessReviewSpec): object {
  return {
    apiVersion: 'authorization.k8s.io/v1',
    kind: spec.user === undefined ? 'SelfSubjectAccessReview' : 'SubjectAccessReview',
    spec,
  };
}
