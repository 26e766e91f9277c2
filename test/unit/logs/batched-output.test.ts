import * as assert from 'assert';
import { PassThrough } from 'stream';
import { BatchedOutput } from '../../../server/src/cli/batched-output';
import type { CliIo } from '../../../server/src/cli/io';

/** Two streams that write into one text, as a terminal or `> out 2>&1` does. */
function sharedSink(): { io: CliIo; text: () => string; writes: () => number } {
  let text = '';
  let writes = 0;
  const stream = (name: string) => ({
    write(chunk: string) {
      text += chunk;
      writes++;
      return true;
    },
    name,
  }) as unknown as NodeJS.WritableStream;
  return { io: { stdout: stream('out'), stderr: stream('err'), stdin: new PassThrough(), cwd: '/' }, text: () => text, writes: () => writes };
}

describe('forbidden writes a whole log in batches', () => {
  it('keeps the order of lines across stdout and stderr, and writes far fewer times', () => {
    const direct = sharedSink();
    const batched = sharedSink();
    const out = new BatchedOutput(batched.io);
    for (let i = 0; i < 3000; i++) {
      for (const io of [direct.io, out.io]) {
        io.stderr.write(`# denial ${i}\n`);
        if (i % 10 === 9) {
          io.stdout.write(`---\nkind: Role # ${i}\n`);
          io.stderr.write(`# next steps ${i}\n`);
        }
      }
    }
    out.send();
    assert.strictEqual(batched.text(), direct.text());
    assert.ok(batched.writes() < direct.writes() / 5, `${batched.writes()} writes against ${direct.writes()}`);
  });

  it('waits for a slow reader: flushed() resolves only after the real stream drains', async () => {
    const slow = new PassThrough({ highWaterMark: 16 });
    const io: CliIo = { stdout: slow, stderr: new PassThrough(), stdin: new PassThrough(), cwd: '/' };
    const out = new BatchedOutput(io);
    out.io.stdout.write('x'.repeat(70 * 1024));
    const waiting = out.flushed(io);
    assert.ok(waiting, 'a full pipe is waited for');
    let done = false;
    void waiting!.then(() => { done = true; });
    await new Promise((resolve) => setImmediate(resolve));
    assert.strictEqual(done, false);
    slow.resume();
    await waiting;
    assert.strictEqual(out.flushed(io), undefined);
  });
});
