import * as assert from 'assert';
import { parseForbiddenMessage } from '../../../server/src/core/forbidden/parse-forbidden-message';
import type { Denial, DenialSubject } from '../../../server/src/core/forbidden/types';

/** The denials of a paste without the explanation, which is not part of the contract. */
export function parseContract(text: string): Omit<Denial, 'explanation'>[] {
  return parseForbiddenMessage(text).map((d) => {
    const { explanation: _explanation, ...rest } = d;
    void _explanation;
    return rest;
  });
}

/** Asserts the paste holds exactly one denial whose listed fields have exactly these values. */
export function expectOne(text: string, expected: Partial<Denial>): Denial {
  const all = parseForbiddenMessage(text);
  assert.strictEqual(all.length, 1, `expected one denial, got ${JSON.stringify(all, null, 1)}`);
  expectFields(all[0], expected);
  return all[0];
}

export function expectFields(denial: Denial, expected: Partial<Denial>): void {
  for (const [key, value] of Object.entries(expected)) {
    assert.deepStrictEqual((denial as unknown as Record<string, unknown>)[key], value, `field ${key} of ${JSON.stringify(denial)}`);
  }
}

export const user = (name: string): DenialSubject => ({ kind: 'User', name, namespace: null, groups: null });
export const serviceAccount = (namespace: string, name: string): DenialSubject => ({ kind: 'ServiceAccount', name, namespace, groups: null });
export const unknownSubject: DenialSubject = { kind: 'unknown', name: null, namespace: null, groups: null };

/** Wraps text the way a JSON string field carries it: quotes and backslashes escaped, line breaks as \n. */
export function jsonEscape(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
