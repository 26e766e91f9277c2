import { offsetsToRange } from '../../model/positions';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { textDisables } from '../suppressions';
import type { Finding } from '../types';

const info = checkInfo('RBAC031')!;

/**
 * A chart template that Helm never renders (its chart's `.helmignore` leaves it out, or its chart is a
 * dependency the values switch off): nothing in it is checked, and saying so at its first line keeps an
 * open file from passing as clean.
 */
export const rbac031: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const file of context.model.allFiles()) {
      const why = context.model.charts.whyNotRendered(file.path);
      // The file has no document for a `# rbac-doctor-disable` comment to sit in: its whole text counts.
      if (!why || textDisables(file.text, info.code)) continue;
      const firstLineEnd = file.text.indexOf('\n');
      findings.push({
        code: info.code, severity: info.defaultSeverity, category: info.category, file: file.path,
        range: offsetsToRange(file.lineStarts, 0, firstLineEnd === -1 ? file.text.length : firstLineEnd),
        message: `Helm does not render this template: ${why}. Nothing in it is checked.`,
        fixes: [],
      });
    }
    return findings;
  },
};
