import { writeFileSync } from 'fs';

/** The figures a bench run measured, as rows of the README's Benchmarks table (spliced in by scripts/readme-bench.mjs). */
export class BenchReport {
  private readonly rows: [string, string][] = [];

  add(measure: string, figure: string): void {
    this.rows.push([measure, figure]);
  }

  write(path: string): void {
    const escape = (cell: string) => cell.replace(/\|/g, '\\|');
    const lines = ['| measure (2-core machine) | figure |', '|---|---|', ...this.rows.map(([m, f]) => `| ${escape(m)} | ${escape(f)} |`)];
    writeFileSync(path, `${lines.join('\n')}\n`);
    console.log(`markdown               ${path} (${this.rows.length} rows)`);
  }
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const thousands = (n: number) => n.toLocaleString('en-US');
