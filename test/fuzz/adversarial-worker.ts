import { parentPort } from 'worker_threads';
import { adversarialCase, checkAdversarialCase } from './adversarial-mutators';
import { fixtureWorkspaces } from './fuzz-core';
import { seededRandom } from './mutate';

/**
 * Runs adversarial cases for `npm run fuzz` in a worker thread, so that a case that hangs can be stopped
 * and reported instead of stopping the run. Case K of seed N is always the same case.
 */
export interface CaseRequest { seed: number; index: number }
export interface CaseResult { index: number; mutator: string; workspace: string; failure?: string; ms: number }

const workspaces = fixtureWorkspaces();

parentPort?.on('message', ({ seed, index }: CaseRequest) => {
  const random = seededRandom(seed * 1_000_003 + index);
  const workspace = workspaces[Math.floor(random() * workspaces.length)];
  const began = Date.now();
  const c = adversarialCase(workspace.files, random);
  const failure = checkAdversarialCase(c);
  const result: CaseResult = { index, mutator: c.mutator, workspace: workspace.name, ms: Date.now() - began, ...(failure ? { failure } : {}) };
  parentPort!.postMessage(result);
});
