import * as assert from 'assert';
import { checkContext } from '../../../server/src/core/analysis';
import { consolidationPlan } from '../../../server/src/core/consolidate/consolidate';
import { renderChange } from '../../../server/src/core/consolidate/render-change';
import { readLogText } from '../../../server/src/core/logs/log-reader';
import { createWorkspaceModel } from '../../../server/src/core/workspace';
import { denialLine } from '../../helpers/denial-log';
import { describeGrowth, growthRatio, LINEAR_GROWTH_LIMIT } from '../../helpers/growth';

/** A log of `size` distinct denials over size/10 ServiceAccounts, as the bench generates it. */
function log(size: number): string {
  const lines: string[] = [];
  for (let i = 0; i < size; i++) lines.push(denialLine(i, Math.max(1, Math.floor(size / 10))));
  return lines.join('');
}

describe('forbidden on a whole log grows linearly with its denials', function () {
  this.timeout(120_000);
  it('reading, consolidating and writing every change: doubling the denials about doubles the time', () => {
    const context = checkContext(createWorkspaceModel(), { builtinRoles: true });
    const growth = growthRatio(log, (text) => {
      const { denials } = readLogText(text);
      let written = 0;
      for (const change of consolidationPlan(context, denials).changes()) written += renderChange(change).length;
      return written;
    }, { start: 250, max: 4_000, minMs: 40 });
    assert.ok(growth.ratio < LINEAR_GROWTH_LIMIT, describeGrowth(growth));
  });

  it('one subject with many denials is linear too (its denials were once gathered by copying)', () => {
    const context = checkContext(createWorkspaceModel(), { builtinRoles: true });
    const oneSubject = (size: number) => {
      const lines: string[] = [];
      for (let i = 0; i < size; i++) lines.push(`pods "p-${i}" is forbidden: User "alice" cannot get resource "pods" in API group "" in the namespace "ns-${i}"\n`);
      return lines.join('');
    };
    const growth = growthRatio(oneSubject, (text) => [...consolidationPlan(context, readLogText(text).denials, { resourceNames: true }).changes()].length, { start: 250, max: 4_000, minMs: 40 });
    assert.ok(growth.ratio < LINEAR_GROWTH_LIMIT, describeGrowth(growth));
  });
});
