import type { AccessRequest, PolicyRule } from './types';

/** Which part of a rule failed to match a request (for explanations). */
export type Mismatch = 'verb' | 'apiGroup' | 'resource' | 'resourceName' | 'nonResourceURL' | 'kind';

/** Kubernetes' RuleAllows: every part must match; `*` is the only wildcard, and only where stated. */
export function ruleAllows(rule: PolicyRule, request: AccessRequest): boolean {
  return ruleMismatch(rule, request) === undefined;
}

export function ruleMismatch(rule: PolicyRule, request: AccessRequest): Mismatch | undefined {
  if (!verbMatches(rule, request.verb)) return 'verb';
  if (request.kind === 'non-resource') {
    return (rule.nonResourceURLs ?? []).some((url) => nonResourceURLMatches(url, request.path)) ? undefined : 'nonResourceURL';
  }
  if (!(rule.apiGroups ?? []).some((g) => g === '*' || g === request.apiGroup)) return 'apiGroup';
  if (!resourceMatches(rule.resources ?? [], request.resource, request.subresource)) return 'resource';
  if (!resourceNameMatches(rule.resourceNames ?? [], request.name)) return 'resourceName';
  return undefined;
}

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === '*' || v === verb);
}

export function resourceMatches(ruleResources: string[], resource: string, subresource?: string): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  return ruleResources.some((r) => {
    if (r === '*' || r === combined) return true;
    // `*/sub` matches any resource's `sub`, and only for requests that have a subresource.
    return subresource !== undefined && r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource);
  });
}

export function resourceNameMatches(names: string[], name: string | undefined): boolean {
  if (names.length === 0) return true;
  return name !== undefined && name !== '' && names.includes(name);
}

/** `*` matches all; `prefix*` matches paths that start with the prefix (all trailing stars removed). */
export function nonResourceURLMatches(ruleURL: string, path: string): boolean {
  if (ruleURL === '*' || ruleURL === path) return true;
  if (!ruleURL.endsWith('*')) return false;
  return path.startsWith(ruleURL.replace(/\*+$/, ''));
}
