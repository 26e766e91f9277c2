import { helmInfo } from '../../helm/read/read-template';
import { offsetsToRange } from '../../model/positions';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import type { Finding } from '../types';

const info = checkInfo('RBAC037')!;

/**
 * A template action whose value went past an evaluation budget (core/budgets: a value nested too deep or
 * too large for `toYaml`/`toJson`, values nested past their depth, `include` nested past its depth): the
 * value is unknown, and what it prints is not judged. Said at the action, so that the file never passes
 * as fully read; a template that does more work than its size allows is not read at all, said at its first line.
 */
export const rbac037: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const file of context.model.allFiles()) {
      for (const cut of helmInfo(file)?.budgetCuts ?? []) {
        findings.push({
          code: info.code, severity: info.defaultSeverity, category: info.category, file: file.path,
          range: offsetsToRange(file.lineStarts, cut.start, cut.end),
          message: `Not evaluated past the budget that keeps reading bounded: ${cut.reason}. ${cut.wholeFile ? 'Nothing in this template is checked.' : 'Its value is unknown, and what it prints is not judged.'}`,
          fixes: [],
        });
      }
    }
    return findings;
  },
};
