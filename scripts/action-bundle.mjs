// The GitHub Action's bundle, action/dist/, in one place: scripts/build.mjs writes it and the
// bundle-current test rebuilds it in memory to prove the checked-in bytes are the build of these sources.
import { build } from 'esbuild';

export const actionBundleFile = 'action/dist/rbac-doctor.js';
export const actionWasmSource = 'node_modules/re2-wasm/build/wasm/re2.wasm';
export const actionWasmFile = 'action/dist/re2.wasm';

// Minified, no source map, no path of this machine in it: the same sources give the same bytes.
export function buildActionBundle({ write = true, repo = process.cwd() } = {}) {
  return build({
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: false,
    minify: true,
    logLevel: 'warning',
    entryPoints: ['server/src/cli/main.ts'],
    outfile: actionBundleFile,
    write,
    absWorkingDir: repo,
  });
}
