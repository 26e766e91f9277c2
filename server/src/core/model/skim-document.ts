/** What can be read from a document's text without parsing it. */
export interface Skim {
  kind?: string;
  apiVersion?: string;
  /** Block style with top-level keys at column 0; flow-style (JSON-like) documents need a full parse. */
  blockStyle: boolean;
}

const TOP_KIND = /^kind:[ \t]*["']?([A-Za-z0-9_.-]+)["']?[ \t]*(?:#.*)?$/m;
const TOP_API_VERSION = /^apiVersion:[ \t]*["']?([A-Za-z0-9_./-]+)["']?[ \t]*(?:#.*)?$/m;
const FIRST_CONTENT = /^[ \t]*([^\s#%])/m;

export function skimDocument(text: string): Skim {
  const first = FIRST_CONTENT.exec(text.startsWith('---') ? text.slice(3) : text);
  const blockStyle = !first || (first[1] !== '{' && first[1] !== '[');
  const kind = TOP_KIND.exec(text)?.[1];
  const apiVersion = TOP_API_VERSION.exec(text)?.[1];
  return { kind, apiVersion, blockStyle };
}

/**
 * Removes the bodies of `openAPIV3Schema:` blocks from a CRD's text. Schemas are most of the bytes of
 * real manifests and RBAC needs none of them. Returns undefined when there is nothing to remove.
 */
export function stripCrdSchemas(text: string): string | undefined {
  const key = /^[ \t]*(?:- [ \t]*)?openAPIV3Schema:[ \t]*(?:#.*)?\r?$/gm;
  const parts: string[] = [];
  let copiedUpTo = 0;
  for (let match = key.exec(text); match; match = key.exec(text)) {
    const keyIndent = match[0].indexOf('openAPIV3Schema');
    let lineStart = text.indexOf('\n', match.index);
    if (lineStart === -1) break;
    lineStart += 1;
    parts.push(text.slice(copiedUpTo, lineStart));
    // Skip every following line that is blank or indented deeper than the key.
    let cursor = lineStart;
    while (cursor < text.length) {
      const lineEnd = text.indexOf('\n', cursor);
      const line = text.slice(cursor, lineEnd === -1 ? text.length : lineEnd);
      const indent = line.length - line.trimStart().length;
      if (line.trim() !== '' && indent <= keyIndent) break;
      cursor = lineEnd === -1 ? text.length : lineEnd + 1;
    }
    parts.push(' '.repeat(keyIndent + 2) + '{}\n');
    copiedUpTo = cursor;
    key.lastIndex = cursor;
  }
  if (parts.length === 0) return undefined;
  parts.push(text.slice(copiedUpTo));
  return parts.join('');
}
