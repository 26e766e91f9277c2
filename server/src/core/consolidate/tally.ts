import type { Denial } from '../forbidden/types';
import type { ConsolidationPlan } from './consolidate';

/** How the denials of a text or log split: every denial is counted once, in exactly one of the parts. */
export interface DenialTally {
  /** Every denial found. */
  denials: number;
  /** Denials the changes grant. */
  toFix: number;
  /** Denials the subject may already do, per the manifests and roles known here. */
  alreadyAllowed: number;
  /** RBAC denials no change grants (escalation refusals, messages that do not say enough): each is said apart. */
  leftOut: number;
  /** Denials that are not RBAC's (admission, quota…): explained, nothing to grant. */
  notRbac: number;
  /** Subjects the changes are for. */
  subjects: number;
}

export function tallyDenials(denials: readonly Denial[], plan: Pick<ConsolidationPlan, 'granted' | 'skipped' | 'subjects'>): DenialTally {
  const alreadyAllowed = plan.skipped.filter((s) => s.alreadyAllowed).length;
  const notRbac = denials.filter((d) => !d.rbac).length;
  return {
    denials: denials.length,
    toFix: plan.granted,
    alreadyAllowed,
    leftOut: denials.length - plan.granted - alreadyAllowed - notRbac,
    notRbac,
    subjects: plan.subjects,
  };
}

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "5 denials, 1 already allowed by your manifests": the same words in the lens, the command and its notification. */
export function describeTally(tally: DenialTally): string {
  return [
    count(tally.denials, 'denial'),
    tally.alreadyAllowed ? `${tally.alreadyAllowed.toLocaleString('en-US')} already allowed by your manifests` : '',
    tally.leftOut ? `${tally.leftOut.toLocaleString('en-US')} not granted here (said apart)` : '',
    tally.notRbac ? `${tally.notRbac.toLocaleString('en-US')} not RBAC's` : '',
  ].filter(Boolean).join(', ');
}

/** What fixing them does: "Fix all 4 denials (1 subject)" when the changes grant every one, else "Fix 4 of 5 denials (1 subject)". */
export function fixTitle(tally: DenialTally): string {
  const subjects = count(tally.subjects, 'subject');
  return tally.toFix === tally.denials
    ? `Fix all ${count(tally.toFix, 'denial')} (${subjects})`
    : `Fix ${tally.toFix.toLocaleString('en-US')} of ${count(tally.denials, 'denial')} (${subjects})`;
}
