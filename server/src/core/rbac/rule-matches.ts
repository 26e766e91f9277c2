import type { AccessRequest, PolicyRule } from './types';

/**
 * Which part of a rule failed to match a request (for explanations). `kind`: the rule is of the other
 * kind (a non-resource rule asked about a resource, or a resource rule asked about a path).
 */
export type Mismatch = 'verb' | 'apiGroup' | 'resource' | 'resourceName' | 'nonResourceURL' | 'kind';

/**
 * Kubernetes' RuleAllows: every part must match; `*` is the only wildcard, and only where stated.
 * Resource requests ignore the rule's nonResourceURLs; path requests ignore its groups/resources/names.
 */
export function ruleAllows(rule: PolicyRule, request: AccessRequest): boolean {
  if (!verbMatches(rule, request.verb)) return false;
  if (request.kind === 'non-resource') return (rule.nonResourceURLs ?? []).some((url) => nonResourceURLMatches(url, request.path));
  return (
    apiGroupMatches(rule.apiGroups ?? [], request.apiGroup) &&
    resourceMatches(rule.resources ?? [], request.resource, request.subresource) &&
    resourceNameMatches(rule.resourceNames ?? [], request.name)
  );
}

/** The first part that fails, in the order the authorizer checks them; undefined when the rule allows. */
export function ruleMismatch(rule: PolicyRule, request: AccessRequest): Mismatch | undefined {
  return ruleMismatches(rule, request)[0];
}

/**
 * Every part of the rule that fails for the request (empty: the rule allows it). A rule of the other
 * kind reports only `kind`; otherwise the parts come in checking order (verb, group, resource, name).
 */
export function ruleMismatches(rule: PolicyRule, request: AccessRequest): Mismatch[] {
  if (isOtherKind(rule, request)) return ['kind'];
  const failed: Mismatch[] = [];
  if (!verbMatches(rule, request.verb)) failed.push('verb');
  if (request.kind === 'non-resource') {
    if (!(rule.nonResourceURLs ?? []).some((url) => nonResourceURLMatches(url, request.path))) failed.push('nonResourceURL');
    return failed;
  }
  if (!apiGroupMatches(rule.apiGroups ?? [], request.apiGroup)) failed.push('apiGroup');
  if (!resourceMatches(rule.resources ?? [], request.resource, request.subresource)) failed.push('resource');
  if (!resourceNameMatches(rule.resourceNames ?? [], request.name)) failed.push('resourceName');
  return failed;
}

/** A rule that can never match this kind of request, whatever its verbs. */
function isOtherKind(rule: PolicyRule, request: AccessRequest): boolean {
  const hasURLs = (rule.nonResourceURLs ?? []).length > 0;
  const hasResourceParts = (rule.apiGroups ?? []).length > 0 || (rule.resources ?? []).length > 0;
  if (request.kind === 'non-resource') return !hasURLs;
  return hasURLs && !hasResourceParts;
}

/** Verbs are opaque, case-sensitive strings (`GET` is not `get`); `*` matches every verb. */
export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return (rule.verbs ?? []).some((v) => v === '*' || v === verb);
}

/** `*` or the exact group (`""` is the core group). */
export function apiGroupMatches(ruleGroups: string[], group: string): boolean {
  return ruleGroups.some((g) => g === '*' || g === group);
}

/**
 * `*`, the exact combined `resource[/subresource]`, or — only when the request has a subresource —
 * literally `*\/<subresource>`. No other wildcard syntax exists (`pod*`, `*\/*`, `deployments/*` are plain names).
 */
export function resourceMatches(ruleResources: string[], resource: string, subresource?: string): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  return ruleResources.some((r) => {
    if (r === '*' || r === combined) return true;
    if (!subresource) return false;
    return r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource);
  });
}

/**
 * No names: any object. Otherwise the request's name must be listed; a request without a name (list,
 * watch, create, deletecollection) is compared as the empty string, exactly as the authorizer does.
 */
export function resourceNameMatches(names: string[], name: string | undefined): boolean {
  if (names.length === 0) return true;
  return names.includes(name ?? '');
}

/** `*` matches all; an exact path; or `prefix*` matches paths starting with the prefix (all trailing stars removed). */
export function nonResourceURLMatches(ruleURL: string, path: string): boolean {
  if (ruleURL === '*' || ruleURL === path) return true;
  return ruleURL.endsWith('*') && path.startsWith(ruleURL.replace(/(?<!\*)\*+$/, ''));
}
