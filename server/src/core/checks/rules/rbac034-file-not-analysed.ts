import { offsetsToRange } from '../../model/positions';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { textDisables } from '../suppressions';
import type { Finding } from '../types';

const info = checkInfo('RBAC034')!;

/**
 * A file whose reading failed in a way no budget foresaw (a defect of this tool, or input beyond what
 * it can read): said at its first line with the reason, so that the file never passes as clean while
 * every other file is still read and checked.
 */
export const rbac034: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const file of context.model.allFiles()) {
      if (file.notAnalysed === undefined || textDisables(file.text, info.code)) continue;
      const firstLineEnd = file.text.indexOf('\n');
      findings.push({
        code: info.code, severity: info.defaultSeverity, category: info.category, file: file.path,
        range: offsetsToRange(file.lineStarts, 0, firstLineEnd === -1 ? file.text.length : firstLineEnd),
        message: `This file could not be analysed (${file.notAnalysed}): nothing in it is checked. The other files are.`,
        fixes: [],
      });
    }
    return findings;
  },
};
