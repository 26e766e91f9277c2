import type { PolicyIndex } from './policy-index';
import type { PolicyRule, RbacBinding, RbacRole } from './types';

/**
 * Why a grant is only possible, not known: some part of the chain binding → subject → role → rule
 * renders only under a condition that could not be decided. `file`/`line` (0-based) name that part.
 */
export interface UndecidedMark {
  why: string;
  file?: string;
  line?: number;
}

/**
 * The undecided part of one grant chain, or undefined when every part of it is known. `subjectsKnown`
 * says whether a subject that matches is itself decided (a binding whose matching subjects are all
 * undecided grants nothing for sure).
 */
export function undecidedChain(index: PolicyIndex, binding: RbacBinding, subjectsKnown: boolean, role: RbacRole, rule: PolicyRule): UndecidedMark | undefined {
  if (binding.undecided?.object) return { why: `${binding.kind} ${binding.name} ${binding.undecided.object}`, file: binding.origin.file, line: binding.origin.line };
  if (!subjectsKnown) return { why: `the subject of ${binding.kind} ${binding.name} ${binding.undecided?.items?.[0]?.why ?? 'may not render'}`, file: binding.origin.file, line: binding.origin.line };
  if (role.undecided?.object) return { why: `${role.kind} ${role.name} ${role.undecided.object}`, file: role.origin.file, line: role.origin.line };
  return index.undecidedRule(rule);
}

/** Whether a subject of a binding (by index) may not render. */
export function subjectUndecided(binding: RbacBinding, subjectIndex: number): boolean {
  return !!binding.undecided?.object || !!binding.undecided?.items?.some((item) => item.index === subjectIndex);
}

/** `file:line` (1-based) of a mark, for messages. */
export function markPlace(mark: UndecidedMark): string {
  return mark.file ? `${mark.file}:${(mark.line ?? 0) + 1}` : '';
}
