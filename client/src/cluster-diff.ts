import * as vscode from 'vscode';
import type { AppliedObject } from '../../server/src/protocol/custom-messages';

const SCHEME = 'rbac-doctor-cluster';

/**
 * Read-only documents for the diff of a dry-run apply: the live objects before, and as the cluster
 * would leave them. Only the latest diff is kept.
 */
export class ClusterDiff implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(SCHEME, this);
  private shown = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '# This preview is no longer available.\n';
  }

  /** Opens the diff of all objects, as multi-document YAML. */
  async show(contextName: string, objects: AppliedObject[]): Promise<void> {
    this.contents.clear();
    const id = ++this.shown;
    const uri = (side: string): vscode.Uri => vscode.Uri.from({ scheme: SCHEME, path: `/${contextName}/${side}.yaml`, query: String(id) });
    const before = uri('live');
    const after = uri('after-apply');
    this.contents.set(before.toString(), objects.map((o) => document(o, o.before, '# does not exist yet')).join('---\n'));
    this.contents.set(after.toString(), objects.map((o) => document(o, o.after ?? '', '# not returned by the dry run')).join('---\n'));
    await vscode.commands.executeCommand('vscode.diff', before, after, `${contextName}: live ↔ after apply (dry run)`, { preview: true });
  }

  dispose(): void {
    this.registration.dispose();
  }
}

function document(o: AppliedObject, yaml: string, missing: string): string {
  const name = `# ${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}\n`;
  const body = yaml.trim() ? yaml : `${missing}\n`;
  return name + (body.endsWith('\n') ? body : `${body}\n`);
}
