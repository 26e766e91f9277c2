import * as assert from 'assert';
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { parseDocument, stringify } from 'yaml';
import { plainYamlText } from '../../../server/src/core/helm/template/functions/plain-yaml-text';
import { fromPlain, type Value } from '../../../server/src/core/helm/template/template-values';
import { describeGrowth, growthRatio, LINEAR_GROWTH_LIMIT } from '../../helpers/growth';

const library = (value: Value) => stringify(value, { lineWidth: 0 }).replace(/\n$/, '');

/** Every value the text writer handles is written exactly as the library writes it. */
function agrees(value: Value): boolean {
  const text = plainYamlText(value);
  if (text !== undefined) assert.strictEqual(text, library(value), JSON.stringify(value));
  return text !== undefined;
}

describe('toYaml of plain values without the YAML library', () => {
  it('writes maps, lists, nested lists and empty collections as the library does', () => {
    const values: Value[] = [
      { a: 'b', c: { d: 1, e: [1, 2], f: [] }, g: {}, h: null, i: true, j: [{ k: 'v', l: 'w' }, { m: [1] }], n: [[1, 2], ['x']] },
      [], {}, 'x', ['a'], { a: [{ b: { c: 1 } }] }, { a: [{}] }, { a: [[]] }, [{}], [null], [[['deep']]], { a: { b: {} } },
      { 'app.kubernetes.io/name': 'cert-manager', 'helm.sh/chart': 'cert-manager-v1.2.3' }, { cpu: '100m', memory: '128Mi', disk: '1Gi', count: -128, v: '1.2.3a' },
      { x: 'yes', y: 'no', z: 'on', w: 'y', v: 'off' }, { path: '/healthz', a: 'before-hook-creation,hook-succeeded', f: '-v', g: '--v=2', m: 'a@b' }, [0, -1, 9007199254740991, false],
    ];
    for (const value of values) assert.ok(agrees(value), JSON.stringify(value));
  });

  it('leaves to the library whatever it would quote or write otherwise', () => {
    const values: Value[] = [
      { a: '' }, { a: 'true' }, { a: 'Null' }, { a: '1' }, { a: 'a b' }, { a: 'a: b' }, { a: '*' }, { a: 'x#y' },
      { '1': 'a' }, { 'a b': 'c' }, { a: 1.5 }, { a: -0 }, { a: 1e21 }, { a: 'multi\nline' }, { a: 'ünïcode' }, ['.inf'], [' x'], ['1e3'], ['1E3'], ['0x1F'], ['0o17'], ['123'], ['1.5'], ['1_000'], ['12e'], ['-5'], ['-'], ['- x'], ['-.5'], ['/a b'], ['%x'], [',x'], ['=x'], ['@x'],
    ];
    for (const value of values) assert.strictEqual(plainYamlText(value), undefined, JSON.stringify(value));
  });

  it('agrees with the library on every section of the chart fixtures\' values files', () => {
    const root = 'test/fixtures/helm-charts';
    let written = 0;
    for (const chart of readdirSync(root).filter((n) => !n.includes('.'))) {
      const doc = parseDocument(readFileSync(join(root, chart, 'values.yaml'), 'utf8'));
      const values = fromPlain(doc.toJS()) as { [key: string]: Value };
      for (const section of Object.values(values)) if (agrees(section)) written++;
    }
    assert.ok(written > 100, `${written} sections written without the library`);
  });

  it('grows linearly with the value', function () {
    this.timeout(60_000);
    const make = (size: number) => Array.from({ length: Math.ceil(size / 40) }, (_, i) => ({ name: `item-${i}`, labels: { app: 'x', tier: 'web' }, ports: [80, 443] }));
    const growth = growthRatio(make, (value) => plainYamlText(value), { limit: LINEAR_GROWTH_LIMIT, max: 4_000_000, minMs: 20 });
    assert.ok(growth.ratio <= LINEAR_GROWTH_LIMIT, describeGrowth(growth));
  });
});
