import { readFileSync, statSync } from 'fs';
import { readFile, stat } from 'fs/promises';
import { ARCHIVE_LIMITS, unpackChartArchive, type ArchiveReading } from '../core/helm/chart/chart-archive';

/** A packed subchart (`charts/*.tgz`) read from disk: only a regular file within the size limit is opened. */
export function readChartArchiveSync(path: string): ArchiveReading {
  try {
    const stats = statSync(path);
    const refused = refusal(stats.isFile(), stats.size);
    return refused ? { files: [], problems: [`${path}: ${refused}`] } : unpackChartArchive(readFileSync(path), path);
  } catch (error) {
    return { files: [], problems: [`${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`] };
  }
}

export async function readChartArchive(path: string): Promise<ArchiveReading> {
  try {
    const stats = await stat(path);
    const refused = refusal(stats.isFile(), stats.size);
    return refused ? { files: [], problems: [`${path}: ${refused}`] } : unpackChartArchive(await readFile(path), path);
  } catch (error) {
    return { files: [], problems: [`${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`] };
  }
}

function refusal(isFile: boolean, size: number): string | undefined {
  if (!isFile) return 'not a regular file';
  if (size > ARCHIVE_LIMITS.maxArchiveBytes) return `larger than ${ARCHIVE_LIMITS.maxArchiveBytes / 1024 / 1024} MB, not read`;
  return undefined;
}
