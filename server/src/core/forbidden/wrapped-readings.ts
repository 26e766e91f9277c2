import type { Denial, Located } from './types';

/**
 * A denial found in one reading of the paste, placed by the number of non-blank characters before it:
 * the same for the reading that joins lines with a space and the one that joins them without.
 */
export interface Placed {
  start: number;
  stop: number;
  denial: Denial;
}

/** Re-expresses text positions as counts of non-blank characters before them. */
export function placeAll(text: string, found: Located[]): Placed[] {
  const before = new Uint32Array(text.length + 1);
  // Normalised text has single spaces for every blank.
  for (let i = 0; i < text.length; i++) before[i + 1] = before[i] + (text.charCodeAt(i) === 32 ? 0 : 1);
  return found.map(({ at, end, denial }) => ({ start: before[at], stop: before[end ?? at + 1] ?? before[text.length], denial }));
}

/**
 * Reconciles the two readings of a hard-wrapped paste: where both found a denial over the same text the
 * more complete one is kept (a line cut mid-word reads better joined); a denial only the joined reading
 * found (its phrase was cut mid-word) is added; everything else comes from the spaced reading.
 */
export function mergeReadings(spaced: Placed[], joined: Placed[]): Placed[] {
  // One sweep by start: a reading's denials only meet those of the other reading over the same text.
  const waiting = [...spaced].sort(byStart);
  const dropped = new Set<Placed>();
  const added: Placed[] = [];
  let active: Placed[] = [];
  let next = 0;
  for (const candidate of [...joined].sort(byStart)) {
    if (!candidate.denial.rbac) continue;
    while (next < waiting.length && waiting[next].start < candidate.stop) active.push(waiting[next++]);
    active = active.filter((p) => p.stop > candidate.start && !dropped.has(p));
    const rivals = active.filter((p) => p.denial.rbac && p.start < candidate.stop);
    if (rivals.length === 0 || rivals.every((r) => completeness(candidate.denial) > completeness(r.denial))) {
      for (const rival of rivals) dropped.add(rival);
      added.push(candidate);
      active.push(candidate);
    }
  }
  return [...spaced.filter((p) => !dropped.has(p)), ...added.filter((p) => !dropped.has(p))].sort(byStart);
}

function byStart(a: Placed, b: Placed): number {
  return a.start - b.start;
}

/** How much a denial tells: its known fields, quoted values without stray blanks counting double. */
export function completeness(d: Denial): number {
  let score = 0;
  for (const value of [d.subject?.name, d.verb, d.apiGroup, d.resource, d.subresource, d.resourceName, d.namespace, d.nonResourceURL]) {
    if (value === null || value === undefined) continue;
    score += /\s/.test(value) ? 1 : 2;
  }
  if (d.scope !== 'unknown') score += 1;
  if (d.kind !== 'rbac-partial') score += 1;
  return score;
}
