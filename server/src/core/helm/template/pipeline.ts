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

/** Splits an action body into tokens in one pass. */
export function tokenize(body: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) { i++; continue; }
    if (c === 47 && body.charCodeAt(i + 1) === 42) { // `/*`
      const end = body.indexOf('*/', i + 2);
      i = end === -1 ? body.length : end + 2;
      continue;
    }
    if (c === 40 || c === 41 || c === 124 || c === 44) { // ( ) | ,
      out.push({ t: 'punct', v: body[i] as '(' | ')' | '|' | ',' });
      i++;
      if (c === 41 && body.charCodeAt(i) === 46) {
        const path = pathAt(body, i);
        if (path.length) { out.push({ t: 'chain', v: path }); i = afterPath(i, path); }
      }
      continue;
    }
    if (c === 58 && body.charCodeAt(i + 1) === 61) { out.push({ t: 'punct', v: ':=' }); i += 2; continue; }
    if (c === 61) { out.push({ t: 'punct', v: '=' }); i++; continue; }
    if (c === 34) { const [v, next] = readString(body, i); out.push({ t: 'string', v }); i = next; continue; }
    if (c === 96) { // raw string
      const end = body.indexOf('`', i + 1);
      if (end === -1) throw new PipelineError('unterminated raw string');
      out.push({ t: 'string', v: body.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (c === 39) { // character constant
      const end = body.indexOf("'", i + 2);
      if (end === -1) throw new PipelineError('unterminated character constant');
      const ch = body.slice(i + 1, end);
      out.push({ t: 'number', v: ch.codePointAt(0) ?? 0, text: body.slice(i, end + 1) });
      i = end + 1;
      continue;
    }
    if (c === 46) { // .
      const path = pathAt(body, i);
      if (path.length === 0 && isDigit(body.charCodeAt(i + 1))) { i = pushNumber(body, i, out); continue; }
      out.push({ t: 'field', v: path });
      i = path.length ? afterPath(i, path) : i + 1;
      continue;
    }
    if (c === 36) { // $
      const end = identEnd(body, i + 1);
      const path = pathAt(body, end);
      out.push({ t: 'var', v: body.slice(i, end), path });
      i = afterPath(end, path);
      continue;
    }
    if (isDigit(c) || c === 43 || c === 45) { i = pushNumber(body, i, out); continue; }
    if (isIdent(c)) {
      const end = identEnd(body, i);
      out.push({ t: 'word', v: body.slice(i, end) });
      i = end;
      continue;
    }
    throw new PipelineError(`unexpected character ${JSON.stringify(body[i])}`);
  }
  return out;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `[A-Za-z0-9_]` */
function isIdent(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

function identEnd(body: string, from: number): number {
  let j = from;
  while (j < body.length && isIdent(body.charCodeAt(j))) j++;
  return j;
}

/** The keys of `.a.b…` at `from` (empty when there is none). */
function pathAt(body: string, from: number): string[] {
  const path: string[] = [];
  let j = from;
  while (body.charCodeAt(j) === 46) {
    const end = identEnd(body, j + 1);
    if (end === j + 1) break;
    path.push(body.slice(j + 1, end));
    j = end;
  }
  return path;
}

/** Where a path read at `from` ends: a dot and a key per step. */
function afterPath(from: number, path: string[]): number {
  let end = from;
  for (const key of path) end += key.length + 1;
  return end;
}

/** `[0-9a-fA-FxXoObB._eE]`: what a Go number literal may hold after its sign. */
function isNumberChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 120 || c === 88 || c === 111 || c === 79 || c === 98 || c === 66 || c === 46 || c === 95;
}

function pushNumber(body: string, i: number, out: Token[]): number {
  let j = i;
  if (body[j] === '+' || body[j] === '-') j++;
  while (j < body.length && isNumberChar(body.charCodeAt(j))) j++;
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
