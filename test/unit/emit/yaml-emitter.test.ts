import * as assert from 'assert';
import { parse, parseAllDocuments } from 'yaml';
import { shellQuote } from '../../../server/src/core/emit/shell-quote';
import { emitData } from '../../../server/src/core/emit/yaml-data';
import { commentLine, emitDocuments, emitSeqItems, plain } from '../../../server/src/core/emit/yaml-document';
import { hasLoneSurrogate, isSafePlain, printable, quoted, scalar } from '../../../server/src/core/emit/yaml-scalar';

const HOSTILE = ['\u0085---\nkind: ClusterRoleBinding', 'a\u2028b\u2029c', '"quoted" \\ back', "it's", '# not a comment', '|', '>-', '!!null', '&a *a', '{a: b}', '[x]',
  'yes', 'no', 'on', 'off', '1:30', '0x1F', '112233445566778899001', '1.10', '~', 'null', '', ' lead', 'trail ', 'tab\there', '\u0000\u0007\u001b[31m\u007f',
  'ünïcödé', '日本', '😀', 'key: value', '- item', '? q', '%TAG', '@at', '`tick`', 'a\r\nb'];

describe('emitter: double-quoted scalars every YAML version reads alike', () => {
  for (const value of HOSTILE) {
    it(`${JSON.stringify(value)} round-trips through the yaml library, as printable ASCII`, () => {
      const text = quoted(value);
      assert.match(text, /^"[\x20-\x7e]*"$/);
      assert.strictEqual(parse(`v: ${text}\n`).v, value);
    });
  }
  it('escapes the YAML 1.1 line breaks by code', () => {
    assert.strictEqual(quoted('a\u0085b\u2028c\u2029d'), '"a\\x85b\\u2028c\\u2029d"');
  });
  it('writes astral characters as \\U escapes and a lone surrogate as the replacement character', () => {
    assert.strictEqual(quoted('😀'), '"\\U0001F600"');
    assert.strictEqual(quoted('a\ud800'), '"a\\uFFFD"');
    assert.ok(hasLoneSurrogate('a\ud800') && !hasLoneSurrogate('😀'));
  });
  it('leaves plain only what YAML 1.1 and 1.2 both read as the same string', () => {
    for (const ok of ['get', 'apps', 'networking.k8s.io', 'pods/log', 'Role']) assert.ok(isSafePlain(ok), ok);
    for (const bad of ['yes', 'No', 'ON', 'off', 'y', 'true', 'null', '1:30', '123', '', 'a b', 'a:b', '-a', '*']) assert.ok(!isSafePlain(bad), bad);
    assert.strictEqual(scalar('view'), 'view');
    assert.strictEqual(scalar('system:auth-delegator'), '"system:auth-delegator"');
  });
  it('refuses an unsafe constant: a plain scalar is for the code\'s own words', () => {
    assert.throws(() => plain('yes'));
    assert.throws(() => plain('a: b'));
  });
});

describe('emitter: documents, sequence items and comments', () => {
  it('writes maps, flow lists and block sequences; strings always quoted', () => {
    const text = emitDocuments([
      { comments: ['head'], body: { kind: plain('Role'), metadata: { name: 'n', namespace: undefined }, rules: [{ apiGroups: [''], verbs: ['get'] }], subjects: [] } },
      { body: { kind: plain('RoleBinding') } },
    ]);
    assert.strictEqual(text, '# head\nkind: Role\nmetadata:\n  name: "n"\nrules:\n- apiGroups: [""]\n  verbs: ["get"]\nsubjects: []\n---\nkind: RoleBinding\n');
    assert.deepStrictEqual(parseAllDocuments(text).map((d) => d.toJS()), [
      { kind: 'Role', metadata: { name: 'n' }, rules: [{ apiGroups: [''], verbs: ['get'] }], subjects: [] }, { kind: 'RoleBinding' }]);
  });
  it('indents sequence items for insertion into a user\'s list', () => {
    assert.strictEqual(emitSeqItems([{ a: 'x', b: ['y'] }], '  '), '  - a: "x"\n    b: ["y"]');
  });
  it('a comment line cannot be ended by outside text', () => {
    assert.strictEqual(commentLine('a\nb\u0085c\u2028'), '# a\\nb\\x85c\\u2028');
    assert.strictEqual(printable('\u001b[2J'), '\\x1B[2J');
  });
});

describe('emitter: shell arguments in the verify line', () => {
  it('leaves ordinary arguments alone', () => {
    assert.strictEqual(shellQuote('system:serviceaccount:shop:web'), 'system:serviceaccount:shop:web');
  });
  it('single-quotes printable ASCII, escaping quotes', () => {
    assert.strictEqual(shellQuote("o'brien $(rm -rf /)"), `'o'\\''brien $(rm -rf /)'`);
  });
  it('uses $\'…\' with escapes for everything else, staying printable ASCII', () => {
    assert.strictEqual(shellQuote('a\u0085b\nc'), "$'a\\x85b\\x0ac'");
    assert.match(shellQuote('\u2028😀'), /^\$'[\x20-\x7e]*'$/);
  });
});

describe('emitter: any data (the manifest of an edited document)', () => {
  it('round-trips maps, lists, numbers, booleans, null and hostile strings and keys, as printable ASCII', () => {
    const data = {
      apiVersion: 'v1', kind: 'Role', metadata: { name: 'yes', labels: { 'app.kubernetes.io/name': '1:30', 'a b': '\u0085x', '123': 'on' }, annotations: {} },
      rules: [{ apiGroups: [''], verbs: ['get', '\u2028'] }, { nested: [[1, 2], [], { x: null }] }], replicas: 3, ok: true, ratio: 0.5, empty: [],
    };
    const text = emitData(data);
    assert.match(text, /^[\x20-\x7e\n]*$/);
    assert.deepStrictEqual(parse(text), data);
  });
});
