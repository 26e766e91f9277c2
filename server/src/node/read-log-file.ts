import { createReadStream, statSync } from 'fs';
import { LogReader, type LogReading } from '../core/logs/log-reader';

/** Bytes read so far and the file's size, for a progress bar. */
export type LogProgress = (bytesRead: number, totalBytes: number) => void;

/**
 * Streams a log or audit file through the log reader: memory stays bounded whatever the file's size.
 * Only regular files are read (a FIFO or device would block or never end).
 */
export async function readLogFile(path: string, onProgress?: LogProgress): Promise<LogReading> {
  const stat = statSync(path);
  if (!stat.isFile()) throw new Error('not a regular file');
  const reader = new LogReader();
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream) {
    reader.push(chunk as string);
    onProgress?.(stream.bytesRead, stat.size);
  }
  return reader.end();
}
