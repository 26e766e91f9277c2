/**
 * What every reader, evaluator and builder may spend on one input, in one place. Real projects stay far
 * below; a hostile or generated one (an alias that contains itself, `dict` nested a thousand times, a
 * kustomize diamond, a recursive `include`) reaches a budget, and what lies past it is unknown: said in
 * one line where it stopped, never an exception, a stack overflow or a hang.
 *
 * Depth and size are counted in steps, nodes and characters rather than milliseconds wherever the work is
 * linear in them, so that the same input always gets the same answer; a clock bounds only the builds whose
 * work can grow faster than their input (kustomize components are applied once per path that reaches them).
 */
export const BUDGETS = {
  /** A manifest's text: larger files and longer lines are not parsed (`rbacDoctor.maxFileSize`, `--max-file-size`). */
  text: { maxFileSize: 10 * 1024 * 1024, maxLineLength: 1024 * 1024 },
  /** YAML aliases: nodes the aliases of one document may stand for, each counted every time it is reached. */
  aliases: { maxExpandedNodes: 100_000 },
  /** Values files: outlined section by section this deep, flow collections read without the parser this deep, then parsed. */
  values: { maxDepth: 100, maxAliasCount: 100, maxOutlineDepth: 12, maxFlowNesting: 16 },
  /**
   * Helm evaluation of one template file: steps sized from the template and the helpers it may include (so
   * evaluation is linear in them), `include` depth, items of a `range` traced one by one.
   */
  template: { baseSteps: 50_000, stepsPerCharacter: 20, maxIncludeDepth: 50, maxRangeItems: 1000 },
  /** What `toYaml`, `toJson` and printing write: deeper or larger values are unknown. */
  write: { maxDepth: 100, maxNodes: 200_000 },
  /** One kustomize build, and all the builds of a workspace together (time). */
  kustomize: { maxDepth: 200, maxNodes: 1_000_000, maxComponents: 10_000, maxMillisPerBuild: 2_000, maxMillis: 10_000 },
  /** Logs: a line longer than this is read from its beginning only; messages are read in windows of this size. */
  logs: { maxLineChars: 4 * 1024 * 1024, windowChars: 48 * 1024 },
} as const;

/**
 * Cuts noted while a template is evaluated (the evaluator is synchronous): the evaluator marks the count
 * before an action and, when it grew, says the last reason at that action.
 */
let cuts = 0;
let lastCut = '';

/** A value made unknown because it went past a budget; `reason` is one short line. */
export function noteBudgetCut(reason: string): void {
  cuts++;
  lastCut = reason;
}

/** The number of cuts so far: pass it to `budgetCutSince` after the work. */
export function budgetCutMark(): number {
  return cuts;
}

/** The last cut's reason when a cut happened since `mark`. */
export function budgetCutSince(mark: number): string | undefined {
  return cuts > mark ? lastCut : undefined;
}
