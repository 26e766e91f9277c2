import * as assert from 'assert';
import { globMatches, globSyntaxError } from '../../../server/src/core/helm/chart/glob-match';
import { ignoredByHelm, ignoresEntry, parseHelmIgnore } from '../../../server/src/core/helm/chart/helm-ignore';
import { describeGrowth, growthRatio, LINEAR_GROWTH_LIMIT, repeated } from '../../helpers/growth';

const rulesOf = (text: string) => parseHelmIgnore(text).rules;

/** Folders of the fixture tree Helm's own table runs against (`cargo/`, `mast/`, the chart's `.`). */
const FOLDERS = new Set(['cargo', 'cargo/', 'mast', 'mast/', '.', './']);

describe('.helmignore rules, as Helm reads them', () => {
  it('parses one rule per line: blank lines and `#` lines skipped, spaces trimmed, no inline comments', () => {
    const parsed = parseHelmIgnore('#ignore\n\n\t#ignore\nfoo\nbar/*\nbaz/bar/foo.txt\r\n\n  one/more  \nfoo* # Any foo\n');
    assert.deepStrictEqual(parsed.rules.map((r) => r.raw), ['foo', 'bar/*', 'baz/bar/foo.txt', 'one/more', 'foo* # Any foo']);
    assert.deepStrictEqual(parsed.problems, []);
  });

  it('refuses `**` and malformed globs (Helm then refuses the chart), keeping the other lines', () => {
    const parsed = parseHelmIgnore('foo/**/bar\n[z-\n*.md\nbad\\\n');
    assert.deepStrictEqual(parsed.rules.map((r) => r.raw), ['*.md']);
    assert.deepStrictEqual(parsed.problems.map((p) => p.line), [0, 1, 3]);
    assert.match(parsed.problems[0].message, /double-star \(\*\*\) syntax is not supported/);
  });

  // The table of Helm's own rules tests (pkg/ignore, TestIgnore): pattern, path, ignored.
  const HELM_TABLE: [string, string, boolean][] = [
    ['helm.txt', 'helm.txt', true],
    ['helm.*', 'helm.txt', true],
    ['helm.*', 'rudder.txt', false],
    ['*.txt', 'tiller.txt', true],
    ['*.txt', 'cargo/a.txt', true],
    ['cargo/*.txt', 'cargo/a.txt', true],
    ['cargo/*.*', 'cargo/a.txt', true],
    ['cargo/*.txt', 'mast/a.txt', false],
    ['ru[c-e]?er.txt', 'rudder.txt', true],
    ['templates/.?*', 'templates/.dotfile', true],
    // The chart's own folder is never ignored.
    ['.*', '.', false],
    ['.*', './', false],
    ['.*', '.joonix', true],
    ['.*', 'helm.txt', false],
    ['.*', '', false],
    // A trailing `/` matches folders only.
    ['cargo/', 'cargo', true],
    ['cargo/', 'cargo/', true],
    ['cargo/', 'mast/', false],
    ['helm.txt/', 'helm.txt', false],
    // A negation ignores what it does not match.
    ['!helm.txt', 'helm.txt', false],
    ['!helm.txt', 'tiller.txt', true],
    ['!*.txt', 'cargo', true],
    ['!cargo/', 'mast/', true],
    // A leading `/` anchors at the chart's folder.
    ['/a.txt', 'a.txt', true],
    ['/a.txt', 'cargo/a.txt', false],
    ['/cargo/a.txt', 'cargo/a.txt', true],
  ];
  for (const [pattern, path, expected] of HELM_TABLE) {
    it(`${pattern} ${expected ? 'ignores' : 'keeps'} ${JSON.stringify(path)}`, () => {
      assert.strictEqual(ignoresEntry(rulesOf(pattern), path, FOLDERS.has(path)), expected);
    });
  }

  it('takes the first rule that decides: a negation never brings back a file an earlier rule left out', () => {
    assert.strictEqual(ignoresEntry(rulesOf('helm.txt\n!helm.txt'), 'helm.txt', false), true);
    // A matching negation only passes the path on to the next rule.
    assert.strictEqual(ignoresEntry(rulesOf('!helm.txt\nhelm.txt'), 'helm.txt', false), true);
    assert.strictEqual(ignoresEntry(rulesOf('!*.txt\n*.md'), 'helm.txt', false), false);
    // gitignore's "everything but README.md" leaves out Chart.yaml for Helm (helm/helm#8688).
    assert.strictEqual(ignoredByHelm(parseHelmIgnore('*.md\n!README.md\n'), 'Chart.yaml'), true);
  });

  it('a file is left out when a folder above it is (Helm never walks into it), and templates/.?* always', () => {
    const ignore = parseHelmIgnore('drafts/\n');
    assert.strictEqual(ignoredByHelm(ignore, 'templates/drafts/role.yaml'), true);
    assert.strictEqual(ignoredByHelm(ignore, 'templates/role.yaml'), false);
    assert.strictEqual(ignoredByHelm(parseHelmIgnore('templates/*.yaml'), 'templates/sub/role.yaml'), false, '`*` does not cross a /');
    assert.strictEqual(ignoredByHelm(undefined, 'templates/.draft.yaml'), true);
    assert.strictEqual(ignoredByHelm(undefined, 'templates/sub/.draft.yaml'), false);
    assert.strictEqual(ignoredByHelm(undefined, 'templates/role.yaml'), false);
  });
});

describe('Go glob matching (filepath.Match)', () => {
  const CASES: [string, string, boolean][] = [
    ['abc', 'abc', true],
    ['*', 'abc', true],
    ['*c', 'abc', true],
    ['a*', 'a', true],
    ['a*/b', 'abc/b', true],
    ['a*/b', 'a/c/b', false],
    ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
    ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
    ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
    ['a*b?c*x', 'abxbbxdbxebxczzx', true],
    ['a*b?c*x', 'abxbbxdbxebxczzy', false],
    ['ab[c]', 'abc', true],
    ['ab[b-d]', 'abc', true],
    ['ab[e-g]', 'abc', false],
    ['ab[^c]', 'abc', false],
    ['ab[^b-d]', 'abe', true],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'ab', false],
    ['a?b', 'a/b', false],
    ['a*b', 'a/b', false],
    ['[\\]a]', ']', true],
    ['[x\\-]', '-', true],
    ['*x', 'xxx', true],
    ['[a-ζ]*', 'α', true],
    ['a[^a]b', 'a/b', true],
  ];
  for (const [pattern, name, expected] of CASES) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${name}`, () => assert.strictEqual(globMatches(pattern, name), expected));
  }

  it('says why Go refuses a pattern', () => {
    // A class is never empty and never starts with `]` or `-`; `\\` must escape something.
    for (const bad of ['[', '[^', '[^bc', 'a[', '[]]', '[^]]', '[]a]', '[-]', '[x-]', '[a-b-c]', 'a\\', '[\\']) assert.ok(globSyntaxError(bad), bad);
    for (const good of ['a[!]b', 'ru[c-e]?er.txt', '\\*', '[\\]]', '[z-a]']) assert.strictEqual(globSyntaxError(good), undefined, good);
  });

  it('grows linearly with the path, whatever the stars of the pattern', function () {
    this.timeout(60_000);
    const pattern = '*a*a*a*a*a*a*a*a*b';
    const growth = growthRatio((size) => repeated('a', size), (path) => globMatches(pattern, path), { limit: LINEAR_GROWTH_LIMIT, start: 1_000, max: 400_000, minMs: 10 });
    assert.ok(growth.ratio <= LINEAR_GROWTH_LIMIT, describeGrowth(growth));
  });

  it('grows linearly with the pattern on a path of fixed length', function () {
    this.timeout(60_000);
    const path = repeated('a', 64);
    const growth = growthRatio((size) => `${repeated('*a', size)}b`, (pattern) => globMatches(pattern, path), { limit: LINEAR_GROWTH_LIMIT, start: 1_000, max: 400_000, minMs: 10 });
    assert.ok(growth.ratio <= LINEAR_GROWTH_LIMIT, describeGrowth(growth));
  });
});
