import { runCanI } from './commands/can-i';
import { runCheck } from './commands/check';
import { runForbidden } from './commands/forbidden';
import { runLsp } from './commands/lsp';
import { runWhoCan } from './commands/who-can';
import { println, type CliIo } from './io';
import { InputError, UsageError, VERSION } from './errors';
import { palette, wantsColour } from './colour';

const USAGE = `rbac-doctor — Kubernetes RBAC, the way the API server sees it

Usage:
  rbac-doctor check [PATH...] [--format text|json|sarif] [--min-severity error|warning|information] [--max-file-size MB]
  rbac-doctor can-i VERB (TYPE[.GROUP][/NAME] | /non/resource/url) [-n NS | -A] [--subresource SUB]
                    [--as USER] [--as-group GROUP]... [-f PATH]... [--no-builtin-roles] [--explain] [--list [--no-headers]]
  rbac-doctor who-can VERB TYPE[.GROUP][/NAME] [-n NS] [-f PATH]...
  rbac-doctor forbidden [TEXT | @FILE | -] [--json] [--progress] [-f PATH]...
  rbac-doctor lsp --stdio

can-i, who-can and forbidden read the manifests of -f; without -f, those of the current directory.

Cluster (optional; check, can-i, who-can, forbidden): --context NAME, --kubeconfig PATH, --cluster NAME, as kubectl.
  Without them nothing talks to a cluster. With them, the cluster's RBAC and API types are read (plus the
  manifests of -f, and no others), can-i answers with the cluster's access review, and forbidden checks
  whether the denial still holds.

Exit codes: 0 ok / allowed, 1 findings at error level / denied, 2 bad usage or unreadable input,
3 the pasted message is not an RBAC denial, 4 the cluster could not be reached or refused us.

Colour on a terminal only; --no-color or a non-empty NO_COLOR turns it off.`;

/** Runs one CLI invocation; resolves to the exit code (undefined while a server keeps running). */
export async function runCli(argv: string[], io: CliIo): Promise<number | undefined> {
  const { args, noColor } = takeNoColorFlag(argv);
  io = { ...io, colour: palette(wantsColour(io.stdout, io.env ?? {}, noColor)) };
  const [command, ...rest] = args;
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
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        println(command === undefined ? io.stderr : io.stdout, USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}" (try: check, can-i, who-can, forbidden, lsp)`);
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

/** `--no-color` is accepted by every command, anywhere before a `--`. */
function takeNoColorFlag(argv: string[]): { args: string[]; noColor: boolean } {
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const flags = argv.slice(0, end);
  return { args: [...flags.filter((arg) => arg !== '--no-color'), ...argv.slice(end)], noColor: flags.includes('--no-color') };
}
