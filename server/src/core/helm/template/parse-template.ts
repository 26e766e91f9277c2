import { lexActions, type ActionSpan } from './lex-actions';
import { parsePipeline, PipelineError, tokenize, type Pipeline } from './pipeline';

export interface TextNode { kind: 'text'; start: number; end: number; renderStart: number; renderEnd: number }
/** An action that prints its pipeline (or declares a variable). `pipe` is undefined when it could not be read. */
export interface OutputNode { kind: 'output'; action: ActionSpan; pipe?: Pipeline }
export interface Branch { action: ActionSpan; pipe?: Pipeline; body: TemplateNode[] }
export interface ConditionalNode { kind: 'if' | 'with'; branches: Branch[]; elseBody?: TemplateNode[] }
/** `bodyEnd`: where the body's text ends (its `else` or `end` action), so that text can be told to lie inside one iteration. */
export interface RangeNode { kind: 'range'; action: ActionSpan; pipe?: Pipeline; body: TemplateNode[]; elseBody?: TemplateNode[]; bodyEnd?: number }
export interface IncludeNode { kind: 'template'; action: ActionSpan; name: string; pipe?: Pipeline }
export interface LoopControlNode { kind: 'break' | 'continue'; action: ActionSpan }
export type TemplateNode = TextNode | OutputNode | ConditionalNode | RangeNode | IncludeNode | LoopControlNode;

export interface DefineNode { name: string; body: TemplateNode[]; action: ActionSpan }

export interface ParsedTemplate {
  text: string;
  actions: ActionSpan[];
  /** Control actions (if/else/end/range/with/define, comments): always blank in the masked text. */
  nodes: TemplateNode[];
  defines: DefineNode[];
  errors: { message: string; offset: number }[];
}

interface Frame {
  kind: 'root' | 'if' | 'with' | 'range' | 'define';
  body: TemplateNode[];
  node?: ConditionalNode | RangeNode;
  define?: DefineNode;
  inElse: boolean;
}

/** The lower-case word an action starts with (`/^([a-z]+)\b/`): `if`, `end`, or a function name such as `include`. */
function keywordOf(body: string): string | undefined {
  let end = 0;
  while (end < body.length && isLower(body.charCodeAt(end))) end++;
  if (end === 0 || isWordChar(body.charCodeAt(end))) return undefined;
  return body.slice(0, end);
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isWordChar(c: number): boolean {
  return isLower(c) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** Builds the template tree in one pass over the actions. Malformed structure is reported, never thrown. */
export function parseTemplate(text: string): ParsedTemplate {
  const { actions, unclosedAt } = lexActions(text);
  const errors: ParsedTemplate['errors'] = [];
  if (unclosedAt !== undefined) errors.push({ message: 'unclosed action', offset: unclosedAt });
  const root: Frame = { kind: 'root', body: [], inElse: false };
  const stack: Frame[] = [root];
  const defines: DefineNode[] = [];
  const top = () => stack[stack.length - 1];
  let textFrom = 0;
  for (let i = 0; i < actions.length; i++) {
    const action = actions[i];
    pushText(top().body, text, textFrom, action.start, actions[i - 1], action);
    textFrom = action.end;
    if (action.comment) continue;
    const body = action.body.trim();
    const keyword = keywordOf(body);
    const rest = keyword ? body.slice(keyword.length) : body;
    switch (keyword) {
      case 'if':
      case 'with': {
        const node: ConditionalNode = { kind: keyword, branches: [{ action, pipe: readPipe(rest, action, errors), body: [] }] };
        top().body.push(node);
        stack.push({ kind: keyword, body: node.branches[0].body, node, inElse: false });
        break;
      }
      case 'range': {
        const node: RangeNode = { kind: 'range', action, pipe: readPipe(rest, action, errors), body: [] };
        top().body.push(node);
        stack.push({ kind: 'range', body: node.body, node, inElse: false });
        break;
      }
      case 'else': {
        const frame = top();
        if (!frame.node || frame.inElse) { errors.push({ message: 'unexpected else', offset: action.start }); break; }
        const chained = keywordOf(rest.trim());
        if (frame.node.kind !== 'range' && (chained === 'if' || chained === 'with')) {
          const branch: Branch = { action, pipe: readPipe(rest.trim().slice(chained.length), action, errors), body: [] };
          frame.node.branches.push(branch);
          frame.body = branch.body;
        } else {
          if (frame.node.kind === 'range') frame.node.bodyEnd = action.start;
          frame.node.elseBody = [];
          frame.body = frame.node.elseBody;
          frame.inElse = true;
        }
        break;
      }
      case 'end':
        if (stack.length === 1) errors.push({ message: 'unexpected end', offset: action.start });
        else {
          const frame = stack.pop()!;
          if (frame.node?.kind === 'range') frame.node.bodyEnd ??= action.start;
        }
        break;
      case 'define':
      case 'block': {
        const name = readName(rest);
        const define: DefineNode = { name: name ?? '', body: [], action };
        if (name === undefined) errors.push({ message: `${keyword} needs a quoted name`, offset: action.start });
        else defines.push(define);
        if (keyword === 'block') top().body.push({ kind: 'template', action, name: define.name, pipe: readPipe(rest.trim().replace(/^"(?:[^"\\]|\\.)*"|^`[^`]*`/, ''), action, errors) });
        stack.push({ kind: 'define', body: define.body, define, inElse: false });
        break;
      }
      case 'template': {
        const name = readName(rest);
        if (name === undefined) { errors.push({ message: 'template needs a quoted name', offset: action.start }); break; }
        const argument = rest.trim().replace(/^"(?:[^"\\]|\\.)*"|^`[^`]*`/, '');
        top().body.push({ kind: 'template', action, name, pipe: argument.trim() ? readPipe(argument, action, errors) : undefined });
        break;
      }
      case 'break':
      case 'continue':
        top().body.push({ kind: keyword, action });
        break;
      default:
        top().body.push({ kind: 'output', action, pipe: readPipe(body, action, errors) });
    }
  }
  pushText(top().body, text, textFrom, text.length, actions[actions.length - 1], undefined);
  if (stack.length > 1) errors.push({ message: `unclosed ${top().kind}`, offset: text.length });
  return { text, actions, nodes: root.body, defines, errors };
}

function pushText(body: TemplateNode[], text: string, start: number, end: number, before: ActionSpan | undefined, after: ActionSpan | undefined): void {
  if (end <= start) return;
  let renderStart = start;
  let renderEnd = end;
  if (before?.trimRight) while (renderStart < renderEnd && isSpace(text.charCodeAt(renderStart))) renderStart++;
  if (after?.trimLeft) while (renderEnd > renderStart && isSpace(text.charCodeAt(renderEnd - 1))) renderEnd--;
  body.push({ kind: 'text', start, end, renderStart, renderEnd });
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function readName(rest: string): string | undefined {
  const match = /^\s*"((?:[^"\\]|\\.)*)"|^\s*`([^`]*)`/.exec(rest);
  return match ? (match[1] ?? match[2]) : undefined;
}

function readPipe(source: string, action: ActionSpan, errors: ParsedTemplate['errors']): Pipeline | undefined {
  try {
    return parsePipeline(tokenize(source));
  } catch (error) {
    if (!(error instanceof PipelineError)) throw error;
    errors.push({ message: error.message, offset: action.start });
    return undefined;
  }
}
