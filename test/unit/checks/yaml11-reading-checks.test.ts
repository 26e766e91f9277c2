import * as assert from 'assert';
import { readdirSync } from 'fs';
import { join } from 'path';
import { analyse } from '../../../server/src/core/analysis';
import { rbac025 } from '../../../server/src/core/checks/rules/rbac025-yaml-versions-differ';
import { yaml11Breaks } from '../../../server/src/core/yaml11/line-breaks';
import { yaml11Reading } from '../../../server/src/core/yaml11/plain-scalars';
import { tabsInIndentation } from '../../../server/src/core/yaml11/tab-indentation';
import { loadWorkspace } from '../../../server/src/node/load-workspace';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';
import { assertFixClears, compact, run } from '../../helpers/check-harness';
import { describeGrowth, growthRatio, repeated, LINEAR_GROWTH_LIMIT } from '../../helpers/growth';

const role = (rules: string, extra = '') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\n  namespace: shop\n${extra}rules:\n${rules}`;
const NEL = '\u0085';
const PAYLOAD = `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: mallory-pods-list\nrules:\n- apiGroups: ["${NEL}aggregationRule:${NEL} {clusterRoleSelectors: [{matchLabels: {kubernetes.io/bootstrapping: rbac-defaults}}]}${NEL}#"]\n  resources: ["pods"]\n  verbs: ["list"]\n`;

describe('RBAC025 kubectl reads the YAML differently from the editor', () => {
  it('fires on the NEL payload, saying what kubectl reads', () => {
    const found = run(rbac025, { '/w/fix.yaml': PAYLOAD });
    assert.deepStrictEqual(compact(found).map((f) => [f.code, f.line, f.severity]), [['RBAC025', 5, 'error'], ['RBAC025', 5, 'error'], ['RBAC025', 5, 'error']]);
    assert.match(found[0].message, /U\+0085 \(NEL\) as a line break.*starting "aggregationRule:"/);
  });
  it('fires on U+2028 and U+2029 anywhere, comments and non-RBAC documents included', () => {
    const text = `# note\u2028---\u2028kind: ClusterRoleBinding\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "x\u2029y"\n`;
    assert.deepStrictEqual(run(rbac025, { '/w/c.yaml': text }).map((f) => f.message.split(' as a line break')[0]), [
      "kubectl's YAML reader (YAML 1.1) takes U+2028 (LINE SEPARATOR)",
      "kubectl's YAML reader (YAML 1.1) takes U+2028 (LINE SEPARATOR)",
      "kubectl's YAML reader (YAML 1.1) takes U+2029 (PARAGRAPH SEPARATOR)",
    ]);
  });
  it('fires on verbs: [yes] and other YAML 1.1 booleans and numbers in RBAC objects', () => {
    const text = role('- apiGroups: [""]\n  resources: [pods]\n  verbs: [yes, get, n]\n', '  labels:\n    tier: on\n    size: 1_000\n');
    const found = run(rbac025, { '/w/r.yaml': text });
    assert.deepStrictEqual(found.map((f) => f.message.split(' not the')[0]), [
      "kubectl's YAML reader (YAML 1.1) read on as the boolean true,",
      "kubectl's YAML reader (YAML 1.1) read 1_000 as the number 1000,",
      "kubectl's YAML reader (YAML 1.1) read yes as the boolean true,",
      "kubectl's YAML reader (YAML 1.1) read n as the boolean false,",
    ]);
  });
  it('says that only other YAML 1.1 tools read a sexagesimal number', () => {
    assert.match(run(rbac025, { '/w/r.yaml': role('- apiGroups: [""]\n  resources: [pods]\n  resourceNames: [1:30]\n  verbs: [get]\n') })[0].message, /PyYAML.*kubectl keeps the string.*the number 90/);
  });
  it('fires on a tab between the indentation or "- " and the content', () => {
    const text = role('- apiGroups: [""]\n  resources:\n  - \tpods\n  verbs: [get]\n');
    assert.deepStrictEqual(compact(run(rbac025, { '/w/r.yaml': text })).map((f) => f.line), [8]);
  });
  it('is silent on quoted values, tabs inside scalars and flow lists, true/false, and templates', () => {
    const quiet = role('- apiGroups: [""]\n  resources: [pods,\tsecrets]\n  verbs: ["yes", \'on\', get]\n', '  annotations:\n    note: |\n      a\n      \tb\n    flag: "true"\n');
    assert.deepStrictEqual(run(rbac025, { '/w/r.yaml': quiet }), []);
    assert.deepStrictEqual(run(rbac025, { '/w/t.yaml': `kind: Role\nmetadata:\n  name: {{ .Values.name }}\n# ${NEL}\n` }), []);
    assert.deepStrictEqual(run(rbac025, { '/w/kustomization.yaml': '', '/w/r.yaml': role('', '  labels:\n') }), []);
  });
  it('is silent on every real manifest of the fixtures', () => {
    const corpus = join(__dirname, '../../../../test/fixtures/corpus');
    for (const dir of readdirSync(corpus).filter((d) => !d.includes('.'))) {
      assert.deepStrictEqual(analyse(loadWorkspace([join(corpus, dir)]), DEFAULT_SETTINGS).findings.filter((f) => f.code === 'RBAC025'), [], dir);
    }
  });
  it('fixes: the line break becomes a space, the value is quoted, the tab a space', () => {
    assertFixClears(rbac025, { '/w/fix.yaml': PAYLOAD });
    assertFixClears(rbac025, { '/w/r.yaml': role('- apiGroups: [""]\n  resources: [pods]\n  verbs: [yes]\n') });
    const after = assertFixClears(rbac025, { '/w/r.yaml': role('- apiGroups: [""]\n  resources: [pods]\n  verbs:\n  - \tget\n') });
    assert.ok(after['/w/r.yaml'].includes('  -  get\n'));
  });
  it('reads plain scalars as YAML 1.1 does, in linear time, without nested quantifiers', () => {
    assert.deepStrictEqual(['Yes', 'OFF', 'yEs', '0b101', '-1_0', '190:20:30', '1:60', '_', '1e3', 'true'].map((s) => yaml11Reading(s)?.reads), [
      'the boolean true', 'the boolean false', undefined, 'the number 5', 'the number -10', 'the number 685230', undefined, undefined, undefined, undefined]);
  });
  // The check's own scans, timed apart from YAML parsing (the library's time is not the check's).
  const scans: [string, string, (text: string) => unknown][] = [
    ['tabs before content', '  - \tget\n', (t) => tabsInIndentation(t, 0, t.length, () => false)],
    ['tabs inside a scalar', '\t\t\n      ', (t) => tabsInIndentation(t, 0, t.length, () => true)],
    ['dashes and spaces', '- - - \t', (t) => tabsInIndentation(t, 0, t.length, () => false)],
    ['NEL runs', '\u0085', (t) => yaml11Breaks(t, 0, t.length, 20)],
    ['text without NEL', 'abc def\n', (t) => yaml11Breaks(t, 0, t.length, 20)],
    ['many documents in one file, each scanned alone', '---\na: b\n', (t) => {
      for (let start = 0; start < t.length; start += 9) yaml11Breaks(t, start, Math.min(start + 9, t.length), 20);
    }],
    ['sexagesimal parts', ':1', (t) => yaml11Reading(`1${t}`)],
    ['underscored digits', '1_', (t) => yaml11Reading(t)],
  ];
  for (const [name, unit, scan] of scans) {
    it(`grows linearly: ${name}`, () => {
      const growth = growthRatio((size) => repeated(unit, size), scan, { start: 4_000, max: 1_000_000, minMs: 25, attempts: 5 });
      assert.ok(growth.ratio <= LINEAR_GROWTH_LIMIT, describeGrowth(growth));
    });
  }
});
