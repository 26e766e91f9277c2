import { NO_COLOUR, type Palette } from './colour';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  cwd: string;
  /** The environment (NO_COLOR, TERM); none given: no colour. */
  env?: NodeJS.ProcessEnv;
  /** Colours for stdout, decided once per invocation by runCli. */
  colour?: Palette;
}

export function coloursOf(io: CliIo): Palette {
  return io.colour ?? NO_COLOUR;
}

export function println(stream: NodeJS.WritableStream, text: string): void {
  stream.write(`${text}\n`);
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A reader that stops early (`rbac-doctor check . | head -1`) closes the pipe; Node reports that as an
 * EPIPE error on the next write. The reader has what it wanted: the rest of the output is dropped
 * quietly, and the command still ends with the exit code of its result (`set -o pipefail` scripts
 * read it), never a stack trace.
 */
export function dropOutputWhenPipeCloses(stream: NodeJS.WritableStream): void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (closed) return;
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
}
