import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** A new chart folder `shop` 1.0.0 with `values` as its values.yaml and an empty templates/: the test writes the templates. */
export function newShopChart(kind: string, values: string): string {
  const chart = mkdtempSync(join(tmpdir(), `rbac-doctor-${kind}-`));
  mkdirSync(join(chart, 'templates'));
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 1.0.0\n');
  writeFileSync(join(chart, 'values.yaml'), values);
  return chart;
}
