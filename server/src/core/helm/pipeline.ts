/** The expression language inside an action: pipelines of commands over operands (Go text/template). */

export type Operand =
  | { type: 'dot'; path: string[] }
  | { type: 'field'; path: string[] }
  | { type: 'variable'; name: string; path: string[] }
  | { type: 'function'; name: string }
  | { type: 'string'; value: string }
  | { type: 'number'; value: number; text: string }
  | { type: 'bool'; value: boolean }
  | { type: 'nil' }
  | { type: 'pipe'; pipe: Pipeline; path: string[] };

export interface Command {
  args: Operand[];
}

export interface Pipeline {
  /** `$x := …` or `$i, $v := …` (declare) / `$x = …` (assign). */
  variables: string[];
  assign: boolean;
  commands: Command[];
}

type Token =
  | { t: 'word'; v: string } // identifiers, keywords
  | { t: 'field'; v: string[] } // .A.B, or '.' alone (empty path)
  | { t: 'var'; v: string; path: string[] }
  | { t: 'string'; v: string }
  | { t: 'number'; v: number; text: string }
  | { t: 'punct'; v: '(' | ')' | '|' | ',' | ':=' | '=' }
  | { t: 'chain'; v: string[] }; // .A.B right after `)`

export class PipelineError extends Error {}

const IDENT = /[A-Za-z0-9_]/;

/** Splits an action body into tokens in one pass. */
export function tokenize(body: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const identAt = (from: number) => {
    let j = from;
    while (j < body.length && IDENT.test(body[j])) j++;
    return j;
  };
  const pathAt = (from: number): [string[], number] => {
    const path: string[] = [];
    let j = from;
    while (body[j] === '.' && j + 1 <= body.length) {
      const end = identAt(j + 1);
      if (end === j + 1) break;
      path.push(body.slice(j + 1, end));
      j = end;
    }
    return [path, j];
  };
  while (i < body.length) {
    const c = body[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    if (c === '/' && body[i + 1] === '*') {
      const end = body.indexOf('*/', i + 2);
      i = end === -1 ? body.length : end + 2;
      continue;
    }
    if (c === '(' || c === ')' || c === '|' || c === ',') {
      out.push({ t: 'punct', v: c });
      i++;
      if (c === ')' && body[i] === '.') {
        const [path, next] = pathAt(i);
        if (path.length) { out.push({ t: 'chain', v: path }); i = next; }
      }
      continue;
    }
    if (c === ':' && body[i + 1] === '=') { out.push({ t: 'punct', v: ':=' }); i += 2; continue; }
    if (c === '=') { out.push({ t: 'punct', v: '=' }); i++; continue; }
    if (c === '"') { const [v, next] = readString(body, i); out.push({ t: 'string', v }); i = next; continue; }
    if (c === '`') {
      const end = body.indexOf('`', i + 1);
      if (end === -1) throw new PipelineError('unterminated raw string');
      out.push({ t: 'string', v: body.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (c === "'") {
      const end = body.indexOf("'", i + 2);
      if (end === -1) throw new PipelineError('unterminated character constant');
      const ch = body.slice(i + 1, end);
      out.push({ t: 'number', v: ch.codePointAt(0) ?? 0, text: body.slice(i, end + 1) });
      i = end + 1;
      continue;
    }
    if (c === '.') {
      const [path, next] = pathAt(i);
      if (path.length === 0 && /[0-9]/.test(body[i + 1] ?? '')) { i = pushNumber(body, i, out); continue; }
      out.push({ t: 'field', v: path });
      i = path.length ? next : i + 1;
      continue;
    }
    if (c === '$') {
      const end = identAt(i + 1);
      const [path, next] = pathAt(end);
      out.push({ t: 'var', v: body.slice(i, end), path });
      i = next;
      continue;
    }
    if (/[0-9+-]/.test(c)) { i = pushNumber(body, i, out); continue; }
    if (IDENT.test(c)) {
      const end = identAt(i);
      out.push({ t: 'word', v: body.slice(i, end) });
      i = end;
      continue;
    }
    throw new PipelineError(`unexpected character ${JSON.stringify(c)}`);
  }
  return out;
}

function pushNumber(body: string, i: number, out: Token[]): number {
  let j = i;
  if (body[j] === '+' || body[j] === '-') j++;
  while (j < body.length && /[0-9a-fA-FxXoObB._eE]/.test(body[j])) j++;
  const text = body.slice(i, j);
  const value = Number(text.replace(/_/g, ''));
  if (text === '' || text === '+' || text === '-' || Number.isNaN(value)) throw new PipelineError(`bad number ${text}`);
  out.push({ t: 'number', v: value, text });
  return j;
}

function readString(body: string, open: number): [string, number] {
  let out = '';
  for (let i = open + 1; i < body.length; i++) {
    const c = body[i];
    if (c === '"') return [out, i + 1];
    if (c !== '\\') { out += c; continue; }
    const n = body[++i];
    out += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n === '0' ? '\0' : n;
  }
  throw new PipelineError('unterminated string');
}

/** Parses a token list (from `tokenize`) into a pipeline. */
export function parsePipeline(tokens: Token[]): Pipeline {
  const state = { tokens, at: 0 };
  const pipe = readPipeline(state, true);
  if (state.at < tokens.length) throw new PipelineError('unexpected token after pipeline');
  return pipe;
}

interface State { tokens: Token[]; at: number }

function readPipeline(s: State, allowDecl: boolean): Pipeline {
  const variables: string[] = [];
  let assign = false;
  if (allowDecl) {
    let look = s.at;
    const names: string[] = [];
    while (s.tokens[look]?.t === 'var' && (s.tokens[look] as { path: string[] }).path.length === 0) {
      names.push((s.tokens[look] as { v: string }).v);
      look++;
      const p = s.tokens[look];
      if (p?.t === 'punct' && p.v === ',') { look++; continue; }
      break;
    }
    const op = s.tokens[look];
    if (names.length && op?.t === 'punct' && (op.v === ':=' || op.v === '=')) {
      variables.push(...names);
      assign = op.v === '=';
      s.at = look + 1;
    }
  }
  const commands: Command[] = [];
  for (;;) {
    const args: Operand[] = [];
    while (s.at < s.tokens.length) {
      const tok = s.tokens[s.at];
      if (tok.t === 'punct' && (tok.v === '|' || tok.v === ')')) break;
      args.push(readOperand(s));
    }
    if (args.length === 0) throw new PipelineError('missing command');
    commands.push({ args });
    const next = s.tokens[s.at];
    if (next?.t === 'punct' && next.v === '|') { s.at++; continue; }
    break;
  }
  return { variables, assign, commands };
}

function readOperand(s: State): Operand {
  const tok = s.tokens[s.at++];
  switch (tok.t) {
    case 'field': return tok.v.length ? { type: 'field', path: tok.v } : { type: 'dot', path: [] };
    case 'var': return { type: 'variable', name: tok.v, path: tok.path };
    case 'string': return { type: 'string', value: tok.v };
    case 'number': return { type: 'number', value: tok.v, text: tok.text };
    case 'word':
      if (tok.v === 'true' || tok.v === 'false') return { type: 'bool', value: tok.v === 'true' };
      if (tok.v === 'nil') return { type: 'nil' };
      return { type: 'function', name: tok.v };
    case 'punct':
      if (tok.v === '(') {
        const pipe = readPipeline(s, false);
        const close = s.tokens[s.at++];
        if (close?.t !== 'punct' || close.v !== ')') throw new PipelineError('missing )');
        const chain = s.tokens[s.at];
        if (chain?.t === 'chain') { s.at++; return { type: 'pipe', pipe, path: chain.v }; }
        return { type: 'pipe', pipe, path: [] };
      }
      throw new PipelineError(`unexpected ${tok.v}`);
    default:
      throw new PipelineError('unexpected token');
  }
}
