import { flowList, isSafePlain, printable, quoted } from './yaml-scalar';

/**
 * A small YAML writer for the objects the product generates. Values are data: a `string` is always
 * written double-quoted (it may come from outside), a `Plain` is a constant of the code (`Role`,
 * `rbac.authorization.k8s.io`), a list of strings is a flow list, a list of maps a block sequence.
 * Keys are constants too. Comments are lines of the product's own text, made printable.
 */
export class Plain {
  constructor(readonly text: string) {
    if (!isSafePlain(text)) throw new Error(`not a safe plain scalar: ${printable(text)}`);
  }
}

/** A constant of the code, written unquoted (it must be one that every YAML version reads as itself). */
export const plain = (text: string): Plain => new Plain(text);

export type YamlValue = string | Plain | readonly string[] | readonly YamlMap[] | YamlMap;
export interface YamlMap { readonly [key: string]: YamlValue | undefined }

export interface YamlDocument {
  /** Comment lines above the document (without `# `). */
  comments?: readonly string[];
  body: YamlMap;
}

const KEY = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * How a file lays out its YAML, for text inserted into it: spaces per mapping level, whether a block
 * sequence under a key is indented (`key:\n  - a`) or at the key's column (`key:\n- a`), and whether
 * lists of names are flow sequences (`[a, b]`) or block ones.
 */
export interface YamlStyle {
  indent: number;
  indentSequences: boolean;
  flowScalarLists: boolean;
}

/** The product's own layout (generated documents): two spaces, sequences at the key's column, flow lists of names. */
export const DEFAULT_STYLE: YamlStyle = { indent: 2, indentSequences: false, flowScalarLists: true };

/** Documents joined with `---`, ending with a line break. */
export function emitDocuments(documents: readonly YamlDocument[], style: YamlStyle = DEFAULT_STYLE): string {
  return documents.map((doc) => [...(doc.comments ?? []).map(commentLine), ...mapLines(doc.body, '', style)].join('\n')).join('\n---\n') + '\n';
}

/** Block-sequence items (`- key: …`), each line prefixed by `indent`: for inserting into a user's list. */
export function emitSeqItems(items: readonly YamlMap[], indent = '', style: YamlStyle = DEFAULT_STYLE): string {
  return items.flatMap((item) => itemLines(item, indent, style)).join('\n');
}

/** One `key: value` line or block (for inserting a single field into a user's mapping). */
export function emitField(key: string, value: YamlValue, indent = '', style: YamlStyle = DEFAULT_STYLE): string {
  return mapLines({ [key]: value }, indent, style).join('\n');
}

/** `# text` with every character outside printable ASCII made a visible escape. */
export function commentLine(text: string): string {
  return text === '' ? '#' : `# ${printable(text)}`;
}

function mapLines(map: YamlMap, indent: string, style: YamlStyle): string[] {
  const lines: string[] = [];
  const nested = `${indent}${' '.repeat(style.indent)}`;
  const items = style.indentSequences ? nested : indent;
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    if (!KEY.test(key)) throw new Error(`not a constant key: ${printable(key)}`);
    if (isMap(value)) lines.push(`${indent}${key}:`, ...mapLines(value, nested, style));
    else if (isMapList(value)) lines.push(`${indent}${key}:`, ...value.flatMap((item) => itemLines(item, items, style)));
    else if (isBlockList(value, style)) lines.push(`${indent}${key}:`, ...value.map((v) => `${items}- ${isSafePlain(v) ? v : quoted(v)}`));
    else lines.push(`${indent}${key}: ${inline(value)}`);
  }
  return lines;
}

function itemLines(item: YamlMap, indent: string, style: YamlStyle): string[] {
  const lines = mapLines(item, `${indent}  `, style);
  if (lines.length === 0) return [`${indent}- {}`];
  lines[0] = `${indent}- ${lines[0].slice(indent.length + 2)}`;
  return lines;
}

/** A non-empty list of names in a file that writes such lists as block sequences. */
function isBlockList(value: YamlValue, style: YamlStyle): value is readonly string[] {
  return !style.flowScalarLists && Array.isArray(value) && value.length > 0 && typeof value[0] === 'string';
}

function inline(value: string | Plain | readonly string[]): string {
  if (value instanceof Plain) return value.text;
  if (typeof value === 'string') return quoted(value);
  return flowList(value);
}

function isMap(value: YamlValue): value is YamlMap {
  return typeof value === 'object' && !(value instanceof Plain) && !Array.isArray(value);
}

/** A non-empty list whose items are maps (an empty list is written `[]`). */
function isMapList(value: YamlValue): value is readonly YamlMap[] {
  return Array.isArray(value) && value.length > 0 && typeof value[0] === 'object';
}

/**
 * A value echoed from the user's own file (quick-fixes): unquoted when every YAML version reads it as
 * itself, so the edit keeps the file's look; double-quoted otherwise.
 */
export const echo = (value: string): string | Plain => (isSafePlain(value) ? plain(value) : value);
