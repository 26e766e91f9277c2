import type { RangeNode, TemplateNode } from './parse-template';
import { UNKNOWN, type Value } from './template-values';

/** At most this many distinct values are kept per node (as many as a range runs iterations). */
const MAX_VARIANTS = 1000;

/** One iteration of a traced `range`: the nodes it ran and what each printing node printed in it. */
export interface LoopIteration {
  executed: Set<TemplateNode>;
  printed: Map<TemplateNode, Value>;
  /** Every distinct value a node printed, when it printed more than one in this iteration (an inner range). */
  variants: Map<TemplateNode, Value[]>;
  /** The list ranged over was not known: this stands for any number of iterations. */
  unknown: boolean;
}

/** Every iteration of one `range`, over all the times its action ran (`runs`). */
export interface LoopRuns { runs: number; iterations: LoopIteration[] }

/** Counts one more run of a `range` action and returns its record. */
export function startRun(loops: Map<RangeNode, LoopRuns>, node: RangeNode): LoopRuns {
  const runs = loops.get(node) ?? { runs: 0, iterations: [] };
  runs.runs++;
  loops.set(node, runs);
  return runs;
}

export function startIteration(runs: LoopRuns, unknown: boolean): LoopIteration {
  const iteration: LoopIteration = { executed: new Set(), printed: new Map(), variants: new Map(), unknown };
  runs.iterations.push(iteration);
  return iteration;
}

/**
 * What a node printed, in every iteration it runs in. Within one iteration a node that prints twice (an
 * inner range) prints nothing one value can stand for; its distinct values are kept as its variants.
 */
export function recordInIterations(iterations: LoopIteration[], node: TemplateNode, value: Value): void {
  for (const iteration of iterations) {
    const seen = iteration.printed.get(node);
    const differs = iteration.printed.has(node) && seen !== value;
    if (differs) {
      const list = iteration.variants.get(node) ?? [seen!];
      if (list.length < MAX_VARIANTS && !list.includes(value)) list.push(value);
      iteration.variants.set(node, list);
    }
    iteration.printed.set(node, differs ? UNKNOWN : value);
  }
}
