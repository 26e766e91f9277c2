import type { Denial } from '../forbidden/types';
import type { PolicyRule, ResourceRequest } from '../rbac/types';
import { compactRules, tupleKey } from './compact-rules';

/** What a known client will ask for after the denied request: offered apart, never granted by default. */
export interface NextStep {
  pattern: string;
  /** One sentence: why the client needs it. */
  reason: string;
  /** Undefined: cluster-wide. */
  namespace?: string;
  rules: PolicyRule[];
}

interface Pattern {
  pattern: string;
  reason: string;
  /** The extra (group, resource, verbs) a denial of this shape leads to; undefined when it is not this pattern. */
  next(denial: Denial): { apiGroup: string; resource: string; verbs: string[] }[] | undefined;
}

const ROLLOUT_KINDS = new Set(['deployments', 'statefulsets', 'daemonsets']);

const PATTERNS: Pattern[] = [
  {
    pattern: 'leader election',
    reason: 'A leader-election client that may read its Lease next creates it when it is missing and renews it with update every few seconds.',
    next: (d) => (d.apiGroup === 'coordination.k8s.io' && d.resource === 'leases' && !d.subresource && ['get', 'create', 'update'].includes(d.verb ?? '')
      ? [{ apiGroup: 'coordination.k8s.io', resource: 'leases', verbs: ['get', 'create', 'update'] }] : undefined),
  },
  {
    pattern: 'an informer',
    reason: 'Informers (controllers, operators, kubectl get -w) list a resource and then watch it; a denied list is followed by a watch and the other way round.',
    next: (d) => (d.resource && !d.subresource && (d.verb === 'list' || d.verb === 'watch') ? [{ apiGroup: d.apiGroup ?? '', resource: d.resource, verbs: ['list', 'watch'] }] : undefined),
  },
  {
    pattern: 'kubectl rollout restart',
    reason: 'kubectl rollout restart reads the workload and patches its pod template annotation.',
    next: (d) => (d.apiGroup === 'apps' && ROLLOUT_KINDS.has(d.resource ?? '') && !d.subresource && d.verb === 'patch'
      ? [{ apiGroup: 'apps', resource: d.resource!, verbs: ['get', 'patch'] }] : undefined),
  },
  {
    pattern: 'kubectl scale',
    reason: 'kubectl scale reads the workload and then changes its scale subresource.',
    next: (d) => (d.subresource === 'scale' && d.resource && ['get', 'patch', 'update'].includes(d.verb ?? '')
      ? [{ apiGroup: d.apiGroup ?? '', resource: d.resource, verbs: ['get'] }, { apiGroup: d.apiGroup ?? '', resource: `${d.resource}/scale`, verbs: ['get', 'patch'] }] : undefined),
  },
  {
    pattern: 'kubectl logs -f',
    reason: 'kubectl logs reads the pod to pick its container before streaming pods/log (and lists pods for deploy/NAME or -l).',
    next: (d) => (d.apiGroup === '' && d.resource === 'pods' && d.subresource === 'log' && d.verb === 'get'
      ? [{ apiGroup: '', resource: 'pods', verbs: ['get', 'list'] }] : undefined),
  },
];

/**
 * For the denials of one subject, what each known client pattern needs beyond them, per pattern and
 * namespace: only rules that add something to what was denied.
 */
export function nextSteps(denials: readonly Denial[], alreadyAllowed: (request: ResourceRequest) => boolean = () => false): NextStep[] {
  const denied = new Set(denials.flatMap((d) => (d.resource ? [key(d.namespace, d.apiGroup ?? '', d.subresource ? `${d.resource}/${d.subresource}` : d.resource, d.verb ?? '')] : [])));
  const steps = new Map<string, NextStep>();
  for (const denial of denials) {
    for (const pattern of PATTERNS) {
      const wanted = pattern.next(denial);
      if (!wanted) continue;
      const namespace = denial.scope === 'cluster' ? undefined : denial.namespace ?? undefined;
      const rules = wanted.flatMap(({ apiGroup, resource, verbs }) => {
        const [plain, subresource] = resource.split('/');
        const missing = verbs.filter((verb) => !denied.has(key(denial.namespace, apiGroup, resource, verb))
          && !alreadyAllowed({ kind: 'resource', verb, apiGroup, resource: plain, ...(subresource ? { subresource } : {}), ...(namespace ? { namespace } : {}) }));
        return missing.length ? [{ apiGroups: [apiGroup], resources: [resource], verbs: missing }] : [];
      });
      if (rules.length === 0) continue;
      const id = `${pattern.pattern}/${namespace ?? ''}`;
      const step = steps.get(id) ?? { pattern: pattern.pattern, reason: pattern.reason, namespace, rules: [] };
      step.rules.push(...rules);
      steps.set(id, step);
    }
  }
  // Compacted once per step: compacting after every denial made a subject's many denials quadratic.
  return [...steps.values()].map((step) => ({ ...step, rules: compactRules(step.rules) }));
}

function key(namespace: string | null, group: string, resource: string, verb: string): string {
  return `${namespace === null ? '-' : tupleKey([namespace])}${tupleKey([group, resource, verb])}`;
}
