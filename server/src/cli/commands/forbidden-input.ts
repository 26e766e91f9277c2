import { LogReader, readLogText, type LogReading } from '../../core/logs/log-reader';
import { readLogFile } from '../../node/read-log-file';
import { InputError } from '../errors';
import type { CliIo } from '../io';

/**
 * The denials of what `forbidden` was given: a message on the command line, `@FILE` or stdin (`-`).
 * Files and stdin stream through the log reader, so a 200 MB audit log is read in bounded memory;
 * with `--progress` on a terminal, a progress bar goes to stderr.
 */
export async function readForbiddenInput(positional: string[], io: CliIo, progress: boolean): Promise<LogReading> {
  const bar = progress && (io.stderr as { isTTY?: boolean }).isTTY ? progressBar(io) : undefined;
  try {
    if (positional.length === 0 || positional[0] === '-') {
      // On a terminal, nothing arrives until the user types: say what is expected instead of waiting silently.
      if ((io.stdin as { isTTY?: boolean }).isTTY) io.stderr.write(TERMINAL_PROMPT);
      return await readStream(io.stdin, bar);
    }
    if (positional.length === 1 && positional[0].startsWith('@')) {
      const path = positional[0].slice(1);
      try {
        return await readLogFile(path, bar);
      } catch (error) {
        throw new InputError(`${path}: ${(error as Error).message}`);
      }
    }
    return readLogText(positional.join(' '));
  } finally {
    bar?.(-1, 0);
  }
}

export const TERMINAL_PROMPT = `Paste the 403 Forbidden message or the log (kubectl, a controller, CI, audit events), then press Ctrl-D.
Or give it directly: rbac-doctor forbidden 'MESSAGE', rbac-doctor forbidden @FILE, or kubectl logs POD | rbac-doctor forbidden -
`;

async function readStream(stream: NodeJS.ReadableStream, bar?: (read: number, total: number) => void): Promise<LogReading> {
  const reader = new LogReader();
  const decoder = new TextDecoder('utf-8');
  let read = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    read += bytes.length;
    reader.push(decoder.decode(bytes, { stream: true }));
    bar?.(read, 0);
  }
  reader.push(decoder.decode());
  return reader.end();
}

/** `Reading [########------------] 40%  80/200 MB` on one line of stderr, redrawn at most every percent; -1 clears it. */
function progressBar(io: CliIo): (read: number, total: number) => void {
  let last = '';
  return (read, total) => {
    if (read < 0) {
      if (last) io.stderr.write('\r\x1b[K');
      return;
    }
    const mb = (n: number) => (n / 1e6).toFixed(0);
    let line: string;
    if (total > 0) {
      const share = Math.min(1, read / total);
      const filled = Math.round(share * 20);
      line = `Reading [${'#'.repeat(filled)}${'-'.repeat(20 - filled)}] ${Math.floor(share * 100)}%  ${mb(read)}/${mb(total)} MB`;
    } else {
      line = `Reading ${mb(read)} MB`;
    }
    if (line === last) return;
    last = line;
    io.stderr.write(`\r${line}\x1b[K`);
  };
}
