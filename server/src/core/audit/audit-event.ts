import { parseForbiddenMessage } from '../forbidden/parse-forbidden-message';
import { denialFromRequest } from '../forbidden/request-urls';
import { subjectOf, type Denial } from '../forbidden/types';

/** The fields of an `audit.k8s.io/v1` Event that say who was denied what. */
export interface AuditEvent {
  kind?: string;
  apiVersion?: string;
  auditID?: string;
  stage?: string;
  requestURI?: string;
  verb?: string;
  user?: { username?: string; groups?: string[] };
  impersonatedUser?: { username?: string; groups?: string[] };
  objectRef?: { resource?: string; namespace?: string; name?: string; apiGroup?: string; subresource?: string };
  responseStatus?: { code?: number; reason?: string; message?: string };
  annotations?: Record<string, string>;
}

const DECISION = 'authorization.k8s.io/decision';

/** An object that is an audit event (by kind and apiVersion, or by the fields every event has). */
export function isAuditEvent(value: unknown): value is AuditEvent {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const event = value as AuditEvent;
  if (event.kind === 'Event' && typeof event.apiVersion === 'string' && event.apiVersion.startsWith('audit.k8s.io/')) return true;
  return typeof event.auditID === 'string' && typeof event.verb === 'string' && typeof event.requestURI === 'string';
}

/**
 * The denial an audit event records, or undefined when the request was allowed. The authorizer's
 * `forbid` decision gives the exact request; a 403 without it (impersonation, which is checked before
 * the authorizer annotates the event) is read from the response message. Impersonated requests were
 * authorized as the impersonated user, so that is the subject.
 */
export function denialOfAuditEvent(event: AuditEvent): Denial | undefined {
  if (event.stage === 'RequestReceived') return undefined;
  const forbidden = event.annotations?.[DECISION] === 'forbid';
  if (!forbidden) return event.responseStatus?.code === 403 ? fromResponseMessage(event) : undefined;
  const identity = event.impersonatedUser?.username ? event.impersonatedUser : event.user;
  const groups = Array.isArray(identity?.groups) ? identity!.groups.filter((g) => typeof g === 'string') : null;
  const subject = subjectOf(identity?.username, groups);
  const verb = typeof event.verb === 'string' && event.verb ? event.verb : null;
  const ref = event.objectRef;
  // A request about an object is a resource request even when its resource is empty (an event cut or
  // rewritten on its way): its resource is then not known, and its URL is never a non-resource path.
  if (ref && typeof ref === 'object' && !ref.resource) {
    return {
      rbac: true, kind: 'rbac-partial', subject, verb, apiGroup: typeof ref.apiGroup === 'string' ? ref.apiGroup : null, resource: null,
      subresource: ref.subresource || null, resourceName: ref.name || null, namespace: ref.namespace || null,
      scope: ref.namespace ? 'namespaced' : 'unknown', nonResourceURL: null,
      explanation: 'The audit event names no resource (objectRef.resource is empty): nothing exact can be granted from it.',
    };
  }
  // Without objectRef, the URL decides as the API server's request info does: /api/v1/… and
  // /apis/GROUP/VERSION/… name resources; only other paths (and discovery itself) are non-resource URLs.
  const fromUrl = !ref && event.requestURI ? denialFromRequest('GET', event.requestURI) : undefined;
  if (fromUrl) {
    return { ...fromUrl, kind: subject.kind === 'unknown' ? 'rbac-partial' : verb === 'impersonate' ? 'impersonation' : 'rbac', subject, verb };
  }
  if (!ref?.resource) {
    const path = nonResourcePath(event.requestURI);
    return {
      rbac: true, kind: subject.kind === 'unknown' ? 'rbac-partial' : 'rbac', subject, verb, apiGroup: null, resource: null,
      subresource: null, resourceName: null, namespace: null, scope: 'non-resource', nonResourceURL: path,
    };
  }
  return {
    rbac: true,
    kind: subject.kind === 'unknown' ? 'rbac-partial' : verb === 'impersonate' ? 'impersonation' : 'rbac',
    subject,
    verb,
    apiGroup: ref.apiGroup ?? '',
    resource: ref.resource,
    subresource: ref.subresource || null,
    resourceName: ref.name || null,
    namespace: ref.namespace || null,
    scope: ref.namespace ? 'namespaced' : 'cluster',
    nonResourceURL: null,
  };
}

/** The path of a non-resource request, without its query. */
function nonResourcePath(requestURI: string | undefined): string | null {
  if (!requestURI) return null;
  const q = requestURI.indexOf('?');
  return q === -1 ? requestURI : requestURI.slice(0, q);
}

/** A 403 the authorizer did not annotate: the API server's message names the denied request. */
function fromResponseMessage(event: AuditEvent): Denial | undefined {
  const message = event.responseStatus?.message;
  if (!message) return undefined;
  const denial = parseForbiddenMessage(message).find((d) => d.rbac && d.subject?.name);
  if (!denial) return undefined;
  const groups = Array.isArray(event.user?.groups) && event.user!.username === userName(denial) ? event.user!.groups : null;
  return groups ? { ...denial, subject: { ...denial.subject!, groups } } : denial;
}

function userName(denial: Denial): string | null {
  const s = denial.subject;
  if (!s?.name) return null;
  return s.kind === 'ServiceAccount' ? `system:serviceaccount:${s.namespace}:${s.name}` : s.name;
}
