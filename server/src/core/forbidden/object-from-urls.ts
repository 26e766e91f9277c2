import { denialFromRequest } from './request-urls';
import type { Denial } from './types';

const URL = /https?:\/\/[^\s"'<>]{1,2000}/g;
const NAMED_VERBS = new Set(['get', 'update', 'patch', 'delete']);

/**
 * A denial that lost its object's name (`User "u" cannot get resource "pods" …` without the `pods
 * "web-0" is forbidden` prefix) takes it from a request URL elsewhere in the paste that names exactly
 * one object of that resource in that namespace (`GET at: https://…/namespaces/default/pods/web-0`).
 */
export function nameFromRequestUrls(text: string, denials: Denial[]): Denial[] {
  if (!denials.some(needsName) || !text.includes('://')) return denials;
  const requests = [...text.matchAll(URL)].map((m) => denialFromRequest('GET', m[0].replace(/[.,;:)\]]+$/, ''))).filter((r): r is Denial => !!r?.resourceName);
  return denials.map((denial) => {
    if (!needsName(denial)) return denial;
    const names = new Set(requests.filter((r) => r.apiGroup === denial.apiGroup && r.resource === denial.resource && r.subresource === denial.subresource
      && (denial.namespace === null || r.namespace === denial.namespace)).map((r) => r.resourceName));
    return names.size === 1 ? { ...denial, resourceName: [...names][0] } : denial;
  });
}

function needsName(denial: Denial): boolean {
  return denial.rbac && denial.resourceName === null && denial.resource !== null && (NAMED_VERBS.has(denial.verb ?? '') || denial.subresource !== null);
}
