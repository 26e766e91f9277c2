import { KNOWN_VERBS } from '../catalog/verbs';
import { hasLoneSurrogate, printable } from '../emit/yaml-scalar';
import type { DenialFacts, MissingRule } from './denial';

/** Why a denial is not turned into YAML, in one line; `needsNamespace` when a namespace would settle it. */
export interface Refusal {
  reason: string;
  needsNamespace?: boolean;
}

export interface ValidationOptions {
  /** The namespace the user gave (`-n`, or the editor's question) for a denial whose scope is missing. */
  namespace?: string;
  /** Whether a resource lives in namespaces (from the catalog); undefined when unknown. */
  isNamespaced?: (group: string, resource: string) => boolean | undefined;
}

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*$/;
const URL_PATH = /^\/[A-Za-z0-9._~!$&'()+,;=:@%/-]*$/;
const OBJECT_NAME = /^[\x21-\x7e]+$/;
/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
const CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029]/;

/** Kubernetes' IsDNS1123Label: lower-case letters, digits and `-`, at most 63 characters. */
export function isDnsLabel(value: string): boolean {
  return value.length <= 63 && LABEL.test(value);
}

/** Kubernetes' IsDNS1123Subdomain: labels joined by dots, at most 253 characters. */
export function isDnsSubdomain(value: string): boolean {
  return value.length > 0 && value.length <= 253 && value.split('.').every((part) => LABEL.test(part));
}

/**
 * The denial as it may be granted, or why not. Every field that will reach YAML is checked against what
 * Kubernetes accepts there; wildcards are refused (no real request carries one); a denial without a
 * scope is refused (or placed in the given namespace when the resource is known to be namespaced), never
 * widened to the whole cluster.
 */
export function validateDenial(denial: DenialFacts, options: ValidationOptions = {}): { denial: DenialFacts } | { refusal: Refusal } {
  const problem = subjectProblem(denial) ?? requestProblem(denial);
  if (problem) return { refusal: { reason: problem } };
  if (denial.kind === 'rbac-escalation' || denial.nonResourceURL !== null || denial.scope === 'non-resource') return { denial };
  if (denial.scope === 'cluster') return { denial: { ...denial, namespace: null } };
  if (denial.namespace) return { denial: { ...denial, scope: 'namespaced' } };
  return placeInNamespace(denial, options);
}

function placeInNamespace(denial: DenialFacts, options: ValidationOptions): { denial: DenialFacts } | { refusal: Refusal } {
  const said = denial.namespace === '' ? 'names an empty namespace' : 'does not say where the request was denied (no namespace, no cluster scope)';
  const what = `${denial.resource}${denial.apiGroup ? `.${denial.apiGroup}` : ''}`;
  if (options.namespace === undefined) {
    return { refusal: { needsNamespace: true, reason: `The message ${said}: give the namespace (-n NS) rather than granting ${what} in every namespace.` } };
  }
  if (!isDnsLabel(options.namespace)) return { refusal: { reason: `${describe(options.namespace)} is not a namespace name (lower-case letters, digits and '-', at most 63 characters).` } };
  if (options.isNamespaced?.(denial.apiGroup ?? '', denial.resource ?? '') !== true) {
    return { refusal: { reason: `The message ${said}, and ${what} is not known to live in namespaces: paste the whole message, with its scope.` } };
  }
  return { denial: { ...denial, scope: 'namespaced', namespace: options.namespace } };
}

function subjectProblem(denial: DenialFacts): string | undefined {
  const s = denial.subject;
  if (!s || s.kind === 'unknown' || !s.name) return 'The message does not name who was denied: there is no subject to grant to.';
  if (s.kind === 'ServiceAccount') {
    if (!s.namespace || !isDnsLabel(s.namespace)) return `${describe(s.namespace ?? '')} is not a namespace name, so system:serviceaccount:NAMESPACE:NAME names no ServiceAccount.`;
    if (!isDnsSubdomain(s.name)) return `${describe(s.name)} is not a ServiceAccount name (lower-case letters, digits, '-' and '.').`;
    return undefined;
  }
  if (s.name.includes('*')) return `The user name ${describe(s.name)} holds a wildcard ("*"): a binding names one subject exactly, so nothing is granted.`;
  if (hasLoneSurrogate(s.name)) return 'The user name is not valid Unicode text.';
  // kubectl refuses control characters even when escaped; no authenticator issues such a name.
  if (CONTROL.test(s.name)) return `The user name ${describe(s.name)} holds control or line-break characters: this is not a name an authenticator issues.`;
  const odd = oddCharacter(s.name);
  if (odd) return `The user name ${describe(s.name)} ${odd}: it is refused rather than read without it.`;
  if (s.name.length > 1024) return 'The user name is longer than 1,024 characters: this is not a name an authenticator issues.';
  if (s.name.startsWith('system:serviceaccount:')) return `${describe(s.name)} looks like a ServiceAccount but its namespace or name is not valid.`;
  return undefined;
}

/**
 * What keeps a user name from being taken exactly: characters a paste, a markdown renderer or a log
 * encoder adds, changes or drops (backticks, quotes, backslashes of an escaping whose depth is unknown,
 * invisible format characters, blanks other than a single inner space).
 */
function oddCharacter(name: string): string | undefined {
  if (/\p{Cf}/u.test(name)) return 'holds an invisible format character (such as a byte-order mark or a zero-width space)';
  if (/[^\S ]/.test(name)) return 'holds a blank other than a space (a no-break or typographic space)';
  if (name !== name.trim()) return 'begins or ends with a blank';
  if (name.includes('`')) return 'holds a backtick (a markdown mark or the name\'s own: a paste cannot tell)';
  if (name.includes('"')) return 'holds a stray double quote';
  if (name.includes('\\')) return 'holds a backslash (how deeply it was escaped cannot be told from the paste)';
  return undefined;
}

function requestProblem(denial: DenialFacts): string | undefined {
  if (denial.kind === 'rbac-escalation') return undefined;
  if (denial.verb === null) return 'The message does not say which verb was denied.';
  if (denial.verb === '*' || denial.resource === '*' || denial.apiGroup === '*' || denial.subresource === '*' || denial.nonResourceURL?.includes('*')) {
    return `The message names a wildcard ("*") where a request has a single value: no real request carries one, so there is nothing exact to grant. Paste the original message.`;
  }
  const verb = verbProblem(denial.verb);
  if (verb) return verb;
  if (denial.nonResourceURL !== null || denial.scope === 'non-resource') {
    const url = denial.nonResourceURL ?? '';
    return URL_PATH.test(url) && url.length <= 2048 ? undefined : `${describe(url)} is not a URL path (it must start with / and hold printable characters only).`;
  }
  if (denial.resource === null || denial.apiGroup === null) return 'The message does not say which resource and API group were denied.';
  if (denial.apiGroup !== '' && !isDnsSubdomain(denial.apiGroup)) return `${describe(denial.apiGroup)} is not an API group name (a DNS name such as apps or example.com).`;
  if (!isPathSegment(denial.resource)) return `${describe(denial.resource)} is not a resource name (lower-case letters, digits and '-').`;
  if (denial.subresource !== null && !isPathSegment(denial.subresource)) return `${describe(denial.subresource)} is not a subresource name (lower-case letters, digits and '-').`;
  if (denial.resourceName !== null && !isObjectName(denial.resourceName)) return `${describe(denial.resourceName)} is not an object name Kubernetes accepts.`;
  if (denial.namespace && !isDnsLabel(denial.namespace)) return `${describe(denial.namespace)} is not a namespace name (lower-case letters, digits and '-', at most 63 characters).`;
  return undefined;
}

function verbProblem(verb: string): string | undefined {
  if (KNOWN_VERBS.includes(verb) || (IDENTIFIER.test(verb) && verb.length <= 63)) return undefined;
  return `${describe(verb)} is not a verb (verbs are words such as get, list or use).`;
}

/** A resource or subresource: one URL path segment of lower-case letters, digits and `-` (dotted: a subdomain). */
function isPathSegment(value: string): boolean {
  return value.length <= 253 && (LABEL.test(value) || isDnsSubdomain(value));
}

/** Object names are path segments: printable, no `/` or `%`, not `.` or `..` (and no wildcard). */
function isObjectName(value: string): boolean {
  return value.length <= 253 && OBJECT_NAME.test(value) && !/[/%*]/.test(value) && value !== '.' && value !== '..';
}

/** Escalation: the rules that can be copied as they are, and those that cannot (wildcards, invalid fields). */
export function partitionMissingRules(rules: readonly MissingRule[]): { copyable: MissingRule[]; withheld: MissingRule[] } {
  const copyable: MissingRule[] = [];
  const withheld: MissingRule[] = [];
  for (const rule of rules) (ruleIsExact(rule) ? copyable : withheld).push(rule);
  return { copyable, withheld };
}

function ruleIsExact(rule: MissingRule): boolean {
  if (rule.verbs.length === 0 || rule.verbs.some((v) => v === '*' || verbProblem(v))) return false;
  if (rule.nonResourceURLs?.length) return rule.nonResourceURLs.every((u) => URL_PATH.test(u) && !u.includes('*'));
  if (rule.apiGroups.length === 0 || rule.resources.length === 0) return false;
  return rule.apiGroups.every((g) => g === '' || isDnsSubdomain(g))
    && rule.resources.every((r) => r.split('/').length <= 2 && r.split('/').every(isPathSegment))
    && (rule.resourceNames ?? []).every(isObjectName);
}

/** Outside text quoted for a message: printable, and cut short. */
function describe(value: string): string {
  const shown = printable(value);
  return `"${shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}"`;
}
