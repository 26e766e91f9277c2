import * as assert from 'assert';
import { renderNodes, type EvalEnv } from '../../../server/src/core/helm/template/evaluate';
import { parseTemplate } from '../../../server/src/core/helm/template/parse-template';
import { UNKNOWN, type Value } from '../../../server/src/core/helm/template/template-values';

const ROOT: Value = { Capabilities: { KubeVersion: { Version: 'v1.32.0' } }, Values: { tag: 'v3.2.0-rc.1' } };

function compare(constraint: string, version = '.Capabilities.KubeVersion.Version'): Value {
  const template = parseTemplate(`{{ semverCompare ${JSON.stringify(constraint)} ${version} }}`);
  const env: EvalEnv = { defines: new Map(), steps: 10_000, depth: 5 };
  return renderNodes(env, template.nodes, template.text, ROOT);
}

describe('semverCompare constraints (Masterminds/semver) against v1.32.0', () => {
  const known: [string, string][] = [
    ['>=1.21-0', 'true'], ['>= 1.21-0', 'true'], ['<1.25.0', 'false'],
    ['>=1.19-0 <1.33-0', 'true'], ['>=1.19-0, <1.30-0', 'false'],
    ['<1.20 || >=1.30', 'true'], ['<1.20 || >=1.40', 'false'],
    ['^1.30.0', 'true'], ['^2.0.0', 'false'], ['~1.32.0', 'true'], ['~1.31.0', 'false'],
  ];
  for (const [constraint, expected] of known) it(`${constraint} → ${expected}`, () => assert.strictEqual(compare(constraint), expected));

  const unknown: [string, string][] = [
    ['1.32.x', 'wildcards'], ['1.30 - 1.33', 'hyphen ranges'], ['>1.31', 'a partial version the library widens'],
    ['=1.32', 'a partial version the library widens'], ['^1.30', 'caret of a partial version'],
  ];
  for (const [constraint, why] of unknown) it(`${constraint} is unknown: ${why}`, () => assert.strictEqual(compare(constraint), UNKNOWN));

  it('a pre-release version is unknown (the library excludes it unless the constraint names one)', () => {
    assert.strictEqual(compare('>=3.0.0', '.Values.tag'), UNKNOWN);
  });
});
