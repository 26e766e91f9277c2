import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';

interface Manifest {
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
  contributes: { configuration: { properties: Record<string, { type: string | string[]; items?: { type: string }; markdownDescription?: string; description?: string }> } | { properties: Record<string, unknown> }[] };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as Manifest;

describe('settings that name files, in untrusted workspaces', () => {
  it('every setting that names a file to read is restricted (VS Code ignores the workspace\'s own value until it is trusted)', () => {
    const configuration = manifest.contributes.configuration;
    const properties = Object.assign({}, ...(Array.isArray(configuration) ? configuration : [configuration]).map((c) => c.properties)) as Record<string, { markdownDescription?: string; description?: string }>;
    // The settings whose value is a path the server or the extension opens.
    const namesFiles = ['rbacDoctor.helm.valuesFiles', 'rbacDoctor.kubeconfig'];
    for (const key of namesFiles) {
      assert.ok(properties[key], `${key} is a contributed setting`);
      assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(key), `${key} is restricted`);
    }
  });
});
