import type { Decision } from '../rbac/authorize';
import { markPlace } from '../rbac/undecided';
import type { Mismatch } from '../rbac/rule-matches';
import type { Origin, RbacBinding, RbacRole } from '../rbac/types';

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
export function explainDecision(decision: Decision): ChainStep[] {
  if (decision.allowed && decision.decidedBy) {
    const { binding, role, ruleIndex } = decision.decidedBy;
    return [
      { text: `${describeObject(binding)}${sourceNote(binding.origin)}`, ...where(binding.origin) },
      { text: `→ ${describeObject(role)}${sourceNote(role.origin)}`, ...where(role.origin) },
      { text: `→ rule ${ruleIndex + 1}: ${JSON.stringify(decision.decidedBy.rule)}`, ...where(role.origin), ...(role.origin.ruleLines?.[ruleIndex] !== undefined ? { line: role.origin.ruleLines[ruleIndex] } : {}) },
    ];
  }
  if (decision.considered.length === 0) return [{ text: 'no binding names this subject (or a group it belongs to)' }];
  const steps: ChainStep[] = [];
  for (const considered of decision.considered) {
    const head = `${describeObject(considered.binding)}${sourceNote(considered.binding.origin)}`;
    if (!considered.role) {
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
    const closest = closestMiss(considered.mismatches);
    steps.push({
      text: `${head} → ${describeObject(considered.role)}: ${considered.mismatches.length} rule(s), none matches${closest ? ` (closest: wrong ${MISMATCH_WORDS[closest]})` : ''}`,
      ...where(considered.binding.origin),
    });
  }
  const considered = new Set(decision.considered.map((c) => c.binding));
  for (const { binding, role, mark } of decision.undecided) {
    if (!considered.has(binding)) steps.push({ text: `${describeObject(binding)} → ${describeObject(role)} might grant it: ${mark.why}`, ...where(binding.origin), ...(mark.file ? { file: mark.file, line: mark.line } : {}) });
  }
  for (const error of decision.resolutionErrors) steps.push({ text: `RBAC: ${error}` });
  return steps;
}

/** The mismatch furthest along the matching order: verb, group, resource, name. */
function closestMiss(mismatches: (Mismatch | undefined)[]): Mismatch | undefined {
  const order: Mismatch[] = ['verb', 'apiGroup', 'resource', 'resourceName', 'nonResourceURL'];
  let best: Mismatch | undefined;
  for (const m of mismatches) if (m && (best === undefined || order.indexOf(m) > order.indexOf(best))) best = m;
  return best;
}

/** One line per rule that might grant an "unknown" answer: where it is and why it is not known. */
export function undecidedLines(decision: Decision): string[] {
  return decision.undecided.map(({ binding, role, mark }) =>
    `might be granted by ${describeObject(binding)} → ${describeObject(role)}: ${mark.why}${mark.file ? ` (${markPlace(mark)})` : ''}`);
}
