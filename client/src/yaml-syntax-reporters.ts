import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { YamlSyntaxReportersNotification, type YamlSyntaxReporters } from '../../server/src/protocol/custom-messages';

const RED_HAT_YAML = 'redhat.vscode-yaml';

/** Extensions that already report YAML syntax errors: Red Hat YAML, while its `yaml.validate` is on. */
export function yamlSyntaxReporters(): YamlSyntaxReporters {
  const redHat = vscode.extensions.getExtension(RED_HAT_YAML) !== undefined &&
    vscode.workspace.getConfiguration('yaml').get<boolean>('validate', true) !== false;
  return { extensions: redHat ? [RED_HAT_YAML] : [] };
}

/** Tells the server again when extensions are installed or removed, or `yaml.validate` changes. */
export function watchYamlSyntaxReporters(client: LanguageClient): vscode.Disposable {
  let last = JSON.stringify(yamlSyntaxReporters());
  const send = () => {
    const now = yamlSyntaxReporters();
    if (JSON.stringify(now) === last) return;
    last = JSON.stringify(now);
    void client.sendNotification(YamlSyntaxReportersNotification, now);
  };
  return vscode.Disposable.from(
    vscode.extensions.onDidChange(send),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('yaml.validate')) send();
    }),
  );
}
