// Bundles the extension client, the language server, the CLI, the cluster module and the benchmark into dist/.
// `--action`: only the GitHub Action's bundle, action/dist/ (checked in, as GitHub's JavaScript actions are:
// the Action runs it with the runner's node, without npm ci or a build; CI checks it is current).
import { copyFileSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';
import { actionWasmFile, actionWasmSource, buildActionBundle } from './action-bundle.mjs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

if (process.argv.includes('--action')) {
  await buildActionBundle();
  copyFileSync(actionWasmSource, actionWasmFile);
  process.exit(0);
}

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
  // Loaded only when the user connects to a cluster (server/src/cluster/load-cluster.ts).
  build({ ...common, entryPoints: ['server/src/cluster/live-cluster.ts'], outfile: 'dist/cluster.js' }),
  build({ ...common, entryPoints: ['test/bench/bench.ts'], outfile: 'dist/bench.js' }),
]);

// Go's regular expressions run on Google's RE2 compiled to WASM (re2-wasm): its loader reads re2.wasm beside the bundle.
mkdirSync('dist', { recursive: true });
copyFileSync('node_modules/re2-wasm/build/wasm/re2.wasm', 'dist/re2.wasm');
