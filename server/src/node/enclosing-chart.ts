import { existsSync } from 'fs';
import { dirname, join } from 'path';

/**
 * The chart a path inside a chart belongs to, as Helm loads it: up to the nearest folder with a Chart.yaml,
 * then on up while that chart sits in another chart's `charts/` folder (a subchart renders with its parent's
 * values). Undefined when no folder above the path is a chart, or when the path is the chart folder itself.
 */
export function enclosingChart(path: string): string | undefined {
  let chart: string | undefined;
  for (let dir = path; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'Chart.yaml'))) {
      chart = dir;
      break;
    }
    if (dirname(dir) === dir) return undefined;
  }
  for (;;) {
    const charts = dirname(chart);
    const parent = dirname(charts);
    if (charts.endsWith(`${'/'}charts`) || charts.endsWith('\\charts')) {
      if (existsSync(join(parent, 'Chart.yaml'))) { chart = parent; continue; }
    }
    break;
  }
  return chart === path ? undefined : chart;
}
