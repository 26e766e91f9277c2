import type { CliIo } from './io';

/** Output gathered up to this size before it is written (one write instead of thousands of small ones). */
const BATCH_CHARS = 64 * 1024;

/**
 * stdout and stderr of a long output, written in batches. Text is kept in the order it was written
 * across both streams: a write to the other stream first sends what is waiting, so a terminal or a file
 * given both (`> out 2>&1`) reads exactly what unbatched writes would have given.
 */
export class BatchedOutput {
  readonly io: CliIo;
  private pending: string[] = [];
  private pendingChars = 0;
  private pendingStream: NodeJS.WritableStream | undefined;

  constructor(io: CliIo) {
    this.io = { ...io, stdout: this.proxy(io.stdout), stderr: this.proxy(io.stderr) };
  }

  /**
   * Resolves once neither real stream's buffer is full (backpressure: a slow pipe is waited for, while
   * what is being written stays batched); at once when both have room.
   */
  flushed(real: CliIo): Promise<void> | undefined {
    if (!needsDrain(real.stdout) && !needsDrain(real.stderr)) return undefined;
    return Promise.all([drained(real.stdout), drained(real.stderr)]).then(() => undefined);
  }

  /** Writes what is waiting, now. */
  send(): void {
    if (this.pendingStream && this.pending.length) this.pendingStream.write(this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
    this.pendingStream = undefined;
  }

  private proxy(stream: NodeJS.WritableStream): NodeJS.WritableStream {
    const write = (chunk: string | Uint8Array): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (this.pendingStream !== stream) {
        this.send();
        this.pendingStream = stream;
      }
      this.pending.push(text);
      this.pendingChars += text.length;
      if (this.pendingChars >= BATCH_CHARS) this.send();
      return true;
    };
    // Only writing goes through here; whether the stream is a terminal is the real stream's answer.
    return { write, get isTTY() { return (stream as { isTTY?: boolean }).isTTY; } } as unknown as NodeJS.WritableStream;
  }
}

function needsDrain(stream: NodeJS.WritableStream): boolean {
  return !!(stream as NodeJS.WritableStream & { writableNeedDrain?: boolean }).writableNeedDrain;
}

/** Resolves once the stream's buffer has room again (at once when it has). */
function drained(stream: NodeJS.WritableStream): Promise<void> {
  if (!needsDrain(stream)) return Promise.resolve();
  return new Promise((resolve) => stream.once('drain', () => resolve()));
}
