import type { PolicyRule } from './types';

const SHORT_ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };

/** Go's `%q` of a string (strconv.Quote): double quotes, escaped quote/backslash/control characters. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (SHORT_ESCAPES[ch]) out += SHORT_ESCAPES[ch];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if ((code >= 0x80 && code < 0xa0) || code === 0xad || code === 0xfeff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Go's `%q` of a []string: `["a" "b"]`. */
export function goQuoteList(items: string[]): string {
  return `[${items.map(goQuote).join(' ')}]`;
}

/**
 * CompactString (evaluation_helpers.go): `{` + the non-empty fields among APIGroups, Resources,
 * NonResourceURLs, ResourceNames, Verbs, in that order, each `Name:["a" "b"]`, joined by `, ` + `}`.
 */
export function compactString(rule: PolicyRule): string {
  const fields: [string, string[] | undefined][] = [
    ['APIGroups', rule.apiGroups],
    ['Resources', rule.resources],
    ['NonResourceURLs', rule.nonResourceURLs],
    ['ResourceNames', rule.resourceNames],
    ['Verbs', rule.verbs],
  ];
  const parts = fields.filter(([, values]) => (values ?? []).length > 0).map(([name, values]) => `${name}:${goQuoteList(values!)}`);
  return `{${parts.join(', ')}}`;
}
