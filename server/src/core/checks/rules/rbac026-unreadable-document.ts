import { offsetsToRange } from '../../model/positions';
import { syntaxErrorOf } from '../../model/syntax-errors';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import type { Finding } from '../types';

const info = checkInfo('RBAC026')!;

/**
 * A document of a Kubernetes manifest that the YAML parser rejects: nothing in it is checked, and
 * kubectl rejects it too. Helm templates (documents with `{{`) are not YAML yet and are not reported.
 */
export const rbac026: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const file of context.model.allFiles()) {
      for (const doc of file.documents) {
        const error = syntaxErrorOf(file, doc);
        if (!error) continue;
        // A parser that runs out of text points past the last line: show the last character instead.
        const contentEnd = doc.start + file.text.slice(doc.start, doc.end).trimEnd().length;
        const at = Math.max(doc.start, Math.min(doc.start + error.offset, contentEnd - 1));
        const lineEnd = file.text.indexOf('\n', at);
        const end = Math.max(at, lineEnd === -1 ? doc.end : Math.min(lineEnd, doc.end));
        findings.push({
          code: info.code, severity: info.defaultSeverity, category: info.category, file: file.path,
          range: offsetsToRange(file.lineStarts, at, end),
          message: `YAML syntax error: ${error.message}. This document cannot be read, so nothing in it was checked (kubectl rejects it too).`,
          fixes: [],
        });
      }
    }
    return findings;
  },
};
