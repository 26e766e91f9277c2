import * as assert from 'assert';
import { parseDocument } from 'yaml';
import { analyse } from '../../../server/src/core/analysis';
import { hoverAt } from '../../../server/src/core/explain/hover';
import { chartReports } from '../../../server/src/core/helm/chart/chart-report';
import { readValues } from '../../../server/src/core/helm/chart/lazy-values';
import { fromPlain, mergeValues, type Value } from '../../../server/src/core/helm/template/template-values';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';
import { describeGrowth, growthRatio, LINEAR_GROWTH_LIMIT } from '../../helpers/growth';
import { lineOf } from '../../helpers/text-position';
import { CHART, chartFiles, chartModel } from './chart-harness';

/** The file as the YAML parser reads it whole (empty when it does not parse). */
function whole(text: string): Value {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  return doc.errors.length ? {} : fromPlain(doc.toJS({ maxAliasCount: 100 }));
}

/** Every entry forced (JSON reads them all). */
const forced = (value: Value) => JSON.parse(JSON.stringify(value)) as unknown;

const ROLE = `{{- if .Values.rbac.create }}
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ .Values.names.role }}
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get"]
{{- end }}
`;

const VALUES = `# Values for the app.
image:
  repository: example/app   # the image
  tag: "1.2.3"
resources: {}
names:
  role: app-reader
rbac:
  create: true
`;

describe('chart values read section by section', () => {
  it('reads a value from a later section without parsing the sections before it, and reads as the whole file would', () => {
    const reading = readValues(VALUES, '/c/values.yaml');
    const values = reading.value as { [key: string]: Value };
    assert.strictEqual((values.names as { [key: string]: Value }).role, 'app-reader');
    assert.deepStrictEqual(forced(values), forced(whole(VALUES)));
    assert.strictEqual(reading.validate?.(), undefined);
  });

  it('a chart reads its templates with values from any section', () => {
    const model = chartModel(chartFiles({ 'role.yaml': ROLE }, VALUES));
    assert.deepStrictEqual(model.index.roles.map((r) => r.name), ['app-reader']);
  });

  it('an alias to an anchor in another section is read through the whole file', () => {
    const text = 'defaults: &defaults\n  name: shared\n  verbs: [get]\nrbac:\n  rules: *defaults\n';
    const values = readValues(text, 'v.yaml').value as { [key: string]: { [key: string]: Value } };
    assert.deepStrictEqual(forced(values.rbac.rules), { name: 'shared', verbs: ['get'] });
    assert.deepStrictEqual(forced(values), forced(whole(text)));
    assert.strictEqual(readValues(text, 'v.yaml').validate?.(), undefined);
    // An alias to no anchor is a problem of the file, never a crash.
    const dangling = readValues('a:\n  b: *nowhere\n', 'v.yaml');
    assert.deepStrictEqual(forced(dangling.value), { a: { b: null } });
    assert.match(dangling.validate?.() ?? '', /^v\.yaml: /);
  });

  it('a syntax error in a section no template reads is still reported, with the whole file\'s message', () => {
    const broken = `${VALUES}unused:\n  list: [unclosed\n`;
    const model = chartModel(chartFiles({ 'role.yaml': ROLE }, broken));
    assert.deepStrictEqual(model.index.roles.map((r) => r.name), ['app-reader']);
    const problems = chartReports(model).flatMap((r) => r.problems.filter((p) => p.what === 'values'));
    const message = parseDocument(broken, { prettyErrors: false }).errors[0].message;
    assert.deepStrictEqual(problems.map((p) => p.reason), [`${CHART}/values.yaml: ${message}`]);
  });

  it('a syntax error in a section that is read leaves that value absent and is reported', () => {
    const broken = VALUES.replace('  role: app-reader', '  role: "app-reader');
    const model = chartModel(chartFiles({ 'role.yaml': ROLE }, broken));
    assert.strictEqual(model.index.roles.length, 0);
    assert.strictEqual(chartReports(model).flatMap((r) => r.problems.filter((p) => p.what === 'values')).length, 1);
  });

  it('files the outline cannot vouch for are read whole, as before', () => {
    const texts = [
      '---\na: 1\nb: [1, 2]\n',
      '{a: 1, b: 2}\n',
      '- a\n- b\n',
      'a:\n\tb: 1\n',
      'a: 1\na: 2\n',
      '"quoted key": 1\nb: 2\n',
      '%YAML 1.2\n---\na: 1\n',
    ];
    for (const text of texts) {
      const reading = readValues(text, 'v.yaml');
      assert.deepStrictEqual(forced(reading.value), forced(whole(text)), text);
      const problem = reading.validate ? reading.validate() : reading.problem;
      assert.strictEqual(problem !== undefined, parseDocument(text, { uniqueKeys: false }).errors.length > 0, text);
    }
  });

  it('reads nested maps, lists at the key\'s indentation, block scalars and trailing comments as the parser does', () => {
    const text = [
      'a:',
      '  b:',
      '    c: 1',
      '    d: [x, y]',
      '  # about e',
      '  e:',
      '  - one',
      '  - two',
      'script: |+',
      '  echo hi',
      '  # still the script',
      '',
      '# about keep',
      'keep: >-',
      '  folded',
      '  text',
      'empty:',
      'commented: # nothing here',
      'anchored: &x',
      '  k: v',
      'alias: *x',
      'crlf: value\r',
      '',
    ].join('\n');
    assert.deepStrictEqual(forced(readValues(text, 'v.yaml').value), forced(whole(text)));
  });

  it('one-line entries read without the parser give what the parser gives', () => {
    const scalars = [
      '', '~', 'null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'FALSE', 'yes', 'no', 'on', 'off', 'y',
      '0', '7', '-7', '-0', '007', '+7', '1e3', '0x1F', '0o17', '1.5', '.5', '.inf', '-.Inf', '.nan', '123456789012345678',
      '{}', '[]', '""', "''", '"a b"', "'a b'", '"a\\"b"', "'it''s'", '"#x"', 'a #c', 'a#c', 'a  b', 'a b',
      'quay.io/jetstack/cert-manager', 'v1.2.3', 'user@example.com', 'http://x.y', 'a: b', '- a', '[a]', '{a: 1}',
      '&anchor v', '!!str 1', '|', '>', '"unclosed', 'Infinity', 'NaN', 'a\tb', '@x', '`x`', '%x',
    ];
    for (const scalar of scalars) {
      const text = `key: ${scalar}\nnext: 1\n`;
      const reading = readValues(text, 'v.yaml');
      const broken = parseDocument(text, { uniqueKeys: false }).errors.length > 0;
      // A file that does not parse is reported; what was read of it is not compared.
      if (!broken) assert.deepStrictEqual(forced(reading.value), forced(whole(text)), text);
      assert.strictEqual(reading.validate?.() !== undefined, broken, text);
    }
  });

  it('merging values files keeps entries unread until used, and later files win', () => {
    const base = readValues('a:\n  x: 1\n  y: 2\nb: 1\n', 'values.yaml').value;
    const extra = readValues('a:\n  y: 3\nc: [1]\n', 'prod.yaml').value;
    assert.deepStrictEqual(forced(mergeValues(mergeValues({}, base), extra)), { a: { x: 1, y: 3 }, b: 1, c: [1] });
  });

  it('a hover still names the values line a value comes from', () => {
    const binding = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: {{ .Values.names.role }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: x
subjects:
  - kind: ServiceAccount
    name: x
`;
    const model = chartModel(chartFiles({ 'rolebinding.yaml': binding }, VALUES));
    const context = analyse(model, DEFAULT_SETTINGS).context;
    const file = model.getFile(`${CHART}/templates/rolebinding.yaml`)!;
    const line = lineOf(binding, '.Values.names.role');
    const hover = hoverAt(context, file, { line, character: binding.split('\n')[line].indexOf('.Values') })!;
    assert.match(hover.markdown, new RegExp(`\`.Values.names.role\` from \`chart/values.yaml\` line ${lineOf(VALUES, 'role:') + 1}`));
  });

  it('reading grows linearly with the file, whether one section or every one is read', function () {
    this.timeout(120_000);
    const make = (size: number) => {
      const parts: string[] = [];
      for (let i = 0, length = 0; length < size; i++) {
        parts.push(`# section ${i}\nsection${i}:\n  nested:\n    name: value-${i}\n    list:\n    - a\n  flag: true\n`);
        length += parts[i].length;
      }
      return parts.join('');
    };
    for (const [what, work] of [
      ['one value', (text: string) => ((readValues(text, 'v.yaml').value as { [key: string]: { [key: string]: Value } }).section0.nested)],
      ['every value', (text: string) => JSON.stringify(readValues(text, 'v.yaml').value)],
      ['validation', (text: string) => readValues(text, 'v.yaml').validate?.()],
    ] as const) {
      const growth = growthRatio(make, work, { limit: LINEAR_GROWTH_LIMIT, max: 2_000_000, minMs: 20 });
      assert.ok(growth.ratio <= LINEAR_GROWTH_LIMIT, `${what}: ${describeGrowth(growth)}`);
    }
    const deep = (size: number) => {
      const depth = Math.floor(Math.sqrt(size) / 2);
      return Array.from({ length: depth }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n') + `\n${' '.repeat(depth * 2)}leaf: 1\n`;
    };
    const down = (text: string) => {
      let value = readValues(text, 'v.yaml').value;
      for (let i = 0; value && typeof value === 'object' && !Array.isArray(value); i++) value = (value as { [key: string]: Value })[`k${i}`] ?? (value as { [key: string]: Value }).leaf;
      return value;
    };
    const growth = growthRatio(deep, down, { limit: LINEAR_GROWTH_LIMIT, max: 2_000_000, minMs: 20 });
    assert.ok(growth.ratio <= LINEAR_GROWTH_LIMIT, `deep nesting: ${describeGrowth(growth)}`);
  });
});
