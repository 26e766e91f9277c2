import type { ConsideredBinding, Decision, RuleMiss } from '../rbac/authorize';
import { markPlace } from '../rbac/undecided';
import type { Mismatch } from '../rbac/rule-matches';
import type { AccessRequest, Origin, PolicyRule, RbacBinding, RbacRole } from '../rbac/types';

/** One line of an explanation, with the place it refers to. */
export interface ChainStep {
  text: string;
  file?: string;
  line?: number;
}

export function describeObject(object: RbacBinding | RbacRole): string {
  return object.namespace ? `${object.kind} ${object.namespace}/${object.name}` : `${object.kind} ${object.name}`;
}

function where(origin: Origin): Pick<ChainStep, 'file' | 'line'> {
  return origin.source === 'workspace' ? { file: origin.file, line: origin.line } : {};
}

function sourceNote(origin: Origin): string {
  const live = origin.cluster ? ` (live from cluster ${origin.cluster})` : '';
  return origin.source === 'builtin' ? ` (default role of Kubernetes)${live}` : live;
}

const MISMATCH_WORDS: Record<Mismatch, string> = {
  verb: 'verb',
  apiGroup: 'API group',
  resource: 'resource',
  resourceName: 'resource name',
  nonResourceURL: 'path',
  kind: 'kind',
};

/**
 * The chain that decided a can-i question: binding → role → rule, or why nothing matched. A rule that
 * would grant but may not render is named with its own place: the answer is then "unknown".
 */
export function explainDecision(decision: Decision, request?: AccessRequest): ChainStep[] {
  if (decision.allowed && decision.decidedBy) {
    const { binding, role, ruleIndex } = decision.decidedBy;
    return [
      { text: `${describeObject(binding)}${sourceNote(binding.origin)}`, ...where(binding.origin) },
      { text: `→ ${describeObject(role)}${sourceNote(role.origin)}`, ...where(role.origin) },
      { text: `→ rule ${ruleIndex + 1}: ${JSON.stringify(decision.decidedBy.rule)}`, ...where(role.origin), ...(role.origin.ruleLines?.[ruleIndex] !== undefined ? { line: role.origin.ruleLines[ruleIndex] } : {}) },
    ];
  }
  if (decision.considered.length === 0 && decision.undecided.length === 0) return [{ text: 'no binding names this subject (or a group it belongs to)' }];
  const steps: ChainStep[] = [];
  // The rule that came closest, first: fewest parts that differ; the user's own manifests before
  // Kubernetes' default roles; then the order the authorizer visits them.
  const nearest = closestRule(decision);
  if (nearest && request) steps.push(describeClosest(nearest, request));
  const defaults: string[] = [];
  for (const considered of decision.considered) {
    const head = `${describeObject(considered.binding)}${sourceNote(considered.binding.origin)}`;
    if (!considered.role && !considered.undecided) {
      steps.push({ text: `${head}: its ${considered.binding.roleRef.kind} "${considered.binding.roleRef.name}" does not exist`, ...where(considered.binding.origin) });
      continue;
    }
    if (considered.undecided) {
      const { role, ruleIndex, mark } = considered.undecided;
      steps.push({
        text: `${head} → ${describeObject(role)}: ${ruleIndex === -1 ? 'might grant it:' : `rule ${ruleIndex + 1} would grant it, but`} ${mark.why}`,
        ...where(considered.binding.origin), ...(mark.file ? { file: mark.file, line: mark.line } : {}),
      });
      continue;
    }
    // Default bindings every user meets (system:basic-user, system:discovery…) are one line, unless
    // one of them holds the closest rule.
    if (considered.binding.origin.source === 'builtin' && considered !== nearest?.considered) {
      defaults.push(considered.binding.name);
      continue;
    }
    if (!considered.role) continue;
    const miss = considered.closestMisses[0];
    const closest = miss ? ` (closest: rule ${miss.ruleIndex + 1}, ${miss.failed.map((f) => `wrong ${MISMATCH_WORDS[f]}`).join(', ')})` : '';
    steps.push({
      text: `${head} → ${describeObject(considered.role)}: ${plural(considered.mismatches.length, 'rule')}, none matches${closest}`,
      ...where(considered.binding.origin),
    });
  }
  if (defaults.length) steps.push({ text: `${plural(defaults.length, 'default binding')} of Kubernetes also ${defaults.length === 1 ? 'applies' : 'apply'} (${defaults.join(', ')}); none comes close` });
  const considered = new Set(decision.considered.map((c) => c.binding));
  for (const { binding, role, mark } of decision.undecided) {
    if (!considered.has(binding)) steps.push({ text: `${describeObject(binding)} → ${describeObject(role)} might grant it: ${mark.why}`, ...where(binding.origin), ...(mark.file ? { file: mark.file, line: mark.line } : {}) });
  }
  for (const error of decision.resolutionErrors) steps.push({ text: `RBAC: ${error}` });
  return steps;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

interface Nearest {
  considered: ConsideredBinding;
  miss: RuleMiss;
}

/** The rule of all bindings considered whose parts differ least from the request. */
function closestRule(decision: Decision): Nearest | undefined {
  let best: (Nearest & { score: number }) | undefined;
  for (const considered of decision.considered) {
    for (const miss of considered.closestMisses) {
      // A rule of the other kind (a path rule asked about a resource) is never "close".
      if (miss.failed.includes('kind')) continue;
      const score = miss.failed.length * 2 + (considered.binding.origin.source === 'builtin' ? 1 : 0);
      if (!best || score < best.score) best = { considered, miss, score };
    }
  }
  return best;
}

/** `closest: Role shop/reader, rule 1: verb "lsit" is not among its verbs [get, list]`, at the rule's line. */
function describeClosest({ considered, miss }: Nearest, request: AccessRequest): ChainStep {
  const role = considered.role!;
  const differences = miss.failed.map((part) => difference(part, miss.rule, request));
  const line = role.origin.ruleLines?.[miss.ruleIndex];
  return {
    text: `closest: ${describeObject(role)}${sourceNote(role.origin)}, rule ${miss.ruleIndex + 1} (bound by ${describeObject(considered.binding)}): ${differences.join('; ')}`,
    ...where(role.origin),
    ...(line !== undefined && role.origin.source === 'workspace' ? { line } : {}),
  };
}

/** As the manifest writes them: `["", "apps"]` (the core group is visible). */
const list = (values: string[] | undefined) => `[${(values ?? []).map((v) => JSON.stringify(v)).join(', ')}]`;

/** What one part of a rule says against the request, in the request's own terms. */
function difference(part: Mismatch, rule: PolicyRule, request: AccessRequest): string {
  if (request.kind === 'non-resource') {
    if (part === 'verb') return `verb "${request.verb}" is not among its verbs ${list(rule.verbs)}`;
    return `path "${request.path}" is not among its nonResourceURLs ${list(rule.nonResourceURLs)}`;
  }
  switch (part) {
    case 'verb':
      return `verb "${request.verb}" is not among its verbs ${list(rule.verbs)}`;
    case 'apiGroup':
      return `API group "${request.apiGroup}"${request.apiGroup === '' ? ' (core)' : ''} is not among its apiGroups ${list(rule.apiGroups)}`;
    case 'resource':
      return `resource "${request.subresource ? `${request.resource}/${request.subresource}` : request.resource}" is not among its resources ${list(rule.resources)}`;
    case 'resourceName':
      return request.name ? `name "${request.name}" is not among its resourceNames ${list(rule.resourceNames)}` : `it lists resourceNames ${list(rule.resourceNames)}, and the request names no object`;
    default:
      return `wrong ${MISMATCH_WORDS[part]}`;
  }
}

/** One line per rule that might grant an "unknown" answer: where it is and why it is not known. */
export function undecidedLines(decision: Decision): string[] {
  return decision.undecided.map(({ binding, role, mark }) =>
    `might be granted by ${describeObject(binding)} → ${describeObject(role)}: ${mark.why}${mark.file ? ` (${markPlace(mark)})` : ''}`);
}
