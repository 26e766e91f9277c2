import type { Check } from './check';

/** The registry: every check, in code order. */
export const ALL_CHECKS: Check[] = [];
