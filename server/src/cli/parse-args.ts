/** kubectl-style flags: `-n ns`, `--namespace ns`, `--namespace=ns`, repeated flags, `--` ends flags. */

export interface FlagSpec {
  /** Long name without dashes, e.g. `namespace`. */
  name: string;
  short?: string;
  /** Takes a value. */
  value: boolean;
  repeatable?: boolean;
  /** The value's placeholder in help, e.g. `NS`. */
  arg?: string;
  /** One line of meaning, for help: every flag a command accepts is in its help. */
  help: string;
  /** An example, for help, e.g. `-n shop`. */
  example?: string;
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string[]>;
}

export class UsageError extends Error {}

export function parseArgs(argv: string[], specs: FlagSpec[]): ParsedArgs {
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-') || /^-\d/.test(arg)) {
      positional.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const [rawName, inline] = splitInline(arg.slice(long ? 2 : 1));
    const spec = long ? byLong.get(rawName) : byShort.get(rawName);
    if (!spec) throw new UsageError(`unknown flag: ${arg}`);
    let value = 'true';
    if (spec.value) {
      if (inline !== undefined) value = inline;
      else if (i + 1 < argv.length) value = argv[++i];
      else throw new UsageError(`flag needs an argument: ${arg}`);
    } else if (inline !== undefined) {
      value = inline;
    }
    const values = flags.get(spec.name) ?? [];
    if (values.length > 0 && !spec.repeatable && spec.value) throw new UsageError(`flag given twice: --${spec.name}`);
    values.push(value);
    flags.set(spec.name, values);
  }
  return { positional, flags };
}

function splitInline(text: string): [string, string | undefined] {
  const eq = text.indexOf('=');
  return eq === -1 ? [text, undefined] : [text.slice(0, eq), text.slice(eq + 1)];
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  const values = args.flags.get(name);
  return values ? values[values.length - 1] : undefined;
}

export function flagList(args: ParsedArgs, name: string): string[] {
  return (args.flags.get(name) ?? []).flatMap((v) => v.split(',')).filter((v) => v !== '');
}

export function boolFlag(args: ParsedArgs, name: string): boolean {
  const value = flag(args, name);
  return value !== undefined && value !== 'false';
}
