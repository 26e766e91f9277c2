import { CAN_I_COMMAND, runCanI } from './commands/can-i';
import { CHECK_COMMAND, runCheck } from './commands/check';
import { FORBIDDEN_COMMAND, runForbidden } from './commands/forbidden';
import { LSP_COMMAND, runLsp } from './commands/lsp';
import { runWhoCan, WHO_CAN_COMMAND } from './commands/who-can';
import { formatCommandHelp, formatOverview, type CommandSpec } from './help';
import { println, type CliIo } from './io';
import { InputError, UsageError, VERSION } from './errors';
import { palette, wantsColour } from './colour';

/** The commands in the order help lists them; each one's flags are exactly those its parser accepts. */
export const COMMANDS: CommandSpec[] = [CHECK_COMMAND, CAN_I_COMMAND, WHO_CAN_COMMAND, FORBIDDEN_COMMAND, LSP_COMMAND];

/** Runs one CLI invocation; resolves to the exit code (undefined while a server keeps running). */
export async function runCli(argv: string[], io: CliIo): Promise<number | undefined> {
  const { args, noColor } = takeNoColorFlag(argv);
  io = { ...io, colour: palette(wantsColour(io.stdout, io.env ?? {}, noColor)) };
  const [command, ...rest] = args;
  const spec = COMMANDS.find((c) => c.name === command);
  if (spec && wantsHelp(rest)) {
    println(io.stdout, formatCommandHelp(spec));
    return 0;
  }
  try {
    switch (command) {
      case 'check':
        return await runCheck(rest, io);
      case 'can-i':
        return await runCanI(rest, io);
      case 'who-can':
        return await runWhoCan(rest, io);
      case 'forbidden':
        return await runForbidden(rest, io);
      case 'lsp':
        return runLsp(rest);
      case '--version':
      case 'version':
        println(io.stdout, VERSION);
        return 0;
      case 'help':
        return help(rest, io);
      case undefined:
      case '-h':
      case '--help':
        println(command === undefined ? io.stderr : io.stdout, formatOverview(COMMANDS));
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}" (try: ${COMMANDS.map((c) => c.name).join(', ')}, help)`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      println(io.stderr, `rbac-doctor: ${error.message}`);
      return 2;
    }
    // Raised by the cluster module, which is bundled apart: recognised by name, not by class.
    if (error instanceof Error && error.name === 'ClusterError') {
      println(io.stderr, `rbac-doctor: ${error.message}`);
      return 4;
    }
    throw error;
  }
}

/** `rbac-doctor help [COMMAND]`, as kubectl's. */
function help(args: string[], io: CliIo): number {
  if (args.length === 0) {
    println(io.stdout, formatOverview(COMMANDS));
    return 0;
  }
  const spec = COMMANDS.find((c) => c.name === args[0]);
  if (!spec) throw new UsageError(`help: unknown command "${args[0]}" (try: ${COMMANDS.map((c) => c.name).join(', ')})`);
  println(io.stdout, formatCommandHelp(spec));
  return 0;
}

/** `-h` or `--help` anywhere before a `--`, as kubectl takes it. */
function wantsHelp(args: string[]): boolean {
  const end = args.includes('--') ? args.indexOf('--') : args.length;
  return args.slice(0, end).some((arg) => arg === '--help' || arg === '-h');
}

/** `--no-color` is accepted by every command, anywhere before a `--`. */
function takeNoColorFlag(argv: string[]): { args: string[]; noColor: boolean } {
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const flags = argv.slice(0, end);
  return { args: [...flags.filter((arg) => arg !== '--no-color'), ...argv.slice(end)], noColor: flags.includes('--no-color') };
}
