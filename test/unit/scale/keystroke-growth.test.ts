import * as assert from 'assert';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { analyse, analysisCounters } from '../../../server/src/core/analysis';
import type { WorkspaceModel } from '../../../server/src/core/model/workspace-model';
import { createWorkspaceModel } from '../../../server/src/core/workspace';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';
import { syntheticWorkspace } from '../../helpers/synthetic-workspace';

// A keystroke's cost as a ratio: the same edit in a workspace and in one ten times its size, timed in
// one run. Analysis that follows the edit (not the workspace) may cost at most twice as much.

const MAX_RATIO = 2;
const KEYSTROKES = 31;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

interface Typing {
  model: WorkspaceModel;
  path: string;
  text: string;
  at: number;
}

function workspace(files: number): Typing {
  const model = createWorkspaceModel();
  const written = syntheticWorkspace('sa-role-binding', files);
  for (const file of written) model.setFile(`/ws/${file.path}`, file.text);
  analyse(model, DEFAULT_SETTINGS);
  const target = written[Math.floor(written.length / 2)];
  return { model, path: `/ws/${target.path}`, text: target.text, at: target.text.indexOf('verbs: ["get') + 'verbs: ["get'.length };
}

/** CPU time of one keystroke (a verb typo added or taken away) up to fresh findings. */
function keystroke(typing: Typing, typo: boolean): number {
  const text = typo ? `${typing.text.slice(0, typing.at)}x${typing.text.slice(typing.at)}` : typing.text;
  const started = process.cpuUsage();
  typing.model.setFile(typing.path, text);
  const findings = analyse(typing.model, DEFAULT_SETTINGS).findings;
  const used = process.cpuUsage(started);
  assert.strictEqual(findings.some((f) => f.code === 'RBAC001' && f.file === typing.path), typo);
  return used.user + used.system;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('a keystroke costs about the same in a small and a ten times larger workspace', function () {
  this.timeout(300_000);
  it('100 files vs 1,000 files of a ServiceAccount, Role and RoleBinding each', () => {
    const small = workspace(100);
    const large = workspace(1000);
    const before = analysisCounters.incremental;
    const [smallTimes, largeTimes]: number[][] = [[], []];
    for (let i = 0; i < KEYSTROKES; i++) {
      // Interleaved, so that a busy machine slows both alike; garbage of one is not paid by the other.
      collectGarbage();
      smallTimes.push(keystroke(small, i % 2 === 0));
      collectGarbage();
      largeTimes.push(keystroke(large, i % 2 === 0));
    }
    assert.strictEqual(analysisCounters.incremental - before, 2 * KEYSTROKES, 'every keystroke is analysed in place');
    const ratio = median(largeTimes) / median(smallTimes);
    assert.ok(ratio <= MAX_RATIO, `10x the files cost ${ratio.toFixed(2)}x per keystroke (${(median(smallTimes) / 1000).toFixed(1)} ms vs ${(median(largeTimes) / 1000).toFixed(1)} ms CPU)`);
  });
});
