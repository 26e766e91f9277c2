import { isSafePlain, quoted } from './yaml-scalar';

/**
 * Any JSON-like value (an object read from YAML, an object from the API server) as a YAML document
 * body that YAML 1.1 and 1.2 readers read alike: strings double-quoted and escaped, keys plain only
 * when safe, numbers, booleans and null as their literals. Block style, two-space indentation.
 */
export function emitData(value: unknown): string {
  return `${lines(value, '').join('\n')}\n`;
}

function lines(value: unknown, indent: string): string[] {
  if (isMap(value) && Object.keys(value).length > 0) return mapLines(value, indent);
  if (Array.isArray(value) && value.length > 0) return seqLines(value, indent);
  return [`${indent}${inline(value)}`];
}

function mapLines(map: Record<string, unknown>, indent: string): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    const k = isSafePlain(key) ? key : quoted(key);
    if (isBlock(value)) {
      out.push(`${indent}${k}:`, ...lines(value, Array.isArray(value) ? indent : `${indent}  `));
    } else out.push(`${indent}${k}: ${inline(value)}`);
  }
  return out;
}

function seqLines(items: unknown[], indent: string): string[] {
  return items.flatMap((item) => {
    if (!isBlock(item)) return [`${indent}- ${inline(item)}`];
    const inner = lines(item, `${indent}  `);
    inner[0] = `${indent}- ${inner[0].slice(indent.length + 2)}`;
    return inner;
  });
}

function inline(value: unknown): string {
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : quoted(String(value));
  if (typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return '[]';
  if (isMap(value)) return '{}';
  return quoted(String(value));
}

/** A non-empty map or list: written over several lines. */
function isBlock(value: unknown): boolean {
  return (Array.isArray(value) && value.length > 0) || (isMap(value) && Object.keys(value).length > 0);
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
