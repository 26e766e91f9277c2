import * as assert from 'node:assert';
import { breakdownRule, compactRules, covers, uncoveredRules } from '../../../server/src/core/rbac/covers';
import { compactString, goQuote } from '../../../server/src/core/rbac/go-format';
import type { PolicyRule } from '../../../server/src/core/rbac/types';
import { rule, urlRule } from './policy-builders';

interface Row {
  fact: string;
  owner: PolicyRule[];
  servant: PolicyRule[];
  /** Missing rules after compaction, as CompactString lines. */
  missing: string[];
}

// "Covers" semantics of RBAC-SEMANTICS 1.6 (policy_comparator.go), one row per consequence.
const rows: Row[] = [
  { fact: 'identical rule is covered', owner: [rule(['get'], [''], ['pods'])], servant: [rule(['get'], [''], ['pods'])], missing: [] },
  { fact: 'a missing verb is reported', owner: [rule(['get'], [''], ['pods'])], servant: [rule(['get', 'delete'], [''], ['pods'])], missing: ['{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}'] },
  { fact: 'atoms may be covered by different owner rules', owner: [rule(['get'], [''], ['pods']), rule(['list'], [''], ['pods'])], servant: [rule(['get', 'list'], [''], ['pods'])], missing: [] },
  { fact: 'owner verb * covers any verb', owner: [rule(['*'], [''], ['pods'])], servant: [rule(['escalate', 'get'], [''], ['pods'])], missing: [] },
  { fact: 'servant verb * is only covered by *', owner: [rule(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'], [''], ['pods'])], servant: [rule(['*'], [''], ['pods'])], missing: ['{APIGroups:[""], Resources:["pods"], Verbs:["*"]}'] },
  { fact: 'owner group * covers any group', owner: [rule(['get'], ['*'], ['deployments'])], servant: [rule(['get'], ['apps', 'extensions'], ['deployments'])], missing: [] },
  { fact: 'servant group * is only covered by *', owner: [rule(['get'], ['', 'apps'], ['*'])], servant: [rule(['get'], ['*'], ['deployments'])], missing: ['{APIGroups:["*"], Resources:["deployments"], Verbs:["get"]}'] },
  { fact: 'owner resource * covers resources and subresources', owner: [rule(['get'], [''], ['*'])], servant: [rule(['get'], [''], ['pods', 'pods/log'])], missing: [] },
  { fact: 'servant resource * is only covered by *', owner: [rule(['get'], [''], ['pods', 'services'])], servant: [rule(['get'], [''], ['*'])], missing: ['{APIGroups:[""], Resources:["*"], Verbs:["get"]}'] },
  { fact: 'pods does not cover pods/log', owner: [rule(['get'], [''], ['pods'])], servant: [rule(['get'], [''], ['pods/log'])], missing: ['{APIGroups:[""], Resources:["pods/log"], Verbs:["get"]}'] },
  { fact: '*/scale covers deployments/scale', owner: [rule(['update'], ['apps'], ['*/scale'])], servant: [rule(['update'], ['apps'], ['deployments/scale', 'statefulsets/scale'])], missing: [] },
  { fact: '*/scale does not cover deployments', owner: [rule(['get'], ['apps'], ['*/scale'])], servant: [rule(['get'], ['apps'], ['deployments'])], missing: ['{APIGroups:["apps"], Resources:["deployments"], Verbs:["get"]}'] },
  { fact: 'owner without names covers named atoms', owner: [rule(['get'], [''], ['configmaps'])], servant: [rule(['get'], [''], ['configmaps'], ['a', 'b'])], missing: [] },
  { fact: 'owner with names covers atoms naming one of them', owner: [rule(['get'], [''], ['configmaps'], ['a', 'b'])], servant: [rule(['get'], [''], ['configmaps'], ['b'])], missing: [] },
  {
    fact: 'owner with names does not cover other names (one line per name)',
    owner: [rule(['get'], [''], ['configmaps'], ['a'])],
    servant: [rule(['get', 'update'], [''], ['configmaps'], ['a', 'c'])],
    missing: ['{APIGroups:[""], Resources:["configmaps"], ResourceNames:["a"], Verbs:["update"]}', '{APIGroups:[""], Resources:["configmaps"], ResourceNames:["c"], Verbs:["get" "update"]}'],
  },
  { fact: 'a name-restricted grant never covers an unrestricted one', owner: [rule(['get'], [''], ['configmaps'], ['a'])], servant: [rule(['get'], [''], ['configmaps'])], missing: ['{APIGroups:[""], Resources:["configmaps"], Verbs:["get"]}'] },
  { fact: 'non-resource URL exact', owner: [urlRule(['get'], ['/healthz'])], servant: [urlRule(['get'], ['/healthz'])], missing: [] },
  { fact: 'non-resource URL prefix* covers longer paths', owner: [urlRule(['get'], ['/apis/*'])], servant: [urlRule(['get'], ['/apis/apps', '/apis/*'])], missing: [] },
  { fact: 'non-resource URL * covers all', owner: [urlRule(['*'], ['*'])], servant: [urlRule(['get', 'post'], ['/metrics', '*'])], missing: [] },
  { fact: 'non-resource URL servant * only covered by an owner ending in *', owner: [urlRule(['get'], ['/metrics'])], servant: [urlRule(['get'], ['*'])], missing: ['{NonResourceURLs:["*"], Verbs:["get"]}'] },
  { fact: 'non-resource atoms stay one verb per line', owner: [], servant: [urlRule(['get', 'post'], ['/metrics'])], missing: ['{NonResourceURLs:["/metrics"], Verbs:["get"]}', '{NonResourceURLs:["/metrics"], Verbs:["post"]}'] },
  { fact: 'a resource owner rule does not cover paths', owner: [rule(['*'], ['*'], ['*'])], servant: [urlRule(['get'], ['/metrics'])], missing: ['{NonResourceURLs:["/metrics"], Verbs:["get"]}'] },
  { fact: 'a path owner rule does not cover resources', owner: [urlRule(['*'], ['*'])], servant: [rule(['get'], [''], ['pods'])], missing: ['{APIGroups:[""], Resources:["pods"], Verbs:["get"]}'] },
  {
    fact: 'missing atoms are compacted per group/resource',
    owner: [],
    servant: [rule(['get', 'list'], ['', 'apps'], ['pods', 'deployments'])],
    missing: [
      '{APIGroups:[""], Resources:["deployments"], Verbs:["get" "list"]}',
      '{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}',
      '{APIGroups:["apps"], Resources:["deployments"], Verbs:["get" "list"]}',
      '{APIGroups:["apps"], Resources:["pods"], Verbs:["get" "list"]}',
    ],
  },
  { fact: 'a servant rule without verbs, groups or resources has no atoms', owner: [], servant: [rule([], [''], ['pods']), rule(['get'], [], ['pods'])], missing: [] },
];

describe('covers (privilege-escalation check)', () => {
  for (const row of rows) {
    it(row.fact, () => {
      const lines = uncoveredRules(row.owner, row.servant).map(compactString).sort();
      assert.deepStrictEqual(lines, row.missing);
      assert.strictEqual(covers(row.owner, row.servant).covers, row.missing.length === 0);
    });
  }
});

describe('breakdown and compaction', () => {
  it('breaks a rule into group × resource × verb × name atoms, then URL × verb', () => {
    const atoms = breakdownRule({ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'], resourceNames: ['a'], nonResourceURLs: ['/x'] });
    assert.deepStrictEqual(atoms.map(compactString), [
      '{APIGroups:[""], Resources:["pods"], ResourceNames:["a"], Verbs:["get"]}',
      '{APIGroups:[""], Resources:["pods"], ResourceNames:["a"], Verbs:["list"]}',
      '{NonResourceURLs:["/x"], Verbs:["get"]}',
      '{NonResourceURLs:["/x"], Verbs:["list"]}',
    ]);
  });
  it('keeps complex rules first and merges simple ones in first-seen order', () => {
    const compacted = compactRules([rule(['get'], ['apps'], ['deployments']), urlRule(['get'], ['/x']), rule(['list'], ['apps'], ['deployments']), rule(['get'], ['', 'apps'], ['pods'])]);
    assert.deepStrictEqual(compacted.map(compactString), ['{NonResourceURLs:["/x"], Verbs:["get"]}', '{APIGroups:["" "apps"], Resources:["pods"], Verbs:["get"]}', '{APIGroups:["apps"], Resources:["deployments"], Verbs:["get" "list"]}']);
  });
  it('does not modify its input', () => {
    const input = [rule(['get'], [''], ['pods']), rule(['list'], [''], ['pods'])];
    compactRules(input);
    assert.deepStrictEqual(input[0].verbs, ['get']);
  });
});

describe('Go quoting', () => {
  const rows: [string, string][] = [
    ['plain', '"plain"'],
    ['a"b', '"a\\"b"'],
    ['back\\slash', '"back\\\\slash"'],
    ['new\nline', '"new\\nline"'],
    ['\x01', '"\\x01"'],
    ['système', '"système"'],
  ];
  for (const [input, expected] of rows) it(`quotes ${JSON.stringify(input)}`, () => assert.strictEqual(goQuote(input), expected));
});
