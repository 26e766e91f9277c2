import type * as vscode from 'vscode';

/** The prefix the language client writes before each of its lines: `[Info  - 10:00:00 PM] `. */
const CLIENT_PREFIX = /^\[(Trace|Debug|Info|Warn|Error) *- [^\]]{1,40}\] /;

/**
 * The output channel the language client writes to, over a log channel: the client's own
 * `[Info  - 10:00:00 PM]` prefix is taken off and its level kept, so each line carries the log
 * channel's single timestamp and level.
 */
export function languageClientChannel(log: vscode.LogOutputChannel): vscode.OutputChannel {
  const write = (line: string): void => {
    const match = CLIENT_PREFIX.exec(line);
    const text = match ? line.slice(match[0].length) : line;
    switch (match?.[1]) {
      case 'Error': return log.error(text);
      case 'Warn': return log.warn(text);
      case 'Debug': return log.debug(text);
      case 'Trace': return log.trace(text);
      default: return log.info(text);
    }
  };
  return {
    name: log.name,
    append: (value) => write(value),
    appendLine: (value) => write(value),
    replace: (value) => { log.clear(); write(value); },
    clear: () => log.clear(),
    show: (a?: unknown, b?: boolean) => (typeof a === 'boolean' ? log.show(a) : log.show(b)),
    hide: () => log.hide(),
    dispose: () => undefined,
  } as vscode.OutputChannel;
}
