import * as assert from 'assert';
import { analyse } from '../../../server/src/core/analysis';
import { parseFile } from '../../../server/src/core/model/parse-file';
import { skimDocument, stripCrdSchemas } from '../../../server/src/core/model/skim-document';
import { splitDocuments } from '../../../server/src/core/model/split-documents';
import { textOverBudget, DEFAULT_TEXT_BUDGET } from '../../../server/src/core/model/text-budget';
import { createWorkspaceModel } from '../../../server/src/core/workspace';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';
import { describeGrowth, growthRatio, repeated, LINEAR_GROWTH_LIMIT } from '../../helpers/growth';

/**
 * No manifest can stall the model: every pattern that reads a document's text meets adversarial text
 * (comment runs, blank runs, long blank lines, markers, quotes, backslashes), and doubling the text at
 * most about doubles the time. Ratios in one run, never absolute times.
 */
const LIMIT = LINEAR_GROWTH_LIMIT;

const LICENCE_LINE = '# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except';
const licence = (lines: number) => `${Array.from({ length: lines }, () => LICENCE_LINE).join('\n')}\n`;

/** What a document's text can be made of, to the point of absurdity. */
const UNITS = [
  '#\n', '\n', ' \n', '   ', '# a\n\n', '- ', '---\n', '...\n', '"', '\\', '{', '[',
  'kind: Role # x\n', '  - openAPIV3Schema:   \n', '%YAML 1.2\n', 'a: b\n',
];

function expectLinear(what: string, make: (size: number) => string, work: (text: string) => unknown, max = 1_000_000): void {
  // Long enough runs that the collector's pauses, which this work causes, fall on both sizes alike.
  const growth = growthRatio(make, work, { limit: LIMIT, max, minMs: 20 });
  assert.ok(growth.ratio <= LIMIT, `${what}: ${describeGrowth(growth)}`);
}

describe('model time grows linearly with the text', function () {
  this.timeout(180_000);

  it('reads a licence header of 13 and of 30 comment lines at once, as empty', () => {
    // Before, the 13-line header took minutes and 30 lines never finished.
    for (const lines of [13, 30]) {
      const file = parseFile('/w/Chart.yaml', `${licence(lines)}apiVersion: v2\nname: chart\n`);
      assert.deepStrictEqual(file.documents.map((d) => d.skipped), ['not-kubernetes']);
      const header = parseFile('/w/values.yaml', licence(lines));
      assert.deepStrictEqual(header.documents.map((d) => d.skipped), ['empty']);
    }
  });

  it('licence headers of growing length', () => {
    expectLinear('licence header', (size) => `${repeated(`${LICENCE_LINE}\n`, size)}apiVersion: v2\nname: chart\n`, (text) => parseFile('/w/Chart.yaml', text));
  });

  for (const unit of UNITS) {
    it(`a document of ${JSON.stringify(unit)} repeated`, () => {
      const make = (size: number) => repeated(unit, size);
      expectLinear(`parseFile ${JSON.stringify(unit)}`, make, (text) => parseFile('/w/x.yaml', text));
      expectLinear(`skim ${JSON.stringify(unit)}`, make, (text) => [skimDocument(text), stripCrdSchemas(text), splitDocuments(text)]);
    });
  }

  it('the same after a CRD heading, whose schema is stripped before parsing', () => {
    const crd = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: x\nspec:\n  versions:\n  - name: v1\n    schema:\n      openAPIV3Schema:\n';
    for (const unit of ['        type: object\n', `${' '.repeat(200)}\n`, '      openAPIV3Schema:\n']) {
      expectLinear(`CRD ${JSON.stringify(unit)}`, (size) => crd + repeated(unit, size), (text) => parseFile('/w/crd.yaml', text));
    }
  });

  it('the budget check of a file with one very long line', () => {
    expectLinear('budget', (size) => repeated('x', size), (text) => textOverBudget(text, DEFAULT_TEXT_BUDGET), 4_000_000);
  });

  it('100,000 tiny documents in one file, identical or not, read and checked in linear time and bounded memory', () => {
    // One in 25 is a ServiceAccount (some of them the same one again); the rest are skimmed ConfigMaps.
    const tiny = (i: number) => (i % 25 === 0
      ? `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-${i % 175 === 0 ? 'same' : i}\n  namespace: shop\n---\n`
      : `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c-${i}\n---\n`);
    const documents = (count: number) => Array.from({ length: count }, (_, i) => tiny(i)).join('');
    const check = (text: string) => {
      const model = createWorkspaceModel();
      model.setFile('/w/many.yaml', text);
      return analyse(model, DEFAULT_SETTINGS).findings.length;
    };
    // Sizes in characters, about 55 per document.
    expectLinear('tiny documents', (size) => documents(Math.round(size / 55)), check, 700_000);
    const before = process.memoryUsage().heapUsed;
    const model = createWorkspaceModel();
    model.setFile('/w/many.yaml', documents(100_000));
    const findings = analyse(model, DEFAULT_SETTINGS).findings;
    const perDocument = (process.memoryUsage().heapUsed - before) / 100_000;
    assert.ok(model.allFiles()[0].documents.length >= 100_000);
    // Each copy of the repeated ServiceAccount is reported, listing only a few of the others.
    assert.ok(findings.filter((f) => f.code === 'RBAC021').length >= 100);
    assert.ok(findings.every((f) => (f.related?.length ?? 0) <= 5));
    assert.ok(perDocument < 20_000, `${Math.round(perDocument)} bytes of heap per document`);
  });
});
