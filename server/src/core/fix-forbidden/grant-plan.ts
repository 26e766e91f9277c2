import { shellQuote } from '../emit/shell-quote';
import type { PolicyRule, Subject } from '../rbac/types';
import type { DenialFacts } from './denial';
import { describeGrant } from './describe-grant';

/** The least-privilege grant that lets a denied request through, before it becomes YAML or an edit. */
export interface GrantPlan {
  subject: Subject;
  /** The user name for `kubectl auth can-i --as`. */
  asUser: string;
  rules: PolicyRule[];
  /** Role + RoleBinding in `namespace`, or ClusterRole + ClusterRoleBinding. */
  scope: 'namespace' | 'cluster';
  namespace?: string;
  /** The request to verify with `kubectl auth can-i`. */
  verify: { verb: string; target: string; namespace?: string; subresource?: string; allNamespaces?: boolean };
  /** The header's first line: exactly what the YAML grants, and whether that is exactly what was denied. */
  headline: string;
  notes: string[];
}

export interface GrantOptions {
  /** Restrict to the denied object's name (only for verbs that carry a name). */
  resourceNames?: boolean;
  /** Add the verbs clients usually need with the denied one (list+watch, get+create for exec…). */
  companions?: boolean;
  /** Whether a resource lives in namespaces (from the catalog), to verify cluster-wide grants with `-A`. */
  isNamespaced?: (group: string, resource: string) => boolean | undefined;
}

/** Denials that must not simply be granted: say why instead. */
export function refusal(denial: DenialFacts): string | undefined {
  const name = denial.subject?.name ?? '';
  if (name === 'system:anonymous') return 'The request carried no credentials (system:anonymous): fix the client\'s kubeconfig or token rather than granting rights to anonymous users.';
  if (/^system:node:/.test(name) || denial.kind === 'node-authorizer') return 'Nodes are authorized by the Node authorizer and NodeRestriction, not by RBAC grants: check that the kubelet uses its own node identity and that the object is bound to that node.';
  if (/^system:(kube-scheduler|kube-controller-manager|kube-proxy|apiserver)$/.test(name)) return `${name} is a control-plane component whose permissions come from the default roles: during start-up these denials are transient; if they persist, restore the default ClusterRoleBindings (kubectl auth reconcile) instead of writing new ones.`;
  if (/^kube-apiserver-kubelet-client$|^system:kube-apiserver/.test(name)) return 'This is the API server\'s kubelet client certificate: bind it to the default ClusterRole system:kubelet-api-admin rather than writing new rules.';
  return undefined;
}

const STREAM_SUBRESOURCES = new Set(['exec', 'attach', 'portforward']);

const COMPANIONS: Record<string, string[]> = {
  list: ['watch'],
  watch: ['list'],
  update: ['get'],
  patch: ['get'],
};

/**
 * Builds the grant for a resource or non-resource denial; undefined when the denial lacks what a rule
 * needs. The denial must have passed validateDenial: its scope is then known (cluster or a namespace).
 */
export function planGrant(denial: DenialFacts, options: GrantOptions = {}): GrantPlan | undefined {
  if (!denial.rbac || !denial.subject || denial.subject.kind === 'unknown' || !denial.subject.name || !denial.verb) return undefined;
  const subject = toSubject(denial);
  const asUser = denial.subject.kind === 'ServiceAccount' ? `system:serviceaccount:${denial.subject.namespace}:${denial.subject.name}` : denial.subject.name;
  const notes: string[] = [];
  if (denial.scope === 'non-resource' || denial.nonResourceURL) {
    if (!denial.nonResourceURL) return undefined;
    const rules = [{ nonResourceURLs: [denial.nonResourceURL], verbs: [denial.verb] }];
    return {
      subject, asUser, scope: 'cluster', notes, rules,
      headline: describeGrant(denial, rules[0], undefined).headline,
      verify: { verb: denial.verb, target: denial.nonResourceURL },
    };
  }
  if (denial.resource === null || denial.apiGroup === null) return undefined;
  if (denial.scope !== 'cluster' && !denial.namespace) return undefined;
  const combined = denial.subresource ? `${denial.resource}/${denial.subresource}` : denial.resource;
  const verbs = [denial.verb];
  // Exec/attach/port-forward: WebSocket clients send get, SPDY clients create, and since 1.35 the
  // API server also requires create for the WebSocket upgrade: a working grant needs both.
  for (const extra of STREAM_SUBRESOURCES.has(denial.subresource ?? '') ? ['get', 'create'] : []) if (!verbs.includes(extra)) verbs.push(extra);
  if (options.companions) {
    for (const extra of COMPANIONS[denial.verb] ?? []) if (!verbs.includes(extra)) verbs.push(extra);
  }
  const rule: PolicyRule = { apiGroups: [denial.apiGroup], resources: [combined], verbs };
  // A subresource request (…/pods/NAME/exec) always names its object; a top-level create never does.
  const nameable = denial.subresource !== null || verbs.every((v) => !['list', 'watch', 'create', 'deletecollection'].includes(v));
  if (options.resourceNames && denial.resourceName && nameable) rule.resourceNames = [denial.resourceName];
  else if (options.resourceNames && denial.resourceName) notes.push(`resourceNames cannot limit ${verbs.filter((v) => ['list', 'watch', 'create', 'deletecollection'].includes(v)).join(', ')}: the rule covers every ${denial.resource}.`);
  const cluster = denial.scope === 'cluster';
  const described = describeGrant(denial, rule, cluster ? undefined : denial.namespace ?? undefined);
  notes.unshift(...described.notes);
  return {
    subject, asUser, notes, headline: described.headline,
    rules: [rule],
    scope: cluster ? 'cluster' : 'namespace',
    namespace: cluster ? undefined : denial.namespace ?? undefined,
    verify: {
      verb: denial.verb,
      target: `${denial.apiGroup ? `${denial.resource}.${denial.apiGroup}` : denial.resource}${denial.resourceName && rule.resourceNames ? `/${denial.resourceName}` : ''}`,
      namespace: cluster ? undefined : denial.namespace ?? undefined,
      subresource: denial.subresource ?? undefined,
      allNamespaces: cluster && options.isNamespaced?.(denial.apiGroup, denial.resource) === true,
    },
  };
}

function toSubject(denial: DenialFacts): Subject {
  const s = denial.subject!;
  if (s.kind === 'ServiceAccount') return { kind: 'ServiceAccount', name: s.name!, namespace: s.namespace ?? undefined };
  return { kind: 'User', name: s.name!, apiGroup: 'rbac.authorization.k8s.io' };
}

/** `kubectl auth can-i VERB TARGET [-n NS] [--subresource SUB] --as USER`: the command that verifies a grant. */
export function verifyCommand(plan: GrantPlan): string {
  const { verb, target, namespace, subresource, allNamespaces } = plan.verify;
  return ['kubectl auth can-i', shellQuote(verb), shellQuote(target), namespace ? `-n ${shellQuote(namespace)}` : allNamespaces ? '-A' : '',
    subresource ? shellQuote(`--subresource=${subresource}`) : '', `--as ${shellQuote(plan.asUser)}`]
    .filter(Boolean)
    .join(' ');
}
