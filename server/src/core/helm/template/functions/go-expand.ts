/**
 * Go's `Regexp.Expand` for a replacement template: `$$` is `$`; `$name` and `${name}` take the longest run
 * of letters, digits and `_` (so `$1x` names the group "1x", empty when there is none); a number without
 * leading zeros is a group index; a `$` with no valid name after it stays as it is.
 */
export function goExpand(template: string, groups: (string | undefined)[], named: Record<string, string | undefined>): string {
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar === -1) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) { out += '$'; rest = rest.slice(1); continue; }
    const name = extractName(rest);
    if (!name) { out += '$'; continue; }
    rest = rest.slice(name.length);
    out += groupText(name.name, groups, named);
  }
  return out + rest;
}

const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

function extractName(text: string): { name: string; length: number } | undefined {
  const brace = text.startsWith('{');
  let i = brace ? 1 : 0;
  while (i < text.length) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    if (!NAME_CHAR.test(ch)) break;
    i += ch.length;
  }
  const name = text.slice(brace ? 1 : 0, i);
  if (name === '') return undefined;
  if (brace) {
    if (text[i] !== '}') return undefined;
    i++;
  }
  return { name, length: i };
}

function groupText(name: string, groups: (string | undefined)[], named: Record<string, string | undefined>): string {
  if (/^(0|[1-9]\d{0,7})$/.test(name)) return groups[Number(name)] ?? '';
  return Object.prototype.hasOwnProperty.call(named, name) ? named[name] ?? '' : '';
}
