import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { pathToFileURL } from 'url';
import { REPO } from '../helpers/run-cli';

interface ActionBundleModule {
  actionBundleFile: string;
  actionWasmSource: string;
  actionWasmFile: string;
  buildActionBundle(options: { write: boolean; repo: string }): Promise<{ outputFiles?: { path: string; contents: Uint8Array }[] }>;
}

// The Action runs the checked-in action/dist with the runner's node (no npm ci, no build), so a stale bundle
// would check users' repositories with yesterday's engine: the bytes must be the build of these sources.
describe('GitHub Action bundle (action/dist) is the build of the current sources', () => {
  it('rebuilding it in memory gives the checked-in bytes; otherwise run npm run build:action and commit action/dist', async function () {
    this.timeout(60_000);
    // A dynamic import written through Function keeps TypeScript's CommonJS output from turning it into require().
    const load = new Function('url', 'return import(url)') as (url: string) => Promise<ActionBundleModule>;
    const bundle = await load(pathToFileURL(join(REPO, 'scripts/action-bundle.mjs')).href);
    const result = await bundle.buildActionBundle({ write: false, repo: REPO });
    const built = result.outputFiles?.find((f) => f.path.endsWith('rbac-doctor.js'));
    assert.ok(built, 'esbuild produced the bundle');
    const checkedIn = readFileSync(join(REPO, bundle.actionBundleFile));
    assert.ok(Buffer.from(built.contents).equals(checkedIn), 'action/dist/rbac-doctor.js is stale: run npm run build:action and commit action/dist');
    assert.ok(readFileSync(join(REPO, bundle.actionWasmSource)).equals(readFileSync(join(REPO, bundle.actionWasmFile))), 'action/dist/re2.wasm differs from re2-wasm\'s');
  });
});
