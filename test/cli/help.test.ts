import * as assert from 'assert';
import { rbacDoctor } from '../helpers/run-cli';
import { COMMANDS } from '../../server/src/cli/run-cli';
import { GLOBAL_FLAGS } from '../../server/src/cli/help';

/** The flags a help text lists, as `--name` (and `-x` when it has a short form), each with its line of meaning. */
function listedFlags(help: string): Map<string, { short?: string; meaning: string }> {
  const lines = help.split('\n');
  const flags = new Map<string, { short?: string; meaning: string }>();
  lines.forEach((line, i) => {
    const match = /^ {2}(?:-(\w), )? *--([\w-]+)/.exec(line);
    if (match) flags.set(match[2], { short: match[1], meaning: lines[i + 1]?.trim() ?? '' });
  });
  return flags;
}

describe('help, as kubectl gives it', () => {
  for (const command of COMMANDS) {
    describe(command.name, () => {
      const { code, stdout, stderr } = rbacDoctor([command.name, '--help']);

      it(`${command.name} --help, -h and help ${command.name} print the same help on stdout, exit 0`, () => {
        assert.strictEqual(code, 0, stderr);
        assert.strictEqual(stderr, '');
        assert.strictEqual(rbacDoctor([command.name, '-h']).stdout, stdout);
        assert.strictEqual(rbacDoctor(['help', command.name]).stdout, stdout);
        assert.match(stdout, new RegExp(`^Usage:\\n  rbac-doctor ${command.name} `, 'm'));
        assert.match(stdout, /^Examples:\n {2}# .+\n {2}.*rbac-doctor /m, 'at least one example, with its comment');
        assert.match(stdout, /^Exit codes: 0 /m);
      });

      it('lists every flag the parser accepts, each with a line of meaning, and no other', () => {
        const listed = listedFlags(stdout);
        for (const spec of [...command.flags, ...GLOBAL_FLAGS]) {
          const entry = listed.get(spec.name);
          assert.ok(entry, `--${spec.name} is missing from ${command.name}'s help`);
          assert.strictEqual(entry.short, spec.short, `--${spec.name}'s short form`);
          assert.ok(entry.meaning.length > 15 && !entry.meaning.startsWith('-'), `--${spec.name} has a line of meaning`);
        }
        // What the help lists, the parser accepts: given every listed flag (long forms, then short
        // ones), the parser stops at the one flag that is not listed, and at no other.
        const accepted = [...listed].filter(([name]) => name !== 'help');
        for (const forms of [accepted.map(([name]) => `--${name}`), accepted.flatMap(([, { short }]) => (short ? [`-${short}`] : []))]) {
          const result = rbacDoctor([command.name, ...forms.flatMap((form) => [form, 'x']), '--no-such-flag-here']);
          assert.match(result.stderr, /unknown flag: --no-such-flag-here$/m, `${command.name} ${forms.join(' ')}: ${result.stderr}`);
        }
        assert.strictEqual(listed.size, command.flags.length + GLOBAL_FLAGS.length);
      });
    });
  }

  it('a flag nobody accepts is refused, naming it, with exit 2', () => {
    const result = rbacDoctor(['check', '--no-such-flag']);
    assert.strictEqual(result.code, 2);
    assert.match(result.stderr, /unknown flag: --no-such-flag/);
  });

  it('rbac-doctor --help and help list every command; without a command: the same on stderr, exit 2', () => {
    const overview = rbacDoctor(['--help']);
    assert.strictEqual(overview.code, 0);
    assert.strictEqual(rbacDoctor(['help']).stdout, overview.stdout);
    for (const command of COMMANDS) assert.match(overview.stdout, new RegExp(`^ {2}${command.name} +\\S`, 'm'));
    const bare = rbacDoctor([]);
    assert.strictEqual(bare.code, 2);
    assert.strictEqual(bare.stderr, overview.stdout);
    const unknown = rbacDoctor(['help', 'nope']);
    assert.strictEqual(unknown.code, 2);
    assert.match(unknown.stderr, /help: unknown command "nope"/);
  });

  it('--min-severity takes exactly the severities the docs give (error, warning, information)', () => {
    const result = rbacDoctor(['check', 'examples/shop', '--min-severity', 'bogus']);
    assert.strictEqual(result.code, 2);
    assert.match(result.stderr, /--min-severity must be one of error, warning, information$/m);
    assert.strictEqual(rbacDoctor(['check', 'examples/shop', '--min-severity', 'hint']).code, 2);
    assert.match(rbacDoctor(['check', '--help']).stdout, /Lowest severity reported: error, warning, information \(default information\)/);
  });
});
