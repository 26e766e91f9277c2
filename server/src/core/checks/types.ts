import type { Fix } from '../edits/types';
import type { Location, Range } from '../model/types';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** What kind of mistake: rejected by the API server, accepted but without effect, objects that do not fit, more power than it seems, tidiness. */
export type Category = 'invalid' | 'ineffective' | 'inconsistent' | 'risky' | 'hygiene';

/** What each category means, in one sentence (SARIF rule descriptions, docs). */
export const CATEGORY_MEANING: Record<Category, string> = {
  invalid: 'The API server rejects it.',
  ineffective: 'The API server accepts it, but it does not grant what it says.',
  inconsistent: 'Objects that do not fit together.',
  risky: 'Grants more than it seems.',
  hygiene: 'Tidiness: nothing breaks, but something is left over.',
};

export interface RelatedInformation {
  location: Location;
  message: string;
}

export interface Finding {
  code: string;
  severity: Severity;
  category: Category;
  message: string;
  file: string;
  range: Range;
  related?: RelatedInformation[];
  fixes: Fix[];
}

/** Check metadata: the one place that says what a code means. */
export interface CheckInfo {
  code: string;
  /** PascalCase identifier, unique, e.g. `UnknownVerb` (SARIF `rule.name`). */
  name: string;
  title: string;
  category: Category;
  defaultSeverity: Severity;
  /** Anchor in docs/checks.md, e.g. `rbac012`. */
  docsAnchor: string;
}

export const DOCS_BASE_URL = 'https://github.com/rbac-doctor/rbac-doctor/blob/main/docs/checks.md';

export function docsUrl(info: CheckInfo): string {
  return `${DOCS_BASE_URL}#${info.docsAnchor}`;
}
