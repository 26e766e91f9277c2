import * as assert from 'assert';
import { denialKey } from '../../../server/src/core/forbidden/denial-key';
import { notRbac, subjectOf, type Denial } from '../../../server/src/core/forbidden/types';
import { LogReader } from '../../../server/src/core/logs/log-reader';

function denial(fields: Partial<Denial>): Denial {
  return {
    rbac: true, kind: 'rbac', subject: subjectOf('system:serviceaccount:shop:web'), verb: 'get', apiGroup: '', resource: 'pods',
    subresource: null, resourceName: null, namespace: 'shop', scope: 'namespaced', nonResourceURL: null, ...fields,
  };
}

describe('a whole log keeps each distinct denial once', () => {
  it('denials that differ in any field, or only in how their texts split, have different keys', () => {
    const variants = [
      denial({}), denial({ verb: 'list' }), denial({ apiGroup: 'apps' }), denial({ resource: 'pod' }), denial({ subresource: 'log' }),
      denial({ resourceName: 'a' }), denial({ resourceName: '' }), denial({ namespace: null, scope: 'cluster' }),
      denial({ subject: subjectOf('system:serviceaccount:shop:web', ['g']) }), denial({ subject: subjectOf('web') }),
      // Texts whose concatenation is the same must still differ.
      denial({ resource: 'pods1:x', subresource: null }), denial({ resource: 'pods', subresource: '1:x' }),
      denial({ resourceName: '1:-', namespace: null }), denial({ resourceName: null, namespace: '1:-' }),
      denial({ rbac: false }), notRbac('quota', 'a'), notRbac('quota', 'b'),
    ];
    const keys = variants.map((d) => denialKey(d));
    // Look-alikes differing only in their explanation are one denial.
    assert.strictEqual(new Set(keys).size, variants.length - 1);
    assert.strictEqual(denialKey(notRbac('quota', 'a')), denialKey(notRbac('quota', 'b')));
    assert.strictEqual(denialKey(denial({ resourceName: 'x' }), true), denialKey(denial({})));
  });

  it('a log repeating denials among many distinct ones gives each once, in order of first appearance, with the same fields', () => {
    const line = (i: number) => `E1129 1 x.go:1] pods "p${i}" is forbidden: User "system:serviceaccount:ns-${i % 7}:app" cannot get resource "pods" in API group "" in the namespace "ns-${i % 7}"\n`;
    const reader = new LogReader();
    for (let round = 0; round < 3; round++) for (let i = 0; i < 500; i++) reader.push(line(i));
    const { denials } = reader.end();
    assert.deepStrictEqual(denials.map((d) => d.resourceName), Array.from({ length: 500 }, (_, i) => `p${i}`));
    assert.deepStrictEqual(denials[3], denial({ subject: subjectOf('system:serviceaccount:ns-3:app'), resourceName: 'p3', namespace: 'ns-3' }));
  });
});
