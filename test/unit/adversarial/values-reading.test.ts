import * as assert from 'assert';
import { parseDocument } from 'yaml';
import { readValues } from '../../../server/src/core/helm/chart/lazy-values';
import { fromPlain, type Value } from '../../../server/src/core/helm/template/template-values';
import { flowWithoutParser } from '../../../server/src/core/helm/chart/values-scalars';
import { describeGrowth, growthRatio, LINEAR_GROWTH_LIMIT } from '../../helpers/growth';
import { largeFlowValues } from '../../fuzz/adversarial-inputs';
import { seededRandom } from '../../fuzz/mutate';

function parsed(text: string): Value | undefined {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  try {
    return doc.errors.length ? undefined : fromPlain(doc.toJS());
  } catch {
    return undefined;
  }
}

/** Random one-line flow collections over the characters that matter to them. */
function flows(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const atoms = ['a', 'web', 'on', 'true', 'null', '~', '1', '-7', '08', '1.5', '100m', 'a b', 'x-y', '"q"', "'q'", '', '*x', '&x a', '!t a', 'a:b', 'a #c', '#c', '/p', '.5', '__proto__', 'é'];
  const value = (depth: number): string => {
    if (depth < 3 && random() < 0.3) return collection(depth + 1);
    return pick(atoms);
  };
  const collection = (depth: number): string => {
    const n = Math.floor(random() * 4);
    const map = random() < 0.6;
    const items = Array.from({ length: n }, () => (map ? `${pick(atoms)}${pick([': ', ':', ' : ', ': '])}${value(depth)}` : value(depth)));
    const body = items.join(pick([', ', ',', ' , ', ', ']));
    return `${map ? '{' : '['}${pick(['', ' '])}${body}${pick(['', ' ', ','])}${map ? '}' : ']'}${pick(['', ' # c', '#c', ' x'])}`;
  };
  return Array.from({ length: count }, () => collection(0));
}

describe('values read without the YAML parser', () => {
  it('a one-line flow collection read without the parser is what the parser reads (4,000 random ones)', () => {
    let read = 0;
    for (const text of flows(4000, 25)) {
      const value = flowWithoutParser(text);
      if (value === undefined) continue;
      read++;
      assert.strictEqual(JSON.stringify(value), JSON.stringify((parsed(`k: ${text}\n`) as { k: Value } | undefined)?.k), text);
    }
    assert.ok(read > 300, `only ${read} read without the parser`);
  });

  it('a values file of flow-map entries reads as the parser reads it, and a broken entry among them is still found', () => {
    const text = largeFlowValues(200);
    assert.strictEqual(JSON.stringify(readValues(text, 'values.yaml').value), JSON.stringify(parsed(text)));
    const broken = text.replace('key150: {', 'key150: {{');
    const reading = readValues(broken, 'values.yaml');
    assert.match(reading.validate!() ?? '', /^values\.yaml: /);
    assert.strictEqual(readValues(text, 'values.yaml').validate!(), undefined);
  });

  it('growth: checking a values file of S and 2S flow-map entries that no template reads is linear', function () {
    this.timeout(120_000);
    const growth = growthRatio((size) => largeFlowValues(size), (text) => readValues(text, 'values.yaml').validate!(), { start: 2_000, max: 64_000, minMs: 20 });
    assert.ok(growth.ratio <= LINEAR_GROWTH_LIMIT, describeGrowth(growth).replace('chars', 'entries'));
  });

  it('a file of 20,000 flow-map entries no template reads is checked in a fraction of what parsing it costs', function () {
    // The 200,000-entry file (7.7 MB) behaves the same; parsing it takes the YAML library over a gigabyte.
    this.timeout(300_000);
    const text = largeFlowValues(20_000);
    const cpu = (work: () => unknown) => {
      const began = process.cpuUsage();
      work();
      const spent = process.cpuUsage(began);
      return (spent.user + spent.system) / 1000;
    };
    const ours = cpu(() => readValues(text, 'values.yaml').validate!());
    const parse = cpu(() => parseDocument(text, { prettyErrors: false, uniqueKeys: false }));
    assert.ok(ours < parse / 2, `${text.length} bytes: read and checked in ${ours.toFixed(0)} ms, parsed in ${parse.toFixed(0)} ms`);
  });
});
