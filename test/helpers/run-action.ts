import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';

/**
 * Runs a composite GitHub Action's steps the way a runner does, as far as they are shell: `run` steps
 * in bash (`bash --noprofile --norc -eo pipefail`, GitHub's default), `${{ }}` expressions of the
 * contexts the action uses, `if:` with `always()`, `==`, `!=` and `&&`, and step outputs through
 * $GITHUB_OUTPUT. `uses` steps are recorded with their evaluated `with:` for the test to act out.
 */
export interface StepRun {
  name: string;
  uses?: string;
  with?: Record<string, string>;
  ran: boolean;
  code?: number;
  stderr?: string;
}

export interface ActionRun {
  steps: StepRun[];
  failed: boolean;
  outputs: Record<string, Record<string, string>>;
}

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string | number>;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface Action {
  inputs?: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
}

export function readAction(file: string): Action {
  return parse(readFileSync(file, 'utf8')) as Action;
}

export function runCompositeAction(file: string, options: { actionPath: string; workspace: string; inputs?: Record<string, string>; env?: NodeJS.ProcessEnv }): ActionRun {
  const action = readAction(file);
  const inputs = Object.fromEntries(Object.entries(action.inputs ?? {}).map(([name, spec]) => [name, options.inputs?.[name] ?? String(spec.default ?? '')]));
  const temp = mkdtempSync(join(tmpdir(), 'rbac-doctor-runner-'));
  const outputs: Record<string, Record<string, string>> = {};
  const lookup = (path: string): string => {
    const [context, ...rest] = path.split('.');
    if (context === 'inputs') return inputs[rest.join('.')] ?? '';
    if (path === 'github.action_path') return options.actionPath;
    if (path === 'github.workspace') return options.workspace;
    if (path === 'runner.temp') return temp;
    if (context === 'steps' && rest[1] === 'outputs') return outputs[rest[0]]?.[rest.slice(2).join('.')] ?? '';
    throw new Error(`expression context not supported by this runner: ${path}`);
  };
  const interpolate = (text: string) => text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, path: string) => lookup(path));
  const condition = (expression: string | undefined, failed: boolean): boolean => {
    const body = (expression ?? '').replace(/^\$\{\{\s*/, '').replace(/\s*\}\}$/, '');
    const terms = body === '' ? [] : body.split('&&').map((t) => t.trim());
    if (failed && !terms.includes('always()')) return false;
    return terms.every((term) => {
      if (term === 'always()') return true;
      const match = /^([\w.-]+)\s*(==|!=)\s*'([^']*)'$/.exec(term);
      if (!match) throw new Error(`condition not supported by this runner: ${term}`);
      return (lookup(match[1]) === match[3]) === (match[2] === '==');
    });
  };

  const run: ActionRun = { steps: [], failed: false, outputs };
  for (const step of action.runs.steps) {
    const name = step.name ?? step.uses ?? step.run ?? '';
    if (!condition(step.if, run.failed)) {
      run.steps.push({ name, uses: step.uses, ran: false });
      continue;
    }
    if (step.uses) {
      const withInputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(String(v))]));
      run.steps.push({ name, uses: step.uses, with: withInputs, ran: true });
      continue;
    }
    if (step.shell !== 'bash') throw new Error(`step "${name}": composite run steps need shell: bash`);
    const script = join(temp, `step-${run.steps.length}.sh`);
    const outputFile = join(temp, `output-${run.steps.length}`);
    writeFileSync(script, interpolate(step.run ?? ''));
    writeFileSync(outputFile, '');
    const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, GITHUB_OUTPUT: outputFile, GITHUB_ACTION_PATH: options.actionPath, GITHUB_WORKSPACE: options.workspace, RUNNER_TEMP: temp };
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = interpolate(value);
    const cwd = step['working-directory'] ? interpolate(step['working-directory']) : options.workspace;
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8' });
    if (step.id) {
      outputs[step.id] = Object.fromEntries(readFileSync(outputFile, 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    }
    run.steps.push({ name, ran: true, code: result.status ?? -1, stderr: result.stderr });
    if (result.status !== 0) run.failed = true;
  }
  return run;
}
