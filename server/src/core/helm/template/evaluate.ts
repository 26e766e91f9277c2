import { apiVersionsHas, callsApiVersionsHas } from './functions/api-versions';
import { BudgetExhausted, type EvalEnv, type RenderedDefine, type TraceRecorder } from './eval-env';
import { fieldPath } from './field-paths';
import { parseTemplate, type Branch, type IncludeNode, type OutputNode, type TemplateNode } from './parse-template';
import type { Command, Operand, Pipeline } from './pipeline';
import { FRESH, mutationCount } from './functions/collection-functions';
import { functionNamed, MAX_STRING } from './functions/template-functions';
import { recordInIterations, startIteration, startRun } from './loop-trace';
import { isMapValue, isUnknown, printValue, truth, UNKNOWN, type Value } from './template-values';
import { budgetCutMark, budgetCutSince, BUDGETS, noteBudgetCut } from '../../budgets';

export { BudgetExhausted, type DefineEntry, type EvalEnv, type LoopIteration, type LoopRuns, type Origins, type TraceRecorder } from './eval-env';

const MAX_RANGE_ITEMS = BUDGETS.template.maxRangeItems;
/** The variables of one body, innermost last; a body's map is made when it first declares one. */
interface Scope { parent: Scope | undefined; variables: Map<string, Value> | undefined }
type Signal = 'break' | 'continue' | undefined;

/** The output of a text/template node list, or unknown as soon as any part of it is unknown. */
export function renderNodes(env: EvalEnv, nodes: TemplateNode[], text: string, dot: Value): Value {
  const out: string[] = [];
  let unknown = false;
  let length = 0;
  const sink = (part: Value) => {
    if (isUnknown(part)) { unknown = true; return; }
    const s = part as string;
    length += s.length;
    env.steps -= s.length >> 6; // output is paid for too: an include that prints a lot costs its size
    if (length > MAX_STRING) unknown = true;
    else out.push(s);
  };
  execList(env, nodes, text, dot, rootScope(dot), sink);
  return unknown ? UNKNOWN : out.join('');
}

/** Runs a template file's top level, recording what ran and printed (see TraceRecorder). */
export function traceNodes(env: EvalEnv, nodes: TemplateNode[], text: string, dot: Value): void {
  execList(env, nodes, text, dot, rootScope(dot), () => undefined);
}

function rootScope(dot: Value): Scope {
  return { parent: undefined, variables: new Map([['$', dot]]) };
}

function innerScope(parent: Scope): Scope {
  return { parent, variables: undefined };
}

function spend(env: EvalEnv): void {
  if (--env.steps < 0) throw new BudgetExhausted('template evaluation budget exhausted');
}

function execList(env: EvalEnv, nodes: TemplateNode[], text: string, dot: Value, scope: Scope, sink: (v: Value) => void): Signal {
  for (const node of nodes) {
    spend(env);
    const signal = execNode(env, node, text, dot, scope, sink);
    if (signal) return signal;
  }
  return undefined;
}

function execNode(env: EvalEnv, node: TemplateNode, text: string, dot: Value, scope: Scope, sink: (v: Value) => void): Signal {
  env.recorder?.executed.add(node);
  if (env.iterations) for (const iteration of env.iterations) iteration.executed.add(node);
  switch (node.kind) {
    case 'text':
      sink(text.slice(node.renderStart, node.renderEnd));
      return undefined;
    case 'output':
    case 'template': {
      const value = env.recorder ? recordOrigins(env, env.recorder, node, dot, scope) : printed(env, node, dot, scope);
      record(env, node, value);
      sink(value);
      return undefined;
    }
    case 'if':
    case 'with':
      return execConditional(env, node.kind, node.branches, node.elseBody, text, dot, scope, sink);
    case 'range':
      return execRange(env, node, text, dot, scope, sink);
    case 'break':
    case 'continue':
      return node.kind;
  }
}

/** What a printing action prints: its pipeline's value, or the define it includes. */
function printed(env: EvalEnv, node: OutputNode | IncludeNode, dot: Value, scope: Scope): Value {
  if (node.kind === 'template') return include(env, node.name, node.pipe ? evalPipeline(env, node.pipe, dot, scope) : null);
  if (!node.pipe) return UNKNOWN;
  const result = evalPipeline(env, node.pipe, dot, scope);
  return node.pipe.variables.length ? '' : printValue(result);
}

function recordOrigins(env: EvalEnv, recorder: TraceRecorder, node: OutputNode | IncludeNode, dot: Value, scope: Scope): Value {
  const outer = env.origins;
  env.origins = recorder.origins.get(node) ?? new Set();
  const mark = budgetCutMark();
  try {
    return printed(env, node, dot, scope);
  } finally {
    recorder.origins.set(node, env.origins);
    env.origins = outer;
    const cut = budgetCutSince(mark);
    if (cut !== undefined) (recorder.cuts ??= new Map()).set(node, cut);
  }
}

function record(env: EvalEnv, node: TemplateNode, value: Value): void {
  const printed = env.recorder?.printed;
  if (!printed) return;
  if (env.iterations) recordInIterations(env.iterations, node, value);
  const before = printed.get(node);
  if (printed.has(node) && before !== value && !isUnknown(before) && !isUnknown(value)) {
    const variants = env.recorder!.variants ??= new Map();
    const list = variants.get(node) ?? [before!];
    if (list.length < MAX_RANGE_ITEMS && !list.includes(value)) list.push(value);
    variants.set(node, list);
  }
  printed.set(node, printed.has(node) && before !== value ? UNKNOWN : value);
}

/**
 * `if`/`with` chains. A condition that cannot be known runs its first branch (the literal text the
 * author wrote is analysed) and never the `else`: assuming both would mix exclusive alternatives.
 */
function execConditional(env: EvalEnv, kind: 'if' | 'with', branches: Branch[], elseBody: TemplateNode[] | undefined, text: string, dot: Value, scope: Scope, sink: (v: Value) => void): Signal {
  for (const branch of branches) {
    const value = branch.pipe ? evalPipeline(env, branch.pipe, dot, scope, true) : UNKNOWN;
    const t = truth(value);
    if (t === false) continue;
    // Rendering a helper: an unknown condition makes its output unknown. Tracing a file: assume the branch.
    if (isUnknown(t) && !env.recorder) { sink(UNKNOWN); return undefined; }
    if (isUnknown(t)) env.recorder?.assumed?.add(branch.body);
    const inner = innerScope(scope);
    declare(branch.pipe, value, inner);
    return execList(env, branch.body, text, kind === 'with' ? value : dot, inner, sink);
  }
  return elseBody ? execList(env, elseBody, text, dot, innerScope(scope), sink) : undefined;
}

function execRange(env: EvalEnv, node: Extract<TemplateNode, { kind: 'range' }>, text: string, dot: Value, scope: Scope, sink: (v: Value) => void): Signal {
  const over = node.pipe ? evalPipeline(env, node.pipe, dot, scope, true) : UNKNOWN;
  if (isUnknown(over) && !env.recorder) { sink(UNKNOWN); return undefined; }
  if (isUnknown(over)) env.recorder?.assumed?.add(node.body);
  const entries: [Value, Value][] = isUnknown(over) ? [[UNKNOWN, UNKNOWN]]
    : Array.isArray(over) ? over.map((v, i) => [i, v])
      : isMapValue(over) ? Object.keys(over).sort().map((k) => [k, over[k]])
        : typeof over === 'number' ? Array.from({ length: Math.max(0, Math.min(over, MAX_RANGE_ITEMS)) }, (_, i) => [i, i])
          : [];
  if (entries.length === 0) return node.elseBody ? execList(env, node.elseBody, text, dot, innerScope(scope), sink) : undefined;
  const loops = env.recorder?.loops;
  const runs = loops && startRun(loops, node);
  const outer = env.iterations;
  try {
    for (const [key, value] of entries.slice(0, MAX_RANGE_ITEMS)) {
      if (runs) {
        env.iterations = [...(outer ?? []), startIteration(runs, isUnknown(over))];
      }
      const inner = innerScope(scope);
      const names = node.pipe?.variables ?? [];
      if (names.length === 1) inner.variables = new Map([[names[0], value]]);
      if (names.length === 2) inner.variables = new Map([[names[0], key], [names[1], value]]);
      const signal = execList(env, node.body, text, value, inner, sink);
      if (signal === 'break') break;
    }
  } finally {
    env.iterations = outer;
  }
  return undefined;
}

function declare(pipe: Pipeline | undefined, value: Value, scope: Scope): void {
  if (pipe?.variables.length === 1) setVariable(scope, pipe.variables[0], value, pipe.assign);
}

function setVariable(scope: Scope, name: string, value: Value, assign: boolean): void {
  if (assign) {
    for (let s: Scope | undefined = scope; s; s = s.parent) if (s.variables?.has(name)) { s.variables.set(name, value); return; }
  }
  (scope.variables ??= new Map()).set(name, value);
}

function variable(scope: Scope, name: string): Value {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const value = s.variables?.get(name);
    if (value !== undefined || s.variables?.has(name)) return value!;
  }
  return UNKNOWN;
}

/** `include`/`template`: renders a define with a new dot, depth-bounded. */
export function include(env: EvalEnv, name: string, dot: Value): Value {
  spend(env);
  env.origins?.add(`define:${name}`);
  const entry = env.defines.get(name);
  if (!entry) return UNKNOWN;
  if (env.depth <= 0) {
    noteBudgetCut(`\`include\` nested more than ${BUDGETS.template.maxIncludeDepth} deep (a define that includes itself?)`);
    return UNKNOWN;
  }
  const byDepth = env.rendered && !changeable(dot) ? (env.rendered.get(name) ?? newEntry(env.rendered, name)) : undefined;
  const byDot = byDepth && (byDepth[env.depth] ??= new Map());
  const known = byDot?.get(dot);
  // A map changed in place since (`set . "flag" …`): the define may read it, so it renders again.
  if (known && known.mutations === mutationCount()) {
    for (const origin of known.origins) env.origins?.add(origin);
    // What went past a budget rendering it goes past it again here: said at this action too.
    if (known.cut !== undefined) noteBudgetCut(known.cut);
    return known.value;
  }
  // The define runs in this env with a depth less and nothing recorded; everything is put back after.
  const { recorder, iterations, origins: outer } = env;
  const origins = byDot ? new Set<string>() : outer;
  env.depth--;
  env.recorder = undefined;
  env.iterations = undefined;
  env.origins = origins;
  let value: Value;
  const mark = budgetCutMark();
  try {
    value = renderNodes(env, entry.define.body, entry.text, dot);
  } finally {
    env.depth++;
    env.recorder = recorder;
    env.iterations = iterations;
    env.origins = outer;
  }
  if (byDot) {
    for (const origin of origins!) outer?.add(origin);
    const cut = budgetCutSince(mark);
    byDot.set(dot, { value, origins: origins!, mutations: mutationCount(), ...(cut !== undefined ? { cut } : {}) });
  }
  return value;
}

/**
 * A dot that `set`, `unset` or `merge` may change between two includes (a map made by the template, or
 * a list, which may hold one): its define is rendered each time, never reused.
 */
function changeable(dot: Value): boolean {
  return Array.isArray(dot) || (isMapValue(dot) && FRESH.has(dot));
}

function newEntry(rendered: Map<string, Map<Value, RenderedDefine>[]>, name: string): Map<Value, RenderedDefine>[] {
  const byDepth: Map<Value, RenderedDefine>[] = [];
  rendered.set(name, byDepth);
  return byDepth;
}

function evalPipeline(env: EvalEnv, pipe: Pipeline, dot: Value, scope: Scope, inCondition = false): Value {
  let value: Value | undefined;
  for (const command of pipe.commands) value = evalCommand(env, command, dot, scope, value);
  const result = value ?? null;
  if (pipe.variables.length === 1 && !inCondition) setVariable(scope, pipe.variables[0], result, pipe.assign);
  return result;
}

function evalCommand(env: EvalEnv, command: Command, dot: Value, scope: Scope, piped: Value | undefined): Value {
  spend(env);
  const operands = command.args;
  const head = operands[0];
  if (head.type !== 'function') {
    if (operands.length === 1 && piped === undefined) return evalOperand(env, head, dot, scope);
    // A field with arguments is a method call: of those only `.Capabilities.APIVersions.Has` is known offline.
    const root = head.type === 'field' ? dot : head.type === 'variable' && head.name === '$' ? variable(scope, '$') : undefined;
    if (root === undefined || !callsApiVersionsHas((head as { path: string[] }).path, root)) return UNKNOWN;
    env.origins?.add('capabilities:APIVersions');
    const args = operands.slice(1).map((operand) => evalOperand(env, operand, dot, scope));
    return apiVersionsHas(piped === undefined ? args : [...args, piped]);
  }
  const lazy = Object.hasOwn(LAZY, head.name) ? LAZY[head.name] : undefined;
  if (lazy) return lazy(env, operands, dot, scope, piped);
  const fn = functionNamed(head.name);
  return fn ? fn(argumentValues(env, operands, dot, scope, piped)) : (argumentValues(env, operands, dot, scope, piped), UNKNOWN);
}

/** The values of a command's arguments (its operands after the first), then the piped value, if any. */
function argumentValues(env: EvalEnv, operands: Operand[], dot: Value, scope: Scope, piped: Value | undefined): Value[] {
  const values: Value[] = [];
  for (let i = 1; i < operands.length; i++) values.push(evalOperand(env, operands[i], dot, scope));
  if (piped !== undefined) values.push(piped);
  return values;
}

/** Gets a command's operands (the function name first) and evaluates only the arguments it needs. */
type LazyFunction = (env: EvalEnv, operands: Operand[], dot: Value, scope: Scope, piped: Value | undefined) => Value;

/** Functions that need the evaluator: short-circuit logic, include and tpl. */
const LAZY: Record<string, LazyFunction> = {
  and: (env, operands, dot, scope, piped) => {
    let last: Value = true;
    for (let i = 1; i <= operands.length; i++) {
      if (i === operands.length && piped === undefined) break;
      const value = i < operands.length ? evalOperand(env, operands[i], dot, scope) : piped!;
      last = value;
      const t = truth(value);
      if (t !== true) return t === false ? value : UNKNOWN;
    }
    return last;
  },
  or: (env, operands, dot, scope, piped) => {
    let sawUnknown = false;
    let last: Value = false;
    for (let i = 1; i <= operands.length; i++) {
      if (i === operands.length && piped === undefined) break;
      const value = i < operands.length ? evalOperand(env, operands[i], dot, scope) : piped!;
      last = value;
      const t = truth(value);
      if (t === true) return sawUnknown ? UNKNOWN : value;
      if (isUnknown(t)) sawUnknown = true;
    }
    return sawUnknown ? UNKNOWN : last;
  },
  include: (env, operands, dot, scope, piped) => {
    const values = argumentValues(env, operands, dot, scope, piped);
    const name = values[0];
    return typeof name === 'string' ? include(env, name, values[1] ?? null) : UNKNOWN;
  },
  tpl: (env, operands, dot, scope, piped) => {
    const [source, context] = argumentValues(env, operands, dot, scope, piped);
    if (typeof source !== 'string') return UNKNOWN;
    return source.includes('{{') ? renderTpl(env, source, context ?? null) : source;
  },
};

/**
 * `tpl` of a string with actions (`namespace: "{{ .Release.Namespace }}"` in values): parsed and rendered
 * like a define, with the chart's defines, depth-bounded and paid from the same budget. A string that
 * declares templates of its own, or does not parse, is unknown.
 */
function renderTpl(env: EvalEnv, source: string, dot: Value): Value {
  env.steps -= source.length >> 4;
  spend(env);
  if (env.depth <= 0 || source.length > MAX_STRING) return UNKNOWN;
  const parsed = parseTemplate(source);
  if (parsed.errors.length > 0 || parsed.defines.length > 0) return UNKNOWN;
  const { recorder, iterations } = env;
  env.depth--;
  env.recorder = undefined;
  env.iterations = undefined;
  try {
    return renderNodes(env, parsed.nodes, parsed.text, dot);
  } finally {
    env.depth++;
    env.recorder = recorder;
    env.iterations = iterations;
  }
}

function evalOperand(env: EvalEnv, operand: Operand, dot: Value, scope: Scope): Value {
  switch (operand.type) {
    case 'dot': return dot;
    case 'field': return fieldPath(env, dot, operand.path, true);
    case 'variable': return fieldPath(env, variable(scope, operand.name), operand.path, operand.name === '$');
    case 'string': return operand.value;
    case 'number': return operand.value;
    case 'bool': return operand.value;
    case 'nil': return null;
    case 'pipe': return fieldPath(env, evalPipeline(env, operand.pipe, dot, scope), operand.path, false);
    case 'function': {
      const fn = functionNamed(operand.name);
      return Object.hasOwn(LAZY, operand.name) ? UNKNOWN : fn ? fn([]) : UNKNOWN;
    }
  }
}
