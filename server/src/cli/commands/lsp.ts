import { UsageError } from '../parse-args';

/** `rbac-doctor lsp --stdio`: the language server for any LSP client (Neovim, Helix, Emacs…). */
export function runLsp(argv: string[]): undefined {
  if (!argv.includes('--stdio')) throw new UsageError('lsp: only --stdio is supported (rbac-doctor lsp --stdio)');
  // vscode-languageserver picks the transport from argv.
  if (!process.argv.includes('--stdio')) process.argv.push('--stdio');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('../../main');
  return undefined;
}
