import { nearest } from '../../catalog/suggest';
import { missingDefineCalls, type MissingDefineCall } from '../../helm/chart/chart-defines';
import { offsetsToRange } from '../../model/positions';
import type { SourceFile } from '../../model/types';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import type { Finding } from '../types';

const info = checkInfo('RBAC030')!;

/**
 * `include "x"` or `{{ template "x" }}` of a define that no chart of the tree has: Helm refuses to
 * render the chart. Only calls Helm certainly makes with the values read, and only in a chart whose
 * whole tree is in the workspace (a dependency not read may hold the define; the chart report says so).
 */
export const rbac030: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const missing of missingDefineCalls(context.model)) {
      const file = context.model.getFile(missing.file);
      // A define in a file `.helmignore` leaves out: not judged (the chart report lists the call).
      if (!missing.tree.unknownBecause && !missing.tree.ignored.has(missing.call.name) && file) findings.push(finding(file, missing));
    }
    return findings;
  },
};

/**
 * An error when the name is a near miss of a define the chart has (a typo, with its fix). Otherwise a
 * warning: Helm fails on the chart as the workspace holds it, but a file of `templates/` that is not
 * read (not YAML or .tpl) or not in the workspace may be the one meant to define it.
 */
function finding(file: SourceFile, { tree, call }: MissingDefineCall): Finding {
  const quoted = file.text.indexOf(`"${call.name}"`, call.start);
  const inAction = quoted !== -1 && quoted < call.end;
  const [start, end] = inAction ? [quoted, quoted + call.name.length + 2] : [call.start, call.end];
  const near = nearest(call.name, tree.known);
  const helm = call.via === 'include' ? `no template "${call.name}" associated with template "gotpl"` : `template "${call.name}" not defined`;
  return {
    code: info.code, severity: near ? 'error' : 'warning', category: info.category, file: file.path,
    range: offsetsToRange(file.lineStarts, start, end),
    message: `${call.via} of "${call.name}": no template of the chart defines it, so Helm refuses to render the chart (${helm}).` +
      (near ? ` Did you mean "${near}"?` : ' It may be defined in a file of templates/ that is not read here (not YAML or .tpl, or not in the workspace).'),
    // The name is text the author wrote, not a value: the fix edits inside the quotes of the action.
    fixes: near && inAction
      ? [{ title: `Change to "${near}"`, isPreferred: true, edits: [{ file: file.path, range: offsetsToRange(file.lineStarts, quoted + 1, quoted + 1 + call.name.length), newText: near }] }]
      : [],
  };
}
