import { readFileSync } from 'fs';
import { join } from 'path';
import { parseForbiddenMessage } from '../../server/src/core/forbidden/parse-forbidden-message';
import type { Denial } from '../../server/src/core/forbidden/types';

/** One real 403 text from a public issue thread, with what a careful reader takes from it. */
export interface RealText {
  id: string;
  source: string;
  /** Whether the text holds an RBAC denial at all. */
  rbac: boolean;
  text: string;
  /** The RBAC denials in order: subject, verb, group, resource, subresource, name, namespace, scope (and a non-resource path). */
  expected: ExpectedDenial[];
  /** For a look-alike: what it is. */
  lookalike?: string;
  notes?: string;
}

export interface ExpectedDenial {
  subject: { kind: string; name: string | null; namespace: string | null };
  verb: string | null;
  apiGroup: string | null;
  resource: string | null;
  subresource: string | null;
  resourceName: string | null;
  namespace: string | null;
  scope: string | null;
  nonResourceURL: string | null;
}

export function loadRealTexts(dir: string): RealText[] {
  return (JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as { entries: RealText[] }).entries;
}

/** The fields a reading is judged on. */
export function judged(denial: Denial): ExpectedDenial {
  const s = denial.subject;
  return {
    subject: { kind: s?.kind ?? 'unknown', name: s?.name ?? null, namespace: s?.namespace ?? null },
    verb: denial.verb, apiGroup: denial.apiGroup, resource: denial.resource, subresource: denial.subresource,
    resourceName: denial.resourceName, namespace: denial.namespace, scope: denial.scope, nonResourceURL: denial.nonResourceURL,
  };
}

export interface RealReading {
  entry: RealText;
  actual: ExpectedDenial[];
  exact: boolean;
  /** A look-alike read as an RBAC denial. */
  lookalikeAsRbac: boolean;
}

export function readRealText(entry: RealText): RealReading {
  const rbac = parseForbiddenMessage(entry.text).filter((d) => d.rbac);
  const actual = rbac.map(judged);
  const exact = JSON.stringify(actual) === JSON.stringify(entry.expected);
  return { entry, actual, exact, lookalikeAsRbac: !entry.rbac && rbac.length > 0 };
}

export function scoreRealTexts(entries: RealText[]): { exact: number; total: number; lookalikes: number; lookalikesAsRbac: number; misses: RealReading[] } {
  const readings = entries.map(readRealText);
  return {
    exact: readings.filter((r) => r.exact).length,
    total: entries.length,
    lookalikes: entries.filter((e) => !e.rbac).length,
    lookalikesAsRbac: readings.filter((r) => r.lookalikeAsRbac).length,
    misses: readings.filter((r) => !r.exact),
  };
}
