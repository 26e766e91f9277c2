import type { TraceRecorder } from './evaluate';
import type { ActionSpan } from './lex-actions';
import type { DefineNode, ParsedTemplate, TemplateNode } from './parse-template';
import type { Operand, Pipeline } from './pipeline';

/** An `include "name"` or `{{ template "name" }}` with a literal name, at its action. */
export interface DefineCall {
  name: string;
  via: 'include' | 'template';
  /** The action's offsets in its file. */
  start: number;
  end: number;
}

/** What a template file says about defines: the names it defines, and the calls Helm certainly makes. */
export interface DefineUse {
  defined: string[];
  /** Calls of the file's own rendering that run whatever the unknown values are. */
  calls: DefineCall[];
  /** Per define of the file, the calls its body makes whenever it is rendered. */
  bodies: { name: string; calls: DefineCall[] }[];
}

/**
 * The define calls of a traced template file. A call counts when Helm certainly makes it with these
 * values: its action ran, and not in a body the trace only assumed (an unknown condition); calls in
 * later `else if` conditions and in the later arguments of `and`/`or` may be skipped and do not count.
 */
export function defineUse(template: ParsedTemplate, trace: TraceRecorder): DefineUse {
  const calls: DefineCall[] = [];
  walk(template.nodes, calls, (node) => trace.executed.has(node), (body) => !trace.assumed?.has(body));
  return { defined: template.defines.map((d) => d.name), calls, bodies: template.defines.map((d) => ({ name: d.name, calls: bodyCalls(d) })) };
}

const bodies = new WeakMap<DefineNode, DefineCall[]>();

/** The calls a define makes every time it is rendered: those outside any `if`, `with` or `range` of its body. */
export function bodyCalls(define: DefineNode): DefineCall[] {
  let calls = bodies.get(define);
  if (!calls) {
    calls = [];
    walk(define.body, calls, () => true, () => false);
    bodies.set(define, calls);
  }
  return calls;
}

function walk(nodes: TemplateNode[], out: DefineCall[], ran: (node: TemplateNode) => boolean, certainBody: (body: TemplateNode[]) => boolean): void {
  for (const node of nodes) {
    if (!ran(node)) continue;
    switch (node.kind) {
      case 'output':
        pipelineCalls(node.pipe, node.action, out);
        break;
      case 'template':
        out.push({ name: node.name, via: 'template', start: node.action.start, end: node.action.end });
        pipelineCalls(node.pipe, node.action, out);
        break;
      case 'if':
      case 'with':
        pipelineCalls(node.branches[0].pipe, node.branches[0].action, out);
        for (const branch of node.branches) if (certainBody(branch.body)) walk(branch.body, out, ran, certainBody);
        if (node.elseBody && certainBody(node.elseBody)) walk(node.elseBody, out, ran, certainBody);
        break;
      case 'range':
        pipelineCalls(node.pipe, node.action, out);
        if (certainBody(node.body)) walk(node.body, out, ran, certainBody);
        if (node.elseBody && certainBody(node.elseBody)) walk(node.elseBody, out, ran, certainBody);
        break;
      default:
        break;
    }
  }
}

/** `include "name" …` in a pipeline (also in parentheses); `and`/`or` may stop before their later arguments. */
function pipelineCalls(pipe: Pipeline | undefined, action: ActionSpan, out: DefineCall[]): void {
  for (const command of pipe?.commands ?? []) {
    const [head, ...args] = command.args;
    if (head?.type === 'function' && head.name === 'include' && args[0]?.type === 'string') out.push({ name: args[0].value, via: 'include', start: action.start, end: action.end });
    const evaluated = head?.type === 'function' && (head.name === 'and' || head.name === 'or') ? args.slice(0, 1) : command.args;
    for (const operand of evaluated) operandCalls(operand, action, out);
  }
}

function operandCalls(operand: Operand, action: ActionSpan, out: DefineCall[]): void {
  if (operand.type === 'pipe') pipelineCalls(operand.pipe, action, out);
}
