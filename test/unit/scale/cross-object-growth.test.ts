import * as assert from 'assert';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { checkContext } from '../../../server/src/core/analysis';
import { runChecks } from '../../../server/src/core/checks/run-checks';
import { hoverAt } from '../../../server/src/core/explain/hover';
import { codeLensesFor } from '../../../server/src/core/explain/code-lenses';
import { WorkspaceModel } from '../../../server/src/core/model/workspace-model';
import { createWorkspaceModel } from '../../../server/src/core/workspace';
import { syntheticWorkspace, type SyntheticShape } from '../../helpers/synthetic-workspace';

// Growth as a ratio: the same work on a workspace and on one twice its size, timed in one run. Work
// that scans the workspace once per object grows four-fold; indexed work about two-fold.

const MAX_RATIO = 3;

function modelOf(shape: SyntheticShape, count: number): WorkspaceModel {
  const model = createWorkspaceModel();
  for (const file of syntheticWorkspace(shape, count)) model.setFile(`/ws/${file.path}`, file.text);
  return model;
}

/** Index, every check, and a hover and the code lenses on every object of the first file. */
function crossObjectWork(model: WorkspaceModel): number {
  // A change elsewhere: the index, its lookups and the policy are rebuilt, as after a keystroke.
  model.setFile('/ws/touch.yaml', `# ${model.version}\n`);
  const context = checkContext(model, { builtinRoles: true });
  const findings = runChecks(context, { checks: {} });
  const first = model.allFiles()[0];
  for (let line = 0; line < Math.min(first.lineStarts.length, 400); line += 3) hoverAt(context, first, { line, character: 4 });
  codeLensesFor(context, first);
  return findings.length;
}

// A full collection before each run, so that one run does not pay for the garbage of the one before.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** CPU time rather than wall time: on a busy machine the process waiting for a core is not its work. */
function timed(model: WorkspaceModel): number {
  collectGarbage();
  const started = process.cpuUsage();
  crossObjectWork(model);
  const used = process.cpuUsage(started);
  return used.user + used.system;
}

/** The fastest of several runs of each, interleaved so that a busy machine slows both alike. */
function growth(small: WorkspaceModel, large: WorkspaceModel): number {
  let [bestSmall, bestLarge] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  for (let run = 0; run < 5; run++) {
    bestSmall = Math.min(bestSmall, timed(small));
    bestLarge = Math.min(bestLarge, timed(large));
  }
  return bestLarge / bestSmall;
}

describe('cross-object work grows linearly', function () {
  this.timeout(120000);
  const cases: [SyntheticShape, number, string][] = [
    ['pairs', 600, 'one file of Role + RoleBinding pairs in one namespace'],
    ['sa-role-binding', 400, 'files of a ServiceAccount, a Role and a RoleBinding'],
    ['one-object', 2000, 'one-object files of applications (ServiceAccount, Role, RoleBinding, Deployment, ConfigMap)'],
  ];
  for (const [shape, count, what] of cases) {
    it(`${what}: twice the input takes at most ${MAX_RATIO}× the time`, () => {
      const small = modelOf(shape, count);
      const large = modelOf(shape, count * 2);
      crossObjectWork(small); // warm up the JIT
      const ratio = growth(small, large);
      assert.ok(ratio <= MAX_RATIO, `${count} → ${count * 2}: ${ratio.toFixed(2)}× the time`);
    });
  }
});
