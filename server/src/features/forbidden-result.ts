import { companionComments, describeNextStep } from '../core/consolidate/companion-comments';
import { consolidationPlan } from '../core/consolidate/consolidate';
import { describeSubject, renderChange } from '../core/consolidate/render-change';
import { describeTally, fixTitle, tallyDenials } from '../core/consolidate/tally';
import { accessFileOf } from '../core/fix-forbidden/access-file';
import type { SubjectChange } from '../core/consolidate/types';
import type { CheckContext } from '../core/checks/check';
import type { Denial } from '../core/forbidden/types';
import { manifestOfSuggestion } from '../core/fix-forbidden/manifest-of-suggestion';
import { refusalOf, suggestFixes } from '../core/fix-forbidden/suggest-fixes';
import { summariseDenial } from '../core/fix-forbidden/summarise-denial';
import { readLogText, type LogReading } from '../core/logs/log-reader';
import type { SourceFile } from '../core/model/types';
import { readLogFile, type LogProgress } from '../node/read-log-file';
import type { ForbiddenChange, ForbiddenParams, ForbiddenResult } from '../protocol/custom-messages';
import { uriToPath } from './uri';

/**
 * The text the user gave, or the log file it names (streamed: an audit log may be large), with the
 * share read reported as the editor's progress.
 */
export async function readForbiddenParams(params: ForbiddenParams, progress?: LogProgress): Promise<LogReading> {
  const path = params.uri ? uriToPath(params.uri) : undefined;
  if (path && !params.text) return readLogFile(path, progress);
  return readLogText(params.text);
}

/** Fix Forbidden Error's answer: each denial's suggestions, and for a whole log one change per subject. */
export function forbiddenResult(context: CheckContext, denials: Denial[], params: ForbiddenParams, fileOf: (path: string) => SourceFile | undefined): ForbiddenResult {
  const options = params.options ?? {};
  const refusals = denials.flatMap((d) => {
    const refusal = refusalOf(context, d, options);
    return refusal ? [{ summary: summariseDenial(d), ...refusal }] : [];
  });
  const plan = consolidationPlan(context, denials, options);
  const changes = [...plan.changes()];
  const granted = plan.granted;
  const tally = tallyDenials(denials, plan);
  return {
    denials: denials.map((d) => ({ rbac: d.rbac, kind: d.kind, summary: summariseDenial(d), explanation: d.explanation })),
    suggestions: denials.filter((d) => d.rbac).flatMap((d) => suggestFixes(context, d, options)).map((suggestion) => {
      const manifest = manifestOfSuggestion(suggestion, fileOf);
      return manifest ? { ...suggestion, manifest } : suggestion;
    }),
    ...(refusals.length ? { refusals } : {}),
    // A single denial keeps the single-message answer; two or more get the consolidated changes too.
    ...(granted >= 2 ? { changes: changes.map((c) => toProtocol(context, c)) } : {}),
    tally: { ...tally, text: describeTally(tally), fixTitle: fixTitle(tally) },
  };
}

function toProtocol(context: CheckContext, change: SubjectChange): ForbiddenChange {
  const objects = renderChange(change);
  const yaml = objects && `${objects}${companionComments(change.next)}`;
  const edits = change.edits.flatMap((e) => e.edits);
  const file = accessFileOf(context, change.subject);
  return {
    subject: describeSubject(change.subject),
    denials: change.denials.length,
    ...(yaml ? { yaml } : {}),
    fileName: file.fileName,
    ...(file.path ? { suggestedPath: file.path } : {}),
    ...(edits.length ? { edits } : {}),
    notIncluded: change.next.map((step) => `${step.pattern}: ${describeNextStep(step)}`),
    editedRoles: change.edits.map((e) => `${e.kind} ${e.namespace ? `${e.namespace}/` : ''}${e.name}`),
    next: change.next.map((step) => ({
      pattern: step.pattern,
      reason: step.reason,
      namespace: step.namespace,
      rules: step.rules,
    })),
  };
}
