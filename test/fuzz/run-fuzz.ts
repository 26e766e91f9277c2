import { join } from 'path';
import { Worker } from 'worker_threads';
import { parseForbiddenMessage } from '../../server/src/core/forbidden/parse-forbidden-message';
import type { CaseRequest, CaseResult } from './adversarial-worker';
import { fixtureWorkspaces, fuzzOnce } from './fuzz-core';
import { seededRandom } from './mutate';

/**
 * The long fuzz run (`npm run fuzz -- --seed N --duration SECONDS`), for the nightly job, until the time
 * is up: mutants of every fixture workspace (three cases in four), and adversarial cases (every fourth:
 * templates nested deep, aliases, recursive defines, kustomize diamonds, cycles and deep chains beside a
 * fixture workspace, see adversarial-mutators.ts), run in a worker thread so that one that takes longer
 * than --hang SECONDS (default 60) is stopped and reported as a hang. Case K of seed N is replayed with
 * `--seed N --from K --cases 1`. Exits 1 when any case failed.
 */
function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  if (value !== undefined && !Number.isFinite(value)) throw new Error(`--${name} takes a number`);
  return value ?? fallback;
}

interface Failure { index: number; kind: string; what: string; file: string; detail: string; error: string }

const isAdversarial = (index: number) => index % 4 === 3;

/** Runs adversarial cases one at a time in a worker; a case past the hang limit ends that worker. */
class AdversarialRunner {
  private worker: Worker | undefined;

  constructor(private readonly hangMs: number) {}

  run(request: CaseRequest): Promise<CaseResult | 'hang'> {
    const worker = (this.worker ??= new Worker(join(__dirname, 'adversarial-worker.js')));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        worker.removeAllListeners();
        void worker.terminate();
        this.worker = undefined;
        resolve('hang');
      }, this.hangMs);
      worker.removeAllListeners();
      worker.once('message', (result: CaseResult) => {
        clearTimeout(timer);
        resolve(result);
      });
      worker.once('error', (error) => {
        clearTimeout(timer);
        this.worker = undefined;
        resolve({ index: request.index, mutator: '(worker)', workspace: '', ms: 0, failure: `the worker ended: ${error.stack ?? error}` });
      });
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}

async function main(): Promise<number> {
  const seed = argument('seed', Date.now() % 1_000_000);
  const seconds = argument('duration', 60);
  const from = argument('from', 0);
  const limit = argument('cases', Number.POSITIVE_INFINITY);
  const hangMs = argument('hang', 60) * 1000;
  const workspaces = fixtureWorkspaces();
  const adversarial = new AdversarialRunner(hangMs);
  const deadline = Date.now() + seconds * 1000;
  const failures: Failure[] = [];
  const counts = { mutants: 0, adversarial: new Map<string, number>(), slowest: { ms: 0, mutator: '' } };
  let cases = 0;
  for (let index = from; Date.now() < deadline && cases < limit; index++, cases++) {
    if (isAdversarial(index)) {
      const result = await adversarial.run({ seed, index });
      if (result === 'hang') {
        failures.push({ index, kind: 'hang', what: `did not finish within ${hangMs / 1000} s`, file: '', detail: 'adversarial case', error: '' });
        continue;
      }
      counts.adversarial.set(result.mutator, (counts.adversarial.get(result.mutator) ?? 0) + 1);
      if (result.ms > counts.slowest.ms) counts.slowest = { ms: result.ms, mutator: result.mutator };
      if (result.failure) failures.push({ index, kind: 'crash', what: result.failure.split('\n')[0], file: result.workspace, detail: result.mutator, error: result.failure });
    } else {
      // Every case has its own stream of choices, so that any one of them can be replayed alone.
      const random = seededRandom(seed * 1_000_003 + index);
      const workspace = workspaces[Math.floor(random() * workspaces.length)];
      const { failures: found, text } = fuzzOnce(workspace.files, random);
      try {
        parseForbiddenMessage(text);
      } catch (error) {
        found.push({ what: '403 parser threw', error: String(error), file: workspace.name, mutations: [] });
      }
      counts.mutants++;
      for (const f of found) failures.push({ index, kind: 'crash', what: f.what, file: f.file, detail: `mutations: ${f.mutations.join(', ')}`, error: f.error });
    }
    if (failures.length >= 20) break;
  }
  await adversarial.close();
  const adversarialCases = [...counts.adversarial.values()].reduce((a, b) => a + b, 0);
  const crashes = failures.filter((f) => f.kind === 'crash').length;
  const hangs = failures.length - crashes;
  console.log(`fuzz: seed ${seed}, ${cases} cases: ${counts.mutants} fixture mutants over ${workspaces.length} workspaces, ${adversarialCases} adversarial; ${failures.length} failures (${crashes} crashes, ${hangs} hangs)`);
  for (const [mutator, n] of [...counts.adversarial].sort()) console.log(`  ${mutator}: ${n}`);
  if (adversarialCases) console.log(`  slowest adversarial case: ${counts.slowest.ms} ms (${counts.slowest.mutator})`);
  for (const f of failures) {
    console.log(`\ncase ${f.index} (replay: npm run fuzz -- --seed ${seed} --from ${f.index} --cases 1)`);
    console.log(`  ${f.kind}: ${f.what}\n  ${f.file ? `file ${f.file}, ` : ''}${f.detail}${f.error ? `\n  ${f.error.split('\n').join('\n  ')}` : ''}`);
  }
  return failures.length ? 1 : 0;
}

main().then((code) => {
  process.exitCode = code;
}, (error) => {
  console.error(error);
  process.exitCode = 2;
});
