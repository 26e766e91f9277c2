import type { Denial } from '../forbidden/types';

/** Identical denials (explanation aside) share a key: a log repeats the same 403 many times. */
export function denialKey(denial: Denial): string {
  return JSON.stringify({ ...denial, explanation: undefined });
}
