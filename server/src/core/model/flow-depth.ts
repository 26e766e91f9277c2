/**
 * How deeply flow collections (`{…}`, `[…]`) nest in a document's text, read in one pass. The YAML
 * parser recurses once per level and a few thousand unclosed `{` end the whole process (not with an
 * exception: the engine runs out of stack while compiling a pattern), so a document nested deeper than
 * any real manifest is refused before it is parsed. Quoted scalars and comments are not counted.
 */
export const MAX_FLOW_DEPTH = 500;

/** The deepest nesting, stopping early once it is above `limit`. */
export function flowDepth(text: string, limit = MAX_FLOW_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === '}' || c === ']') {
      if (depth > 0) depth--;
    } else if (c === '"') {
      i = closingDoubleQuote(text, i);
    } else if (c === "'") {
      i = closingSingleQuote(text, i);
    } else if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t' || text[i - 1] === '\n')) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    }
  }
  return deepest;
}

function closingDoubleQuote(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length;
}

function closingSingleQuote(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === "'") {
      if (text[i + 1] === "'") i++;
      else return i;
    }
  }
  return text.length;
}
