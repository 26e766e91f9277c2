import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { join } from 'path';
import { CLI, REPO, rbacDoctor } from '../helpers/run-cli';

const ESC = '\u001b[';
const shop = join(REPO, 'examples/shop');

/** Runs the CLI on a pseudo-terminal, as a user's shell does: `script` (util-linux) gives it a real TTY. */
function onTerminal(args: string[], env: NodeJS.ProcessEnv = {}): string {
  const quote = (text: string) => `'${text.split("'").join(`'\\''`)}'`;
  const command = [process.execPath, CLI, ...args].map(quote).join(' ');
  const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: shop, env: { ...process.env, TERM: 'xterm-256color', NO_COLOR: '', ...env }, encoding: 'utf8' });
  assert.ifError(result.error);
  return result.stdout;
}

describe('colour', () => {
  it('on a terminal: severities, verdicts and table headers in colour', () => {
    const check = onTerminal(['check']);
    assert.ok(check.includes(`${ESC}31merror${ESC}39m`), JSON.stringify(check.slice(0, 200)));
    assert.ok(check.includes(`${ESC}33mwarning${ESC}39m`));
    assert.ok(onTerminal(['can-i', 'delete', 'pods', '-n', 'shop', '--as', 'nobody']).startsWith(`${ESC}31mno${ESC}39m`));
    assert.ok(onTerminal(['who-can', 'get', 'pods', '-n', 'shop']).startsWith(`${ESC}1mKIND `));
  });

  it('forbidden: the patch to the bound role as a coloured diff on a terminal, plain into a pipe', () => {
    const denial = 'pods "web-1" is forbidden: User "system:serviceaccount:shop:deployer" cannot get resource "pods/log" in API group "" in the namespace "shop"';
    const coloured = onTerminal(['forbidden', denial]);
    assert.ok(coloured.includes(`${ESC}1m--- a/deployer-rbac.yaml${ESC}22m`), JSON.stringify(coloured.slice(0, 300)));
    assert.match(coloured, new RegExp(`\\u001b\\[32m\\+ {4}resources: \\["pods/log"\\]\\u001b\\[39m`));
    const piped = rbacDoctor(['forbidden', denial], { cwd: shop });
    assert.match(piped.stdout, /^--- a\/deployer-rbac\.yaml\n/);
    assert.ok(!piped.stdout.includes(ESC));
  });

  it('never with --no-color, a non-empty NO_COLOR, or TERM=dumb, even on a terminal', () => {
    for (const [args, env] of [
      [['check', '--no-color'], {}],
      [['--no-color', 'check'], {}],
      [['check'], { NO_COLOR: '1' }],
      [['check'], { TERM: 'dumb' }],
    ] as [string[], NodeJS.ProcessEnv][]) {
      const output = onTerminal(args, env);
      assert.match(output, /error RBAC002 /, `${args.join(' ')} ${JSON.stringify(env)}`);
      assert.ok(!output.includes(ESC), `${args.join(' ')} ${JSON.stringify(env)}`);
    }
  });

  it('never into a pipe', () => {
    const result = rbacDoctor(['check'], { cwd: shop });
    assert.match(result.stdout, /error RBAC002 /);
    assert.ok(!result.stdout.includes(ESC));
  });
});
