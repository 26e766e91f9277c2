import { entriesSync } from 'tar';

/**
 * A packed chart (`charts/<name>-<version>.tgz`, as `helm dependency build` leaves it), read as Helm loads it:
 * the first part of every entry's path (the chart's folder) is dropped; the files are then those of a chart folder. Each
 * file gets the path `<archive>/<path in the chart>`, so a packed subchart reads like an unpacked one whose
 * folder is the archive (and says where it came from). Packed charts inside it are read the same way.
 */
export interface PackedFile {
  path: string;
  text: string;
}

export interface ArchiveReading {
  files: PackedFile[];
  /** Why (part of) an archive was not read. */
  problems: string[];
}

export const ARCHIVE_LIMITS = {
  /** Largest archive read, packed. */
  maxArchiveBytes: 32 * 1024 * 1024,
  /** Largest file read from an archive. */
  maxFileBytes: 8 * 1024 * 1024,
  /** Most entries and most unpacked bytes in one archive and the archives inside it. */
  maxEntries: 20_000,
  maxTotalBytes: 128 * 1024 * 1024,
  /** Packed charts inside packed charts, at most this deep. */
  maxDepth: 5,
};

/** Files of a chart that the model reads: manifests and values, helpers, `.helmignore`. */
const READ_FILE = /(\.ya?ml|\.tpl)$|(^|\/)\.helmignore$/i;
const NESTED_ARCHIVE = /^charts\/[^/]+\.tgz$/i;

interface Budget { entries: number; bytes: number }

export function unpackChartArchive(bytes: Uint8Array, archivePath: string, limits = ARCHIVE_LIMITS): ArchiveReading {
  const reading: ArchiveReading = { files: [], problems: [] };
  unpackInto(reading, bytes, archivePath, 0, { entries: 0, bytes: 0 }, limits);
  return reading;
}

function unpackInto(reading: ArchiveReading, bytes: Uint8Array, archivePath: string, depth: number, budget: Budget, limits: typeof ARCHIVE_LIMITS): void {
  if (bytes.length > limits.maxArchiveBytes) {
    reading.problems.push(`${archivePath}: larger than ${limits.maxArchiveBytes / 1024 / 1024} MB packed, not read`);
    return;
  }
  const separator = archivePath.includes('\\') && !archivePath.includes('/') ? '\\' : '/';
  const ownFiles: PackedFile[] = [];
  const nested: { path: string; bytes: Uint8Array }[] = [];
  try {
    const ratio = Math.max(10, Math.floor(limits.maxTotalBytes / Math.max(1, bytes.length)));
    for (const entry of entriesSync(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), { maxDecompressionRatio: ratio, file: archivePath })) {
      if (++budget.entries > limits.maxEntries) throw new Error(`more than ${limits.maxEntries} entries`);
      const path = entry.path.replace(/^\.\//, '');
      const slash = path.indexOf('/');
      if (slash <= 0) continue;
      // Helm drops the first part of every entry's path (the chart's folder, whatever its name).
      const inChart = path.slice(slash + 1);
      if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'ContiguousFile') continue;
      if (inChart.split('/').includes('..')) continue;
      const wanted = READ_FILE.test(inChart) || (depth < limits.maxDepth && NESTED_ARCHIVE.test(inChart));
      if (!wanted) continue;
      if (entry.size > limits.maxFileBytes) {
        reading.problems.push(`${archivePath}: ${inChart} is larger than ${limits.maxFileBytes / 1024 / 1024} MB, not read`);
        continue;
      }
      budget.bytes += entry.size;
      if (budget.bytes > limits.maxTotalBytes) throw new Error(`more than ${limits.maxTotalBytes / 1024 / 1024} MB unpacked`);
      const body = entry.bytes();
      const filePath = `${archivePath}${separator}${inChart.split('/').join(separator)}`;
      if (NESTED_ARCHIVE.test(inChart)) nested.push({ path: filePath, bytes: body });
      else ownFiles.push({ path: filePath, text: Buffer.from(body).toString('utf8') });
    }
  } catch (error) {
    reading.problems.push(`${archivePath}: not a chart archive Helm can load (${(error as Error).message})`);
    return;
  }
  reading.files.push(...ownFiles);
  for (const inner of nested) unpackInto(reading, inner.bytes, inner.path, depth + 1, budget, limits);
}
