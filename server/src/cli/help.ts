import type { FlagSpec } from './parse-args';

/** A command as its help shows it; its flags are the very list its parser accepts. */
export interface CommandSpec {
  name: string;
  /** One line, for the list of commands. */
  summary: string;
  /** The synopsis after `rbac-doctor`, e.g. `check [PATH...] [flags]`. */
  usage: string;
  /** A few lines: what the command reads and answers. */
  description: string;
  flags: FlagSpec[];
  /** Pairs of a comment and a command line, as kubectl's help shows them. */
  examples: [string, string][];
  /** What its exit codes mean for this command. */
  exitCodes: string;
}

/** Accepted by every command (taken before a command's own parser runs). */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'help', short: 'h', value: false, help: 'Show this help and exit 0.' },
  { name: 'no-color', value: false, help: 'No colour in the output (also: a non-empty NO_COLOR). Colour is used on a terminal only.' },
];

/** `rbac-doctor COMMAND --help`: description, usage, examples, every flag with its meaning, exit codes. */
export function formatCommandHelp(command: CommandSpec): string {
  const lines = [command.description, '', 'Examples:'];
  for (const [comment, line] of command.examples) lines.push(`  # ${comment}`, `  ${line}`, '');
  lines.push('Options:');
  for (const spec of [...command.flags, ...GLOBAL_FLAGS]) lines.push(...formatFlag(spec));
  lines.push('', `Exit codes: ${command.exitCodes}`, '', 'Usage:', `  rbac-doctor ${command.usage}`);
  return lines.join('\n');
}

function formatFlag(spec: FlagSpec): string[] {
  const names = `${spec.short ? `-${spec.short}, ` : '    '}--${spec.name}${spec.value ? ` ${spec.arg ?? 'VALUE'}` : ''}`;
  const notes = [spec.repeatable ? 'May be repeated.' : '', spec.example ? `Example: ${spec.example}` : ''].filter(Boolean).join(' ');
  return [`  ${names}`, `        ${spec.help}${notes ? ` ${notes}` : ''}`];
}

/** `rbac-doctor --help`: the commands, one line each. */
export function formatOverview(commands: CommandSpec[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'rbac-doctor — Kubernetes RBAC, the way the API server sees it',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Examples:',
    '  rbac-doctor check deploy/ --format sarif > rbac.sarif',
    '  rbac-doctor can-i list pods -n shop --as system:serviceaccount:shop:web --explain',
    '  rbac-doctor who-can delete pods -n shop',
    '  kubectl logs deploy/checkout | rbac-doctor forbidden -',
    '',
    'Usage:',
    '  rbac-doctor COMMAND [flags]',
    '',
    'Use "rbac-doctor help COMMAND" or "rbac-doctor COMMAND --help" for every flag of a command.',
    '',
    EXIT_CODES,
  ].join('\n');
}

export const EXIT_CODES = `Exit codes (every command and format):
  0  check: no error-level finding; can-i: yes; who-can, forbidden: answered
  1  check: an error-level finding remains; can-i: no
  2  bad usage, a path that does not exist or cannot be read, or nothing to check at all
  3  forbidden: no RBAC denial in the input, or every denial refused
  4  the cluster could not be reached or refused us (only with --context, --kubeconfig, --cluster)
  5  can-i: unknown (no from what is known, but a chart rule, role or binding not decided or not read whole might grant it)`;
