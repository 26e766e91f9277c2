/** Terminal colours: SGR escapes around a text, or the text unchanged when colour is off. */
export interface Palette {
  enabled: boolean;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  green(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

const sgr = (enabled: boolean, open: number, close: number) => (text: string) => (enabled && text ? `\u001b[${open}m${text}\u001b[${close}m` : text);

export function palette(enabled: boolean): Palette {
  return {
    enabled,
    red: sgr(enabled, 31, 39),
    yellow: sgr(enabled, 33, 39),
    cyan: sgr(enabled, 36, 39),
    green: sgr(enabled, 32, 39),
    bold: sgr(enabled, 1, 22),
    dim: sgr(enabled, 2, 22),
  };
}

export const NO_COLOUR = palette(false);

/**
 * Colour only on a terminal: never into a pipe or a file, never with `--no-color`, a non-empty
 * `NO_COLOR` (no-color.org) or `TERM=dumb`.
 */
export function wantsColour(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv, noColorFlag: boolean): boolean {
  if (noColorFlag || (env.NO_COLOR ?? '') !== '' || env.TERM === 'dumb') return false;
  return (stream as { isTTY?: boolean }).isTTY === true;
}

/** A unified diff as `git diff` colours it: removed lines red, added lines green, hunk headers cyan. */
export function colourDiff(diff: string, colour: Palette): string {
  if (!colour.enabled) return diff;
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return colour.bold(line);
      if (line.startsWith('+')) return colour.green(line);
      if (line.startsWith('-')) return colour.red(line);
      return line.startsWith('@@') ? colour.cyan(line) : line;
    })
    .join('\n');
}
