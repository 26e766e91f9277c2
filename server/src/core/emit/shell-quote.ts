/**
 * An argument for a POSIX shell command line shown in a comment: as is when it holds only characters
 * no shell treats specially, single-quoted when it is printable ASCII, else bash's `$'…'` form with
 * every other character escaped, so the line stays one printable ASCII line.
 */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9@%+=:,./_-]+$/.test(arg)) return arg;
  if (/^[\x20-\x7e]*$/.test(arg)) return `'${arg.replace(/'/g, `'\\''`)}'`;
  let out = "$'";
  for (const char of arg) {
    const code = char.codePointAt(0)!;
    if (char === "'" || char === '\\') out += `\\${char}`;
    else if (code >= 0x20 && code <= 0x7e) out += char;
    else if (code <= 0xff) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}'`;
}
