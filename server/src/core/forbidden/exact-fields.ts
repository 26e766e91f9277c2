import { CUT, restoreKeptCharacters } from './exact-characters';
import type { Denial, MissingRule } from './types';

const CUT_NAMESPACE = 'The message is cut inside its namespace: give the namespace (-n NS), or paste the whole message.';

/**
 * The denial with its fields as the paste wrote them: the reader's stand-ins given back, and a
 * namespace cut at the end of its line read as no namespace (the denial then has no scope).
 */
export function exactFields(denial: Denial): Denial {
  const out: Denial = {
    ...denial,
    subject: denial.subject && {
      ...denial.subject,
      name: exact(denial.subject.name),
      namespace: exact(denial.subject.namespace),
      groups: denial.subject.groups && denial.subject.groups.map((g) => restoreKeptCharacters(g)),
    },
    verb: exact(denial.verb),
    apiGroup: exact(denial.apiGroup),
    resource: exact(denial.resource),
    subresource: exact(denial.subresource),
    resourceName: exact(denial.resourceName),
    namespace: exact(denial.namespace),
    nonResourceURL: exact(denial.nonResourceURL),
    ...(denial.missingRules ? { missingRules: denial.missingRules.map(exactRule) } : {}),
    ...(denial.rbacErrors !== undefined ? { rbacErrors: restoreKeptCharacters(denial.rbacErrors) } : {}),
  };
  if (out.namespace?.includes(CUT)) {
    return { ...out, namespace: null, scope: 'unknown', explanation: denial.explanation ?? CUT_NAMESPACE };
  }
  for (const field of ['verb', 'apiGroup', 'resource', 'subresource', 'resourceName', 'nonResourceURL'] as const) {
    if (out[field]?.includes(CUT)) out[field] = null;
  }
  if (out.subject?.name?.includes(CUT)) out.subject = { kind: 'unknown', name: null, namespace: null, groups: null };
  return out;
}

function exact(value: string | null): string | null {
  return value === null ? null : restoreKeptCharacters(value);
}

function exactRule(rule: MissingRule): MissingRule {
  const list = (values: string[] | undefined) => values?.map((v) => restoreKeptCharacters(v));
  return {
    ...rule,
    verbs: list(rule.verbs)!,
    apiGroups: list(rule.apiGroups)!,
    resources: list(rule.resources)!,
    ...(rule.resourceNames ? { resourceNames: list(rule.resourceNames) } : {}),
    ...(rule.nonResourceURLs ? { nonResourceURLs: list(rule.nonResourceURLs) } : {}),
  };
}
