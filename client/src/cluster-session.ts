import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import type { ClusterStatus } from '../../server/src/protocol/custom-messages';

const DISCONNECTED: ClusterStatus = { connected: false, warnings: [] };

/**
 * What the client knows of the server's cluster connection: the status the server last answered,
 * mirrored in the `rbacDoctor.clusterConnected` context key. The server forgets the cluster when it
 * stops, so any stop or restart resets it.
 */
export class ClusterSession implements vscode.Disposable {
  private current: ClusterStatus = DISCONNECTED;
  private readonly changed = new vscode.EventEmitter<ClusterStatus>();
  readonly onDidChange = this.changed.event;
  private readonly stateListener: vscode.Disposable;

  constructor(client: LanguageClient) {
    this.stateListener = client.onDidChangeState((e) => {
      if (e.newState !== State.Running) this.update(DISCONNECTED);
    });
    void this.setContextKey();
  }

  get status(): ClusterStatus {
    return this.current;
  }

  /** The context name while connected. */
  get context(): string | undefined {
    return this.current.connected ? this.current.context : undefined;
  }

  update(status: ClusterStatus): void {
    this.current = status.connected ? status : DISCONNECTED;
    void this.setContextKey();
    this.changed.fire(this.current);
  }

  private setContextKey(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', 'rbacDoctor.clusterConnected', this.current.connected);
  }

  dispose(): void {
    this.stateListener.dispose();
    this.changed.dispose();
  }
}
