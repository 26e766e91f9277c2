import { accessReviewBody, accessReviewSpec, type AccessReviewStatus } from '../core/cluster/access-review';
import type { AccessRequest, UserInfo } from '../core/rbac/types';
import type { ApiClient } from './api-client';
import { statusMessage } from './cluster-error';

export interface ReviewAnswer {
  allowed: boolean;
  reason?: string;
  error?: string;
}

/** Who the kubeconfig's credentials are (SelfSubjectReview); undefined where the cluster cannot say. */
export async function whoAmI(api: ApiClient): Promise<UserInfo | undefined> {
  for (const version of ['v1', 'v1beta1']) {
    const answer = await api.send<{ status?: { userInfo?: { username?: string; groups?: string[] } } }>(
      'POST', `/apis/authentication.k8s.io/${version}/selfsubjectreviews`,
      { apiVersion: `authentication.k8s.io/${version}`, kind: 'SelfSubjectReview' },
    );
    const info = answer.status < 300 ? answer.body?.status?.userInfo : undefined;
    if (info?.username) return { name: info.username, groups: info.groups ?? [] };
    if (answer.status !== 404) return undefined;
  }
  return undefined;
}

/**
 * The cluster's own answer to "may USER do REQUEST": a SubjectAccessReview, or a
 * SelfSubjectAccessReview when no user is given (the kubeconfig's identity; needs no extra rights).
 */
export async function reviewAccess(api: ApiClient, request: AccessRequest, user?: UserInfo): Promise<ReviewAnswer> {
  const body = accessReviewBody(accessReviewSpec(request, user));
  const path = `/apis/authorization.k8s.io/v1/${user ? 'subjectaccessreviews' : 'selfsubjectaccessreviews'}`;
  const answer = await api.send<{ status?: AccessReviewStatus }>('POST', path, body);
  if (answer.status === 401) throw api.failure(answer, 'access review');
  if (answer.status >= 300) {
    const why = statusMessage(answer.body);
    return {
      allowed: false,
      error: answer.status === 403
        ? `you may not ask the cluster about other users (create subjectaccessreviews is forbidden)${why ? `: ${why}` : ''}`
        : `the access review failed (${answer.status})${why ? `: ${why}` : ''}`,
    };
  }
  const status = answer.body?.status ?? {};
  return {
    allowed: status.allowed === true,
    reason: status.reason || undefined,
    ...(status.evaluationError ? { error: status.evaluationError } : {}),
  };
}
