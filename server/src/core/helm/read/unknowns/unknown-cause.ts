import { functionNamed } from '../../template/functions/template-functions';
import { firstActionEndingAfter, type ActionSpan } from '../../template/lex-actions';
import type { UndecidedSpan } from '../undecided-text';

/** Go template words and the functions the evaluator runs itself: never "not evaluated". */
const EVALUATED = new Set([
  'if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue', 'nil', 'true', 'false',
  'and', 'or', 'not', 'include', 'tpl', 'len', 'index', 'print', 'printf', 'println', 'eq', 'ne', 'lt', 'le', 'gt', 'ge',
]);

/**
 * Why a value printed in [start, end) of a template is not known, as a clause after its field ("is
 * computed with `lookup`, which is not evaluated offline"): a function not evaluated here, what only the
 * cluster knows (`.Files`, `.Capabilities.APIVersions`), the item of a `range` whose list could not be
 * decided, or a helper whose value is not known. Undefined when none of these says it.
 */
export function unknownCause(actions: ActionSpan[], spans: UndecidedSpan[], start: number, end: number): string | undefined {
  for (const action of actionsMeeting(actions, start, end)) {
    const body = action.body.replace(/"(?:[^"\\\n]|\\.)*"|`[^`]*`/g, '""');
    const calls = [...body.matchAll(/(^|[^.$\w])([A-Za-z_]\w*)/g)].map((m) => m[2]);
    const unevaluated = calls.find((name) => !EVALUATED.has(name) && !functionNamed(name));
    if (unevaluated) return `is computed with \`${unevaluated}\`, which is not evaluated offline`;
    if (/\.Files\b/.test(body)) return 'reads `.Files`, which is not read here';
    if (/\.Capabilities\.APIVersions\b/.test(body)) return 'depends on the APIs the cluster serves (`.Capabilities.APIVersions`)';
  }
  const loop = spans.find((span) => span.start <= start && start < span.end && /^\{\{-?\s*range\b/.test(span.because.text));
  if (loop) return `is printed for each item of \`${loop.because.text}\` (line ${loop.because.line + 1}), whose list could not be decided`;
  const helper = actionsMeeting(actions, start, end).map((a) => /\b(?:include|template)\s+"([^"]+)"/.exec(a.body)?.[1]).find(Boolean);
  if (helper) return `is printed by the helper "${helper}", whose value is not known here`;
  return undefined;
}

/** The actions (sorted, disjoint) that meet [start, end). */
function actionsMeeting(actions: ActionSpan[], start: number, end: number): ActionSpan[] {
  const out: ActionSpan[] = [];
  for (let i = firstActionEndingAfter(actions, start); i < actions.length && actions[i].start < end && out.length < 8; i++) out.push(actions[i]);
  return out;
}
