import { parseArgs, UsageError } from '../parse-args';
import type { CommandSpec } from '../help';

export const LSP_COMMAND: CommandSpec = {
  name: 'lsp',
  summary: 'The language server, for any LSP editor (Neovim, Helix, Emacs…)',
  usage: 'lsp --stdio',
  description: `Run the language server that the VS Code extension runs, speaking LSP over standard input and
output: diagnostics, hovers, quick-fixes and code lenses for every Kubernetes YAML file of the workspace.`,
  flags: [{ name: 'stdio', value: false, help: 'Speak LSP over standard input and output (the only transport).' }],
  examples: [["What an editor starts (Neovim: vim.lsp.start({ name = 'rbac-doctor', cmd = { 'rbac-doctor', 'lsp', '--stdio' } }))", 'rbac-doctor lsp --stdio']],
  exitCodes: '0 when the editor ends the session, 2 bad usage.',
};

/** `rbac-doctor lsp --stdio`: the language server for any LSP client (Neovim, Helix, Emacs…). */
export function runLsp(argv: string[]): undefined {
  if (!parseArgs(argv, LSP_COMMAND.flags).flags.has('stdio')) throw new UsageError('lsp: only --stdio is supported (rbac-doctor lsp --stdio)');
  // vscode-languageserver picks the transport from argv.
  if (!process.argv.includes('--stdio')) process.argv.push('--stdio');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('../../main');
  return undefined;
}
