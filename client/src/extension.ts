import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerAccessCommands } from './access-commands';
import { registerClusterCommands } from './cluster-commands';
import { ClusterDiff } from './cluster-diff';
import { ClusterSession } from './cluster-session';
import { createClusterStatusBar } from './cluster-status-bar';
import { registerFixForbidden } from './fix-forbidden';
import { languageClientChannel } from './log-channel';
import { createWorkspaceStatusBar } from './workspace-status-bar';
import { watchYamlSyntaxReporters, yamlSyntaxReporters } from './yaml-syntax-reporters';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Kubernetes RBAC', { log: true });
  context.subscriptions.push(output);
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      // Chart templates and helpers: editors that know Helm give them the helm language.
      { scheme: 'file', language: 'helm' },
      // A chart's .helmignore decides which templates Helm loads: unsaved edits count too.
      { scheme: 'file', pattern: '**/.helmignore' },
      { language: 'kubernetes-log' },
    ],
    outputChannel: languageClientChannel(output),
    // Hovers link to the settings they name ("set rbacDoctor.helm.releaseName…"): that command only.
    markdown: { isTrusted: { enabledCommands: ['workbench.action.openSettings'] } },
    synchronize: { configurationSection: ['rbacDoctor', 'files.exclude'] },
    // With `rbacDoctor.syntaxErrors: auto`, YAML syntax errors are left to an extension that reports them.
    initializationOptions: yamlSyntaxReporters(),
  };
  client = new LanguageClient('rbacDoctor', 'Kubernetes RBAC', serverOptions, clientOptions);
  const started = Date.now();
  await client.start();
  output.info(`language server ready in ${Date.now() - started} ms`);

  // The cluster is reached only when the user connects (cluster-commands.ts).
  const session = new ClusterSession(client);
  const diff = new ClusterDiff();
  context.subscriptions.push(session, diff, createClusterStatusBar(session), createWorkspaceStatusBar(client), watchYamlSyntaxReporters(client));
  registerClusterCommands(context, client, session);
  registerFixForbidden(context, client, session, diff);
  registerAccessCommands(context, client);
  context.subscriptions.push(
    vscode.commands.registerCommand('rbacDoctor.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('rbacDoctor.restartServer', () => client?.restart()),
    // Code lenses from the server carry protocol types; the built-in references view wants VS Code's.
    vscode.commands.registerCommand('rbacDoctor.showReferences', (uri: string, position: { line: number; character: number }, locations: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[]) => {
      const c = client!.protocol2CodeConverter;
      return vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(uri), c.asPosition(position), locations.map((l) => c.asLocation(l)));
    }),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
