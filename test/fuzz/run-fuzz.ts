import { parseForbiddenMessage } from '../../server/src/core/forbidden/parse-forbidden-message';
import { fixtureWorkspaces, fuzzOnce, type FuzzFailure } from './fuzz-core';
import { seededRandom } from './mutate';

/**
 * The long fuzz run (`npm run fuzz -- --seed N --duration SECONDS`), for the nightly job: mutants of
 * every fixture workspace until the time is up. Case K of seed N is replayed with `--seed N --from K`.
 */
function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  if (value !== undefined && !Number.isFinite(value)) throw new Error(`--${name} takes a number`);
  return value ?? fallback;
}

function main(): number {
  const seed = argument('seed', Date.now() % 1_000_000);
  const seconds = argument('duration', 60);
  const from = argument('from', 0);
  const limit = argument('cases', Number.POSITIVE_INFINITY);
  const workspaces = fixtureWorkspaces();
  const deadline = Date.now() + seconds * 1000;
  const failures: (FuzzFailure & { index: number })[] = [];
  let cases = 0;
  for (let index = from; Date.now() < deadline && cases < limit; index++, cases++) {
    // Every case has its own stream of choices, so that any one of them can be replayed alone.
    const random = seededRandom(seed * 1_000_003 + index);
    const workspace = workspaces[Math.floor(random() * workspaces.length)];
    const { failures: found, text } = fuzzOnce(workspace.files, random);
    try {
      parseForbiddenMessage(text);
    } catch (error) {
      found.push({ what: '403 parser threw', error: String(error), file: workspace.name, mutations: [] });
    }
    for (const failure of found) failures.push({ ...failure, index });
    if (failures.length >= 20) break;
  }
  console.log(`fuzz: seed ${seed}, ${cases} cases over ${workspaces.length} workspaces, ${failures.length} failures`);
  for (const f of failures) {
    console.log(`\ncase ${f.index} (replay: npm run fuzz -- --seed ${seed} --from ${f.index} --cases 1)`);
    console.log(`  ${f.what}\n  file ${f.file}, mutations: ${f.mutations.join(', ')}\n  ${f.error.split('\n').join('\n  ')}`);
  }
  return failures.length ? 1 : 0;
}

process.exitCode = main();
