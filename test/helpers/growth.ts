/**
 * Growth of a function's running time with its input, measured as a ratio in one run (never as an
 * absolute time): the input is grown until one call takes long enough to time reliably, then the fastest
 * of a few calls on that input is compared with the fastest on an input twice as large. Linear work gives
 * about 2, quadratic about 4, exponential far more.
 */
/**
 * The most a doubled input may multiply the time by. Linear work measures about 2; on a loaded shared
 * machine, work that allocates a great many small objects has measured up to ×2.9 on linear code.
 * Quadratic work gives 4 and anything worse more, so 3 still fails all of them.
 */
export const LINEAR_GROWTH_LIMIT = 3;

export interface Growth {
  ratio: number;
  /** Input size (characters, or whatever unit `make` takes) of the smaller measurement. */
  size: number;
  smallMs: number;
  largeMs: number;
}

export interface GrowthOptions {
  /** Size to start from; doubled until one call takes `minMs`. */
  start?: number;
  /** Largest size measured (the doubled one may be twice this). */
  max?: number;
  minMs?: number;
  runs?: number;
}

/**
 * CPU time of this process per call, not wall time: other processes on a shared machine do not count.
 * Each sample times `repeat` calls together, so that a call of a fraction of a millisecond is not
 * decided by one scheduler tick or one collector pause.
 */
function fastest(work: () => unknown, runs: number, repeat = 1): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const began = process.cpuUsage();
    for (let j = 0; j < repeat; j++) work();
    const spent = process.cpuUsage(began);
    best = Math.min(best, (spent.user + spent.system) / 1000 / repeat);
  }
  return best;
}

export function measureGrowth<T>(make: (size: number) => T, work: (input: T) => unknown, options: GrowthOptions = {}): Growth {
  const { start = 4_000, max = 1_000_000, minMs = 5, runs = 3 } = options;
  let size = start;
  let input = make(size);
  work(input); // compiles the code paths before anything is timed
  let smallMs = fastest(() => work(input), 2);
  while (smallMs < minMs && size * 2 <= max) {
    size *= 2;
    input = make(size);
    smallMs = fastest(() => work(input), 2);
  }
  // At the largest size allowed a call may still be quicker than `minMs`: then each sample repeats it.
  const repeat = Math.min(50, Math.max(1, Math.ceil(minMs / Math.max(smallMs, 0.05))));
  // Interleaved, so that a burst of load elsewhere falls on both sizes alike; the large input is run once
  // first, so that the heap has grown to hold it before either size is timed.
  const large = make(size * 2);
  work(large);
  smallMs = fastest(() => work(input), 1, repeat);
  let largeMs = Infinity;
  for (let i = 0; i < runs; i++) {
    smallMs = Math.min(smallMs, fastest(() => work(input), 1, repeat));
    largeMs = Math.min(largeMs, fastest(() => work(large), 1, repeat));
  }
  return { ratio: largeMs / Math.max(smallMs, 0.05), size, smallMs, largeMs };
}

/**
 * The smallest ratio of up to `attempts` measurements: a machine shared with other work can slow one
 * measurement down, but cannot make super-linear work look linear.
 */
export function growthRatio<T>(make: (size: number) => T, work: (input: T) => unknown, options: GrowthOptions & { attempts?: number; limit?: number } = {}): Growth {
  const { attempts = 5, limit = 2.5 } = options;
  let best: Growth | undefined;
  for (let i = 0; i < attempts; i++) {
    const growth = measureGrowth(make, work, options);
    if (!best || growth.ratio < best.ratio) best = growth;
    if (best.ratio <= limit) break;
  }
  if (process.env.GROWTH_LOG) console.log(`      growth ${describeGrowth(best!)}`);
  return best!;
}

/** `unit` repeated to `size` characters (cut to size). */
export function repeated(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

export function describeGrowth(growth: Growth): string {
  return `${growth.size} → ${growth.size * 2} chars: ${growth.smallMs.toFixed(1)} → ${growth.largeMs.toFixed(1)} ms (×${growth.ratio.toFixed(2)})`;
}
