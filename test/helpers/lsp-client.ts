import { spawn, type ChildProcess } from 'child_process';
import { PassThrough } from 'stream';
import { pathToFileURL } from 'url';
import {
  createProtocolConnection, InitializeRequest, PublishDiagnosticsNotification, StreamMessageReader,
  StreamMessageWriter, type Diagnostic, type ProtocolConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { createConnection } from 'vscode-languageserver/node';
import { createServer } from '../../server/src/server';

/** A real LSP client talking to the real server, in memory or over stdio. */
export class TestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Everything the server logged (window/logMessage), in order. */
  readonly logs: string[] = [];
  /** What the server registered dynamically (file watchers, …), in order. */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  /** How often the server asked the editor to re-request code lenses. */
  codeLensRefreshes = 0;
  private waiters: (() => void)[] = [];

  constructor(readonly connection: ProtocolConnection, readonly child?: ChildProcess) {
    connection.onNotification(PublishDiagnosticsNotification.type, (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.wake();
    });
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => this.configuration[item.section ?? ''] ?? null),
    );
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.wake();
    });
    connection.onRequest('client/registerCapability', (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    connection.onRequest('workspace/codeLens/refresh', () => {
      this.codeLensRefreshes++;
      this.wake();
      return null;
    });
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
  }

  configuration: Record<string, unknown> = { rbacDoctor: {}, 'files.exclude': {} };

  async initialize(root: string, initializationOptions?: unknown): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: null,
      initializationOptions,
      rootUri: pathToFileURL(root).toString(),
      workspaceFolders: [{ uri: pathToFileURL(root).toString(), name: 'fixture' }],
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, codeLens: { refreshSupport: true } },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { relatedInformation: true } },
      },
    });
    await this.connection.sendNotification('initialized', {});
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }

  /** Resolves when `predicate` holds for a file's diagnostics; rejects after `timeoutMs`. */
  async waitForDiagnostics(path: string, predicate: (d: Diagnostic[]) => boolean, timeoutMs = 10000): Promise<Diagnostic[]> {
    const uri = pathToFileURL(path).toString();
    await this.waitFor(() => {
      const current = this.diagnostics.get(uri);
      return current !== undefined && predicate(current);
    }, () => `diagnostics of ${path}; last: ${JSON.stringify(this.diagnostics.get(uri)?.map((d) => d.code))}`, timeoutMs);
    return this.diagnostics.get(uri)!;
  }

  /** Resolves when `condition` holds, checked whenever the server publishes diagnostics or asks for a lens refresh. */
  async waitFor(condition: () => boolean, describe: () => string, timeoutMs = 10000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`timed out waiting for ${describe()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async open(path: string, text: string, languageId = 'yaml'): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: pathToFileURL(path).toString(), languageId, version: 1, text },
    });
  }

  async change(path: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: pathToFileURL(path).toString(), version },
      contentChanges: [{ text }],
    });
  }

  async dispose(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      // `exit` makes the server end its process: only for a server in a child process.
      if (this.child) await this.connection.sendNotification('exit');
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    this.child?.kill();
  }
}

/** Connects a client and a server through an in-memory stream pair. */
export function startInMemory(): TestClient {
  const up = new PassThrough();
  const down = new PassThrough();
  createServer({ connection: createConnection(new StreamMessageReader(up), new StreamMessageWriter(down)) }).listen();
  return new TestClient(createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up)));
}

/** Starts the bundled server (`dist/server.js --stdio`) as a child process. */
export function startStdio(serverScript: string, args: string[] = ['--stdio']): TestClient {
  const child = spawn(process.execPath, [serverScript, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new TestClient(createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)), child);
}
