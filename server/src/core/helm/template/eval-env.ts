import type { DefineNode, RangeNode, TemplateNode } from './parse-template';
import type { LoopIteration, LoopRuns } from './loop-trace';
import type { Value } from './template-values';

// What evaluation runs with and what a traced run records (the evaluator itself is evaluate.ts).

/** A `define` and the text its offsets point into. */
export interface DefineEntry { define: DefineNode; text: string; file: string }

/** What was read to compute a value: `values:a.b`, `release:Name`, `chart:Name`, `define:name`. */
export type Origins = Set<string>;

/**
 * What a traced run of a template file saw: the nodes it executed and what each printing action
 * printed (unknown when unknown, or when two executions, such as range iterations, disagree).
 */
export interface TraceRecorder {
  executed: Set<TemplateNode>;
  printed: Map<TemplateNode, Value>;
  /** Every distinct value an action printed, when it printed more than one (range iterations). */
  variants?: Map<TemplateNode, Value[]>;
  origins: Map<TemplateNode, Origins>;
  /** Bodies run on an assumption (an `if`/`with` whose condition, or a `range` whose list, is unknown). */
  assumed?: Set<TemplateNode[]>;
  /** Per `range` of the traced file, what each iteration ran and printed (see LoopIteration). */
  loops?: Map<RangeNode, LoopRuns>;
  /** Printing actions whose value went past a budget (see core/budgets), with the reason. */
  cuts?: Map<TemplateNode, string>;
}


export interface EvalEnv {
  defines: Map<string, DefineEntry>;
  /** Steps left; every node and call spends one. Sized from the input, so evaluation stays linear. */
  steps: number;
  /** `include` depth left. */
  depth: number;
  recorder?: TraceRecorder;
  origins?: Origins;
  /**
   * Outputs of defines rendered during one traced file, by name, depth left and dot: a template includes
   * its name and label helpers again and again with the same dot, and a define's output depends on nothing else.
   */
  rendered?: Map<string, Map<Value, RenderedDefine>[]>;
  /** The iterations being run, outermost first, while tracing a file. */
  iterations?: LoopIteration[];
}

export type { LoopIteration, LoopRuns };

/** A define's output for one dot, and what rendering it read. */
export interface RenderedDefine { value: Value; origins: Origins; mutations: number; cut?: string }

export class BudgetExhausted extends Error {}

